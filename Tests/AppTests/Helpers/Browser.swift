import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization

/// A minimal browser over the test client: keeps cookies and fills the CSRF field of forms,
/// so tests walk the back office the way a clerk does.
final class Browser: Sendable {
    let client: any TestClientProtocol
    private let jar = Mutex<[String: String]>([:])

    init(_ client: any TestClientProtocol) { self.client = client }

    var cookies: [String: String] { jar.withLock { $0 } }

    func setCookie(_ name: String, _ value: String) { jar.withLock { $0[name] = value } }

    @discardableResult
    func get(_ uri: String) async throws -> TestResponse {
        try await send(uri, method: .get, body: nil)
    }

    /// Posts a form; `csrf` is added from the last page's hidden field unless `withCSRF` is false.
    @discardableResult
    func post(_ uri: String, _ fields: [String: String], csrf: String?) async throws -> TestResponse {
        var fields = fields
        if let csrf { fields["_csrf"] = csrf }
        let body = fields.sorted { $0.key < $1.key }
            .map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: body, contentType: "application/x-www-form-urlencoded")
    }

    /// Posts a `multipart/form-data` form with one file, as a browser's file input does.
    @discardableResult
    func upload(_ uri: String, _ fields: [String: String], file: (field: String, name: String, bytes: [UInt8]), csrf: String?) async throws -> TestResponse {
        try await upload(uri, fields, files: [file], csrf: csrf)
    }

    /// Posts a `multipart/form-data` form with its fields first (the token among them), then its files.
    @discardableResult
    func upload(_ uri: String, _ fields: [String: String], files: [(field: String, name: String, bytes: [UInt8])], csrf: String?) async throws -> TestResponse {
        let boundary = "----LoaTestBoundary7MA4YWxkTrZu0gW"
        var fields = fields
        if let csrf { fields["_csrf"] = csrf }
        var body: [UInt8] = []
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8)
            body += file.bytes
            body += Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return try await send(uri, method: .post, bytes: ByteBuffer(bytes: body), contentType: "multipart/form-data; boundary=\(boundary)")
    }

    private func send(_ uri: String, method: HTTPRequest.Method, body: String?, contentType: String? = nil) async throws -> TestResponse {
        try await send(uri, method: method, bytes: body.map { ByteBuffer(string: $0) }, contentType: contentType)
    }

    private func send(_ uri: String, method: HTTPRequest.Method, bytes: ByteBuffer?, contentType: String? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        let cookieHeader = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        if !cookieHeader.isEmpty { headers[.cookie] = cookieHeader }
        if let contentType { headers[.contentType] = contentType }
        headers[.userAgent] = "LoaTests"
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: bytes)
        jar.withLock { jar in
            for header in response.headers[values: .setCookie] {
                guard let pair = header.split(separator: ";").first else { continue }
                let parts = pair.split(separator: "=", maxSplits: 1)
                let name = String(parts[0])
                let value = parts.count > 1 ? String(parts[1]) : ""
                if value.isEmpty || header.contains("Max-Age=0") { jar[name] = nil } else { jar[name] = value }
            }
        }
        return response
    }

    /// The value of the first hidden `_csrf` field in a page.
    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
