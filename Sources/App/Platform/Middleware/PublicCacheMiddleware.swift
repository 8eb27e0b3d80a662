import Crypto
import Foundation
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
        let key = Self.key(authority: request.head.authority, path: request.uri.path, query: request.uri.query)
        if let entry = await cache.get(key) {
            LoaMetrics.pageCacheHits.increment()
            return Self.response(entry.body, contentType: entry.contentType, etag: entry.etag, request: request)
        }
        LoaMetrics.pageCacheMisses.increment()
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

    /// Query parameters some public page or API answer reads. Only these enter the cache key, so random
    /// query strings (`?x=123`) map to the page already cached instead of forcing a render each (issue #8).
    /// A page that reads a new parameter must add it here.
    static let pageParameters: Set<String> = [
        "q", "trang", "pham-vi", "chuyen-muc", "tu", "den", "hinh-thuc", "co-quan", "nam", "linh-vuc", "cap", "quay",
        "category", "site", "page", "per_page", "level", "sector", "year", "form", "issuing_body",
    ]

    /// Host, path and the page's own parameters in the order sent (a page may read the first or the
    /// last of a repeated name, so repeats are kept), grouped by name.
    static func key(authority: String?, path: String, query: String?) -> String {
        let base = (authority ?? "") + path
        guard let query, !query.isEmpty else { return base }
        let kept = query.split(separator: "&").filter { pair in
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
            return pageParameters.contains(name.removingPercentEncoding ?? String(name))
        }
        // A stable sort by name: the same parameters in another order share one entry.
        let sorted = kept.enumerated().sorted { a, b in
            let nameA = a.element.prefix { $0 != "=" }, nameB = b.element.prefix { $0 != "=" }
            return nameA == nameB ? a.offset < b.offset : nameA < nameB
        }
        return sorted.isEmpty ? base : base + "?" + sorted.map { String($0.element) }.joined(separator: "&")
    }

    private func render(
        _ key: String, request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let version = await cache.currentVersion()
        let sites = PageSites()
        var response = try await PageSites.$current.withValue(sites) { try await next(request, context) }
        guard response.status == .ok, let contentType = response.headers[.contentType],
            response.headers[.contentDisposition] == nil
        else { return response }
        let collector = BodyCollector()
        try await response.body.write(collector.writer)
        let body = collector.buffer.value
        let etag = "\"" + SHA256.hash(data: Array(buffer: body)).prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
        cache.put(key, body: body, contentType: contentType, etag: etag, renderedAt: version, site: sites.single)
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
