import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// `/api/v1`: sites, categories, articles and search as JSON, read-only (issue #3).
struct APIController: Sendable {
    let database: DatabaseStack
    /// Taken per use: the next event loop's connections, the request's logger.
    var db: any Database { database.db }
    let sites: SiteDirectory
    let configuration: AppConfiguration
    let clients: Clients
    static let maxPerPage = 100

    func register(on group: RouterGroup<AppRequestContext>) {
        let api = group.group().add(middleware: APIErrorMiddleware())
        api.get(RouterPath(APIRoute.sites.rawValue)) { _, _ in try await allSites() }
        api.get(RouterPath(APIRoute.categories.rawValue)) { _, context in try await categories(context) }
        api.get(RouterPath(APIRoute.articles.rawValue)) { request, context in try await articles(request, context) }
        api.get(RouterPath(APIRoute.article.rawValue)) { _, context in try await article(context) }
        api.get(RouterPath(APIRoute.search.rawValue)) { request, _ in try await search(request) }
        api.get(RouterPath(APIRoute.procedures.rawValue)) { request, context in try await procedures(request, context) }
        api.get(RouterPath(APIRoute.procedure.rawValue)) { _, context in try await procedure(context) }
        api.get(RouterPath(APIRoute.documents.rawValue)) { request, context in try await documents(request, context) }
        api.get(RouterPath(APIRoute.document.rawValue)) { _, context in try await document(context) }
        api.get(RouterPath(APIRoute.openAPI.rawValue)) { _, _ in OpenAPIDocument.response(baseURL: configuration.baseURL) }
    }

    func base(_ site: SiteInfo) -> (String, SiteMount) {
        let url = site.host.map { "\(configuration.baseURL.scheme ?? "https")://\($0)" } ?? configuration.baseURL.absoluteString
        return (url, site.isPrimary || site.host != nil ? .root : .underPrefix(site.slug))
    }

    func site(_ context: AppRequestContext) async throws -> SiteInfo {
        guard let slug = context.parameters.get("site"), let site = try await sites.site(slug: slug) else { throw AppError.notFound }
        return site
    }

    private func summary(_ article: Article, site: SiteInfo) -> ArticleSummaryDTO {
        let (url, mount) = base(site)
        return ArticleSummaryDTO(
            slug: article.slug, title: article.title, summary: article.summary,
            publishedAt: article.publishedAt ?? Date(timeIntervalSince1970: 0), url: url + mount.path(.article(slug: article.slug)))
    }

    func paging(_ request: Request) throws -> (page: Int, perPage: Int) {
        let parameters = request.uri.queryParameters
        let page =
            try parameters.get("page").map { raw -> Int in
                guard let value = RequestNumber.parse(raw, in: RequestNumber.pages) else {
                    throw AppError.badRequest("page must be a whole number from 1 to 100000")
                }
                return value
            } ?? 1
        let perPage =
            try parameters.get("per_page").map { raw -> Int in
                guard let value = RequestNumber.parse(raw, in: 1...Self.maxPerPage) else {
                    throw AppError.badRequest("per_page must be a whole number from 1 to \(Self.maxPerPage)")
                }
                return value
            } ?? 20
        return (page, perPage)
    }

    private func allSites() async throws -> [SiteDTO] {
        try await sites.all().map { site in
            let (url, mount) = base(site)
            return SiteDTO(
                slug: site.slug, name: site.name, url: url + mount.path(.home), ownerAgency: site.contact.ownerAgency,
                address: site.contact.address, phone: site.contact.phone, email: site.contact.email)
        }
    }

    private func categories(_ context: AppRequestContext) async throws -> [CategoryDTO] {
        let site = try await site(context)
        let (url, mount) = base(site)
        return try await CategoryQueries.all(siteID: site.id, on: db).map {
            CategoryDTO(slug: $0.slug, name: $0.name, url: url + mount.path(.category(slug: $0.slug, page: 1)))
        }
    }

    private func articles(_ request: Request, _ context: AppRequestContext) async throws -> PageDTO<ArticleSummaryDTO> {
        let site = try await site(context)
        let (page, perPage) = try paging(request)
        var categoryID: UUID?
        if let slug = request.uri.queryParameters.get("category") {
            guard let category = try await CategoryQueries.category(siteID: site.id, slug: String(slug), on: db) else { throw AppError.notFound }
            categoryID = category.id
        }
        let now = clients.now()
        let total = try await ArticleQueries.count(siteID: site.id, categoryID: categoryID, now: now, on: db)
        let items = try await ArticleQueries.latest(siteID: site.id, categoryID: categoryID, now: now, limit: perPage, offset: (page - 1) * perPage, on: db)
        return PageDTO(items: items.map { summary($0, site: site) }, page: page, perPage: perPage, total: total)
    }

    private func article(_ context: AppRequestContext) async throws -> ArticleDTO {
        let site = try await site(context)
        guard let slug = context.parameters.get("slug"),
            let article = try await ArticleQueries.article(siteID: site.id, slug: slug, now: clients.now(), on: db)
        else { throw AppError.notFound }
        let (url, mount) = base(site)
        let category = try await article.$category.get(on: db)
        return ArticleDTO(
            slug: article.slug, title: article.title, summary: article.summary, body: article.body, author: article.authorName,
            source: article.source, publishedAt: article.publishedAt ?? Date(timeIntervalSince1970: 0),
            category: category.map { CategoryDTO(slug: $0.slug, name: $0.name, url: url + mount.path(.category(slug: $0.slug, page: 1))) },
            tags: article.tags.map(\.name), url: url + mount.path(.article(slug: article.slug)))
    }

    private func search(_ request: Request) async throws -> SearchDTO {
        let parameters = request.uri.queryParameters
        // Read from the raw query: HTML forms send spaces as "+", which URI decoding leaves alone.
        let raw = FormFields(body: request.uri.query ?? "")["q"] ?? ""
        let query = SearchQuery(raw)
        let (page, perPage) = try paging(request)
        let all = try await sites.all()
        var siteIDs: [UUID]?
        if let slug = parameters.get("site") {
            guard let site = all.first(where: { $0.slug == String(slug) }) else { throw AppError.notFound }
            siteIDs = [site.id]
        }
        let (ids, total) = try await SearchIndex(db: db).search(
            query, filters: .init(siteIDs: siteIDs), now: clients.now(), limit: perPage, offset: (page - 1) * perPage)
        let articles = try await Article.query(on: db).filter(\.$id ~~ ids).all()
        let byID = Dictionary(uniqueKeysWithValues: articles.compactMap { article in article.id.map { ($0, article) } })
        let items = ids.compactMap { byID[$0] }.compactMap { article in
            all.first { $0.id == article.$site.id }.map { summary(article, site: $0) }
        }
        return SearchDTO(query: String(raw.prefix(500)), items: items, page: page, perPage: perPage, total: total)
    }
}

/// Errors under /api are JSON with a machine-readable code, never an HTML page.
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, code, message): (HTTPResponse.Status, String, String) =
                switch error {
                case AppError.notFound: (.notFound, "not_found", "No such resource.")
                case AppError.badRequest(let reason): (.badRequest, "bad_request", reason)
                default: (.internalServerError, "internal_error", "Internal error; reference \(context.requestID).")
                }
            if status == .internalServerError { context.logger.error("api error", metadata: ["error": "\(String(reflecting: error))"]) }
            var response = try APIErrorDTO(error: code, message: message).response(from: request, context: context)
            response.status = status
            return response
        }
    }
}
