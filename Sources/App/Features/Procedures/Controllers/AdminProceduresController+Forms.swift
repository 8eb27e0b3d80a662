import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// Form templates of a procedure, uploaded for citizens to download (issue #4).
extension AdminProceduresController {
    /// Form template files (PDF, DOC, DOCX, XLS, XLSX, checked by content) for the procedure's page.
    func uploadForms(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let procedure = try await procedure(context)
        let multipart = try MultipartForm.from(request, context: context)
        var uploads: [(name: String, kind: DocumentFileKind, data: Data)] = []
        var problems: [FieldProblem] = []
        for file in multipart.files("forms") {
            let name = SafeFileName.display(file.filename)
            let ext = (name as NSString).pathExtension
            guard file.size <= configuration.documentMaxBytes else {
                problems.append(
                    FieldProblem(field: "forms", message: "Tệp «\(name)»: \(DocumentFileKind.Refusal.tooLarge(limit: configuration.documentMaxBytes))"))
                continue
            }
            let data = file.data
            switch DocumentFileKind.detect(data, claimedExtension: ext.isEmpty ? nil : ext, limit: configuration.documentMaxBytes) {
            case .success(let kind): uploads.append((name, kind, data))
            case .failure(let refusal): problems.append(FieldProblem(field: "forms", message: "Tệp «\(name)»: \(refusal)"))
            }
        }
        if uploads.isEmpty, problems.isEmpty { problems.append(FieldProblem(field: "forms", message: "Chọn ít nhất một tệp mẫu.")) }
        guard problems.isEmpty else { return try await form(context, procedure: procedure, fields: nil, errors: problems) }
        let folder = formFolder
        // Files first, rows in one transaction; if anything fails, the files written are removed again.
        var written: [String] = []
        do {
            for upload in uploads { written.append(try folder.write(upload.data, kind: upload.kind).name) }
            let rows = try zip(uploads, written).map { upload, stored in
                ProcedureForm(procedureID: try procedure.requireID(), displayName: upload.name, storedName: stored, kind: upload.kind, size: upload.data.count)
            }
            try await pageCache.changingContent(on: db) { db in
                for row in rows { try await row.save(on: db) }
            }
        } catch {
            for stored in written { folder.remove(stored) }
            throw error
        }
        return .redirect(to: AdminPage.procedure(id: try procedure.requireID().uuidString).link, type: .normal)
    }
}
