import Hummingbird

/// Counts a view of each article page served with 200, cached or not, leaving out HEAD requests,
/// revalidations (304) and self-declared crawlers.
struct ViewCountMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let counter: ViewCounter
    /// Matched once here, not on every request.
    static let articlePattern = SiteRoute.article.rawValue.replacingOccurrences(of: ":slug", with: "{slug}")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        guard request.method == .get, response.status == .ok,
            context.endpointPath?.hasSuffix(Self.articlePattern) == true,
            let slug = context.parameters.get("slug"), !Self.isCrawler(request.headers[.userAgent])
        else { return response }
        counter.record(site: context.parameters.get("site").map { .slug(String($0)) } ?? .host(request.head.authority), slug: slug)
        return response
    }

    static func isCrawler(_ userAgent: String?) -> Bool {
        guard let agent = userAgent?.lowercased() else { return false }
        return ["bot", "crawl", "spider", "slurp"].contains { agent.contains($0) }
    }
}
