import Crypto
import Hummingbird

/// Serves public GET pages from `PageCache` with ETag and Cache-Control, and answers
/// `If-None-Match` with 304. Only 200 responses are cached; errors are rendered afresh.
struct PublicCacheMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let cache: PageCache
    /// Browsers and proxies may reuse a page this long; the server's own copy is always current.
    static let cacheControl = "public, max-age=60"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else { return try await next(request, context) }
        let key = "\(request.head.authority ?? "")\(request.uri.path)?\(request.uri.query ?? "")"
        if let entry = await cache.get(key) {
            return Self.response(entry.body, contentType: entry.contentType, etag: entry.etag, request: request)
        }
        let claimed = await cache.claimRender(key)
        if !claimed, let entry = await cache.get(key) {
            return Self.response(entry.body, contentType: entry.contentType, etag: entry.etag, request: request)
        }
        // This request renders: it claimed the key, or the render it waited for was not cacheable.
        do {
            let response = try await render(key, request: request, context: context, next: next)
            if claimed { cache.finishRender(key) }
            return response
        } catch {
            if claimed { cache.finishRender(key) }
            throw error
        }
    }

    private func render(
        _ key: String, request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let version = await cache.currentVersion()
        var response = try await next(request, context)
        guard response.status == .ok, let contentType = response.headers[.contentType],
              response.headers[.contentDisposition] == nil else { return response }
        let collector = BodyCollector()
        try await response.body.write(collector.writer)
        let body = collector.buffer.value
        let etag = "\"" + SHA256.hash(data: Array(buffer: body)).prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
        cache.put(key, body: body, contentType: contentType, etag: etag, renderedAt: version)
        response.body = .init(byteBuffer: body)
        response.headers[.eTag] = etag
        response.headers[.cacheControl] = Self.cacheControl
        return Self.notModified(request, etag: etag) ?? response
    }

    private static func response(_ body: ByteBuffer, contentType: String, etag: String, request: Request) -> Response {
        if let notModified = notModified(request, etag: etag) { return notModified }
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.eTag] = etag
        headers[.cacheControl] = cacheControl
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    private static func notModified(_ request: Request, etag: String) -> Response? {
        guard let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) else {
            return nil
        }
        var headers = HTTPFields()
        headers[.eTag] = etag
        headers[.cacheControl] = cacheControl
        return Response(status: .notModified, headers: headers)
    }
}

/// Reads a response body back into one buffer (Hummingbird bodies are writers, not values).
struct BodyCollector {
    final class Box: @unchecked Sendable { var value = ByteBuffer() }
    let buffer = Box()

    var writer: Writer { Writer(box: buffer) }

    struct Writer: ResponseBodyWriter {
        let box: Box
        mutating func write(_ chunk: ByteBuffer) async throws {
            var chunk = chunk
            box.value.writeBuffer(&chunk)
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
