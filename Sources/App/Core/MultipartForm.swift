import Foundation
import Hummingbird
import MultipartKit

/// A `multipart/form-data` body (forms with a file), read whole up to a limit. Text fields are
/// decoded as UTF-8; a file keeps its bytes and the client's file name (for display only).
struct MultipartForm: Sendable {
    struct File: Sendable {
        var filename: String
        var bytes: [UInt8]
        var data: Data { Data(bytes) }
    }

    private(set) var fields: [String: String] = [:]
    private var filesByName: [String: [File]] = [:]

    subscript(_ name: String) -> String? { fields[name] }

    /// The files chosen in an input (several when it has `multiple`); an input left empty sends none.
    func files(_ name: String) -> [File] { (filesByName[name] ?? []).filter { !$0.filename.isEmpty || !$0.bytes.isEmpty } }
    func file(_ name: String) -> File? { files(name).first }
    func text(_ name: String) -> String { fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }

    /// The boundary of a `multipart/form-data` content type, or nil for any other body.
    static func boundary(of contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty || value.count > 200 ? nil : value
            }
        }
        return nil
    }

    /// Parses `body`; a malformed body is a 400 with a reason.
    static func parse(_ body: ByteBuffer, boundary: String) throws -> MultipartForm {
        var form = MultipartForm()
        var headers: [String: String] = [:]
        var data: [UInt8] = []
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { buffer in data += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        parser.onPartComplete = {
            let disposition = headers["content-disposition"] ?? ""
            if let name = parameter("name", in: disposition) {
                if let filename = parameter("filename", in: disposition) {
                    form.filesByName[name, default: []].append(File(filename: filename, bytes: data))
                } else {
                    form.fields[name] = String(decoding: data, as: UTF8.self)
                }
            }
            headers = [:]
            data = []
        }
        do {
            try parser.execute(body)
        } catch {
            throw AppError.badRequest("Dữ liệu biểu mẫu không hợp lệ.")
        }
        return form
    }

    /// A form whose file inputs are optional: multipart when the browser sent files, otherwise the
    /// ordinary url-encoded fields (no files).
    static func fromEitherForm(_ request: Request, context: AppRequestContext) async throws -> MultipartForm {
        if boundary(of: request.headers[.contentType]) != nil { return try await from(request, limit: context.maxMultipartSize) }
        var form = MultipartForm()
        form.fields = try await FormFields.from(request, context: context).all
        return form
    }

    /// Reads the request's multipart body up to `limit` bytes (larger: 413).
    static func from(_ request: Request, limit: Int) async throws -> MultipartForm {
        guard let boundary = boundary(of: request.headers[.contentType]) else {
            throw AppError.badRequest("Biểu mẫu phải được gửi dạng multipart/form-data.")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw AppError.payloadTooLarge
        }
        return try parse(body, boundary: boundary)
    }

    private static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
