import Foundation
import LoaCore

/// A file someone attached (a unit's evidence for the plan, a citizen's photo of a broken road), checked
/// by its content: photos (JPEG, PNG, WebP) and documents (PDF, DOC, DOCX, XLS, XLSX). The name the
/// browser sent is kept for display only; the stored file is named by `UploadFolder`.
struct CheckedAttachment: Sendable {
    var displayName: String
    var fileExtension: String
    var mediaType: String
    var data: Data

    static let acceptedKinds = "ảnh JPEG, PNG, WebP hoặc tệp PDF, DOC, DOCX, XLS, XLSX"

    /// The file as a photo or a document, or why it is refused, named in the message.
    static func check(filename: String, bytes: [UInt8], documentLimit: Int, field: String = "attachments") -> Result<CheckedAttachment, FieldProblem> {
        let name = SafeFileName.display(filename)
        if case .success(let image) = ImageProbe.inspect(bytes, maxBytes: min(documentLimit, ImageProbe.maxBytes)) {
            return .success(.init(displayName: name, fileExtension: image.format.fileExtension, mediaType: image.format.mimeType, data: Data(bytes)))
        }
        let ext = (name as NSString).pathExtension.lowercased()
        switch DocumentFileKind.detect(Data(bytes), claimedExtension: ext.isEmpty ? nil : ext, limit: documentLimit) {
        case .success(let kind):
            return .success(.init(displayName: name, fileExtension: kind.rawValue, mediaType: kind.mediaType, data: Data(bytes)))
        case .failure(let refusal):
            let reason = refusal == .unknown ? "Chỉ nhận \(acceptedKinds) (kiểm tra theo nội dung tệp)." : refusal.description
            return .failure(FieldProblem(field: field, message: "Tệp «\(name)»: \(reason)"))
        }
    }
}
