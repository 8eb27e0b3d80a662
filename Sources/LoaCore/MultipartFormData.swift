import Foundation

/// A `multipart/form-data` body (RFC 7578) split into its parts: enough for the back office's upload
/// forms, which send a few text fields and files (issue #4). Part names and file names are data, never paths.
public struct MultipartFormData: Sendable {
    public struct Part: Sendable {
        public var name: String
        public var fileName: String?
        public var contentType: String?
        public var data: Data
        public var text: String { String(decoding: data, as: UTF8.self) }
    }

    public var parts: [Part]

    public func value(_ name: String) -> String? { parts.first { $0.name == name && $0.fileName == nil }?.text }
    public func files(_ name: String) -> [Part] { parts.filter { $0.name == name && $0.fileName.map { !$0.isEmpty } == true && !$0.data.isEmpty } }

    /// The boundary parameter of a `multipart/form-data` content type.
    public static func boundary(contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty || value.count > 200 ? nil : value
        }
        return nil
    }

    public enum ParseError: Error, Equatable { case malformed }

    public init(body: Data, boundary: String) throws {
        let delimiter = Data("--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        var parts: [Part] = []
        guard var cursor = body.range(of: delimiter)?.upperBound else { throw ParseError.malformed }
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[cursor...].starts(with: Data("--".utf8)) { break }
            guard body[cursor...].starts(with: Data("\r\n".utf8)) else { throw ParseError.malformed }
            let headersStart = cursor + 2
            guard let headersRange = body.range(of: headerEnd, in: headersStart..<body.endIndex) else { throw ParseError.malformed }
            let headers = String(decoding: body[headersStart..<headersRange.lowerBound], as: UTF8.self)
            guard let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headersRange.upperBound..<body.endIndex) else {
                throw ParseError.malformed
            }
            let content = Data(body[headersRange.upperBound..<next.lowerBound])
            var name: String?
            var fileName: String?
            var contentType: String?
            for line in headers.components(separatedBy: "\r\n") {
                let pair = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { continue }
                switch pair[0].lowercased() {
                case "content-disposition":
                    name = Self.parameter("name", in: pair[1])
                    fileName = Self.parameter("filename", in: pair[1])
                case "content-type":
                    contentType = pair[1]
                default: break
                }
            }
            if let name { parts.append(Part(name: name, fileName: fileName, contentType: contentType, data: content)) }
            cursor = next.upperBound
        }
        self.parts = parts
    }

    /// `name="value"` inside a Content-Disposition header; quotes may be escaped with a backslash.
    static func parameter(_ key: String, in header: String) -> String? {
        var rest = Substring(header)
        while let range = rest.range(of: "\(key)=") {
            let before = rest[..<range.lowerBound].last
            rest = rest[range.upperBound...]
            guard before == nil || before == ";" || before == " " else { continue }
            if rest.first == "\"" {
                var value = ""
                var escaped = false
                for character in rest.dropFirst() {
                    if escaped { value.append(character); escaped = false; continue }
                    if character == "\\" { escaped = true; continue }
                    if character == "\"" { return value }
                    value.append(character)
                }
                return value
            }
            return String(rest.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
