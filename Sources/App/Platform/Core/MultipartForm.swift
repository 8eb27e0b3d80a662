import Foundation
import Hummingbird
import MultipartKit

/// A `multipart/form-data` body (forms with a file). Text fields are decoded as UTF-8 and kept in memory
/// (1 MB in all); a file keeps the client's file name (for display only) and its bytes — written to a
/// temporary file as they arrive when the body is streamed, so a large upload never sits whole in
/// memory (issue #8: three parallel 205 MB uploads once reached 1.4 GB).
struct MultipartForm: Sendable {
    struct File: Sendable {
        enum Storage: Sendable {
            case memory([UInt8])
            case disk(URL)
        }

        var filename: String
        var size: Int
        var storage: Storage

        init(filename: String, bytes: [UInt8]) {
            self.filename = filename
            size = bytes.count
            storage = .memory(bytes)
        }

        init(filename: String, size: Int, url: URL) {
            self.filename = filename
            self.size = size
            storage = .disk(url)
        }

        /// The bytes, read from disk when the file was streamed there: check `size` against the
        /// handler's own limit first.
        var bytes: [UInt8] {
            switch storage {
            case .memory(let bytes): bytes
            case .disk(let url): (try? Array(Data(contentsOf: url))) ?? []
            }
        }

        var data: Data {
            switch storage {
            case .memory(let bytes): Data(bytes)
            case .disk(let url): (try? Data(contentsOf: url)) ?? Data()
            }
        }
    }

    static let maxFieldBytes = 1 << 20

    private(set) var fields: [String: String] = [:]
    private var filesByName: [String: [File]] = [:]

    init() {}

    /// A form that came url-encoded: its fields and no files.
    init(fields: [String: String]) { self.fields = fields }

    subscript(_ name: String) -> String? { fields[name] }

    /// The files chosen in an input (several when it has `multiple`); an input left empty sends none.
    func files(_ name: String) -> [File] { (filesByName[name] ?? []).filter { !$0.filename.isEmpty || $0.size > 0 } }
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

    /// Parses a body held in memory (small forms, tests); a malformed body is a 400 with a reason.
    static func parse(_ body: ByteBuffer, boundary: String) throws -> MultipartForm {
        var reader = try MultipartReader(boundary: boundary, directory: nil, limit: body.readableBytes, tokenField: nil, onField: { _, _ in })
        try reader.feed(body)
        return try reader.finish()
    }

    /// Reads a body as it arrives: fields into memory, files into `directory`. `onField` sees each text
    /// field the moment it is complete and may throw to stop reading at once (the CSRF check does, on
    /// a wrong token, before a file's first byte is stored).
    /// With `tokenField`, a file part that comes before that field is refused as a missing token.
    static func stream(
        _ request: Request, boundary: String, limit: Int, directory: URL, tokenField: String? = nil,
        onField: @escaping (String, String) throws -> Void
    ) async throws -> MultipartForm {
        var reader = try MultipartReader(boundary: boundary, directory: directory, limit: limit, tokenField: tokenField, onField: onField)
        for try await chunk in request.body {
            try reader.feed(chunk)
        }
        return try reader.finish()
    }

    /// A form whose file inputs are optional: multipart when the browser sent files, otherwise the
    /// ordinary url-encoded fields (no files).
    static func fromEitherForm(_ request: Request, context: AppRequestContext) async throws -> MultipartForm {
        if boundary(of: request.headers[.contentType]) != nil { return try from(request, context: context) }
        return MultipartForm(fields: try await FormFields.from(request, context: context).all)
    }

    /// The multipart form the CSRF check read while it streamed the body (it is read only once).
    static func from(_ request: Request, context: AppRequestContext) throws -> MultipartForm {
        guard boundary(of: request.headers[.contentType]) != nil else {
            throw AppError.badRequest("Biểu mẫu phải được gửi dạng multipart/form-data.")
        }
        guard let form = context.multipartForm else { throw AppError.invalidCSRF }
        return form
    }

    fileprivate mutating func add(field name: String, value: String) { fields[name] = value }
    fileprivate mutating func add(file: File, name: String) { filesByName[name, default: []].append(file) }
}

/// MultipartKit's streaming parser with Loa's limits: total size, text size, and files on disk.
private struct MultipartReader {
    private let parser: MultipartParser
    private let state: State

    /// The parser's callbacks cannot throw; what goes wrong is kept here and thrown after each chunk.
    private final class State {
        var form = MultipartForm()
        var headers: [String: String] = [:]
        var text: [UInt8] = []
        var fieldBytes = 0
        var file: (handle: FileHandle, url: URL, size: Int)?
        var received = 0
        var failure: (any Error)?
        var fileCount = 0
    }

    init(boundary: String, directory: URL?, limit: Int, tokenField: String?, onField: @escaping (String, String) throws -> Void) throws {
        let parser = MultipartParser(boundary: boundary)
        let state = State()
        if let directory { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
        parser.onHeader = { name, value in
            guard state.headers.count < 20, name.utf8.count + value.utf8.count < 4_096 else {
                state.failure = state.failure ?? AppError.badRequest("Dữ liệu biểu mẫu không hợp lệ.")
                return
            }
            state.headers[name.lowercased()] = value
        }
        parser.onBody = { buffer in
            guard state.failure == nil else { return }
            let disposition = state.headers["content-disposition"] ?? ""
            let isFile = Self.parameter("filename", in: disposition) != nil
            if isFile, let tokenField, state.form[tokenField] == nil {
                state.failure = AppError.invalidCSRF
                return
            }
            if isFile, let directory {
                if state.file == nil {
                    state.fileCount += 1
                    let url = directory.appendingPathComponent("part-\(state.fileCount)")
                    guard FileManager.default.createFile(atPath: url.path, contents: nil),
                        let handle = try? FileHandle(forWritingTo: url)
                    else {
                        state.failure = AppError.badRequest("Không ghi được tệp tải lên.")
                        return
                    }
                    state.file = (handle, url, 0)
                }
                let bytes = buffer.readableBytesView
                do { try state.file?.handle.write(contentsOf: bytes) } catch { state.failure = error; return }
                state.file?.size += bytes.count
            } else {
                state.fieldBytes += buffer.readableBytes
                guard isFile || state.fieldBytes <= MultipartForm.maxFieldBytes else {
                    state.failure = AppError.payloadTooLarge
                    return
                }
                state.text += buffer.readableBytesView
            }
        }
        parser.onPartComplete = {
            defer {
                state.headers = [:]
                state.text = []
                state.file = nil
            }
            guard state.failure == nil else { return }
            let disposition = state.headers["content-disposition"] ?? ""
            guard let name = Self.parameter("name", in: disposition) else { return }
            if let filename = Self.parameter("filename", in: disposition) {
                if let file = state.file {
                    try? file.handle.close()
                    state.form.add(file: .init(filename: filename, size: file.size, url: file.url), name: name)
                } else {
                    state.form.add(file: .init(filename: filename, bytes: state.text), name: name)
                }
            } else {
                let value = String(decoding: state.text, as: UTF8.self)
                do { try onField(name, value) } catch { state.failure = error; return }
                state.form.add(field: name, value: value)
            }
        }
        self.parser = parser
        self.state = state
        self.limit = limit
    }

    private let limit: Int

    mutating func feed(_ chunk: ByteBuffer) throws {
        let room = max(0, limit - state.received)
        state.received += chunk.readableBytes
        guard chunk.readableBytes <= room else {
            // What fits is still read, so a wrong token in it is named as such rather than as a size.
            if room > 0, let head = chunk.getSlice(at: chunk.readerIndex, length: room) { try execute(head) }
            throw AppError.payloadTooLarge
        }
        try execute(chunk)
    }

    private func execute(_ chunk: ByteBuffer) throws {
        do {
            try parser.execute(chunk)
        } catch {
            throw state.failure ?? AppError.badRequest("Dữ liệu biểu mẫu không hợp lệ.")
        }
        if let failure = state.failure { throw failure }
    }

    func finish() throws -> MultipartForm {
        if let failure = state.failure { throw failure }
        try? state.file?.handle.close()
        return state.form
    }

    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
