import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// The public pages of every site; each feature registers its own of them through `PublicRoutes.site`,
/// once at `/` and once under `/xa/:site/` (issue #2). Handlers decode, query, build a page model and render.
struct PublicController: Sendable {
    let database: DatabaseStack
    /// Taken per use: the next event loop's connections, the request's logger.
    var db: any Database { database.db }
    let renderer: PageRenderer
    let sites: SiteDirectory
    let configuration: AppConfiguration
    let clients: Clients
    /// Draws the QR codes of the desk's posting sheets (issue #4).
    var qr = QRCodeGenerator(executable: nil)
    static let pageSize = 10

    func shell(_ r: PublicRequest, current: SitePage?, title: String?, description: String? = nil) -> PublicShell {
        PublicShell(
            site: r.site, mount: r.mount, baseURL: baseURL(of: r.site), current: current, title: title,
            description: description, now: clients.now())
    }

    /// A site with its own host name is canonical there; the others under the main address.
    func baseURL(of site: SiteInfo) -> URL {
        guard let host = site.host, let url = URL(string: "\(configuration.baseURL.scheme ?? "https")://\(host)") else {
            return configuration.baseURL
        }
        return url
    }

    @Sendable func home(_ r: PublicRequest) async throws -> Response {
        let now = clients.now()
        let latest = try await ArticleQueries.latest(siteID: r.site.id, now: now, limit: Self.pageSize, on: db)
        var categorized: [(Category, [Article])] = []
        for category in try await CategoryQueries.all(siteID: r.site.id, on: db) {
            let articles = try await ArticleQueries.latest(siteID: r.site.id, categoryID: category.id, now: now, limit: 5, on: db)
            if !articles.isEmpty { categorized.append((category, articles)) }
        }
        let media = try await MediaLibrary.featured(of: latest, on: db)
        let slides = try await Slide.query(on: db).filter(\.$site.$id == r.site.id).with(\.$media)
            .sort(\.$position).sort(\.$createdAt).limit(10).all()
        let page = HomePage(
            shell: shell(r, current: .home, title: nil),
            slides: slides.enumerated().map { index, slide in
                HomePage.Slide(
                    number: index + 1, count: slides.count, image: MediaLibrary.imageSource(slide.media), alt: slide.media.alt,
                    caption: slide.caption, href: slideHref(slide.link, mount: r.mount), lazy: index > 0)
            },
            articles: latest.map { ArticleCard($0, mount: r.mount, media: media) },
            sections: categorized.map { category, articles in
                HomePage.CategorySection(
                    name: category.name, href: r.mount.path(.category(slug: category.slug, page: 1)),
                    headingID: "cm-\(category.slug)", articles: articles.map { ArticleCard($0, mount: r.mount) })
            },
            newsHref: r.mount.path(.news(page: 1)),
            introduction: r.site.introduction,
            otherSites: try await otherSites(than: r.site))
        return try renderer.response(page, template: "public/home")
    }

    /// A slide's link: a path of the site (under its mount) or an absolute http(s) address.
    private func slideHref(_ link: String, mount: SiteMount) -> String? {
        guard let safe = MarkdownHTML.safeURL(link) else { return nil }
        return safe.hasPrefix("/") ? mount.prefix + safe : safe
    }

    @Sendable func news(_ r: PublicRequest) async throws -> Response {
        try await listing(r, category: nil)
    }

    @Sendable func category(_ r: PublicRequest) async throws -> Response {
        guard let slug = r.context.parameters.get("category"),
            let category = try await CategoryQueries.category(siteID: r.site.id, slug: slug, on: db)
        else { throw AppError.notFound }
        return try await listing(r, category: category)
    }

    /// A paginated listing of the site's news, or of one category.
    private func listing(_ r: PublicRequest, category: Category?) async throws -> Response {
        guard let requested = Pagination.requestedPage(r.request.uri.queryParameters.get("trang")) else { throw AppError.notFound }
        let now = clients.now()
        let total = try await ArticleQueries.count(siteID: r.site.id, categoryID: category?.id, now: now, on: db)
        let pagination = Pagination(page: requested, pageSize: Self.pageSize, total: total)
        guard !pagination.isBeyondEnd else { throw AppError.notFound }
        let articles = try await ArticleQueries.latest(
            siteID: r.site.id, categoryID: category?.id, now: now, limit: Self.pageSize, offset: pagination.offset, on: db)
        let media = try await MediaLibrary.featured(of: articles, on: db)
        let heading = category?.name ?? "Tin tức"
        let pageLink = { (n: Int) -> SitePage in category.map { .category(slug: $0.slug, page: n) } ?? .news(page: n) }
        let categories = try await CategoryQueries.all(siteID: r.site.id, on: db)
        let page = NewsPage(
            shell: shell(r, current: pageLink(requested), title: requested > 1 ? "\(heading) - Trang \(requested)" : heading),
            heading: heading,
            articles: articles.map { ArticleCard($0, mount: r.mount, media: media) },
            categories: categories.map {
                MenuItem(label: $0.name, href: r.mount.path(.category(slug: $0.slug, page: 1)), current: $0.id == category?.id)
            },
            pager: Pager(pagination) { r.mount.path(pageLink($0)) })
        return try renderer.response(page, template: "public/news")
    }

    @Sendable func about(_ r: PublicRequest) async throws -> Response {
        let page = TextPage(
            shell: shell(r, current: .about, title: "Giới thiệu"), heading: "Giới thiệu",
            paragraphs: r.site.introduction.split(separator: "\n").map(String.init), contact: nil)
        return try renderer.response(page, template: "public/text-page")
    }

    @Sendable func staticPage(_ r: PublicRequest) async throws -> Response {
        guard let slug = r.context.parameters.get("slug"),
            let page = try await Page.query(on: db).filter(\.$site.$id == r.site.id).filter(\.$slug == slug).first()
        else { throw AppError.notFound }
        let model = StaticPage(
            shell: shell(r, current: .page(slug: slug), title: page.title), heading: page.title,
            bodyHTML: ArticleBodyHTML.render(page.body, media: try await MediaLibrary.images(referencedBy: page.body, on: db)))
        return try renderer.response(model, template: "public/static-page")
    }

    @Sendable func contact(_ r: PublicRequest) async throws -> Response {
        let page = TextPage(
            shell: shell(r, current: .contact, title: "Liên hệ"), heading: "Liên hệ",
            paragraphs: ["Mọi ý kiến, thắc mắc xin gửi về địa chỉ dưới đây."], contact: r.site.contact)
        return try renderer.response(page, template: "public/text-page")
    }

    @Sendable func siteMap(_ r: PublicRequest) async throws -> Response {
        let latest = try await ArticleQueries.latest(siteID: r.site.id, now: clients.now(), limit: 50, on: db)
        let sections = [
            SiteMapPage.Section(label: "Trang chủ", href: r.mount.path(.home), children: []),
            SiteMapPage.Section(
                label: "Giới thiệu", href: r.mount.path(.about),
                children: r.site.menuPages.map { MenuItem(label: $0.title, href: r.mount.path(.page(slug: $0.slug))) }),
            SiteMapPage.Section(
                label: "Tin tức", href: r.mount.path(.news(page: 1)),
                children: try await CategoryQueries.all(siteID: r.site.id, on: db).map {
                    MenuItem(label: $0.name, href: r.mount.path(.category(slug: $0.slug, page: 1)))
                }),
            SiteMapPage.Section(
                label: "Tin mới", href: r.mount.path(.news(page: 1)),
                children: latest.map { MenuItem(label: $0.title, href: r.mount.path(.article(slug: $0.slug))) }),
            SiteMapPage.Section(
                label: "Cải cách hành chính", href: r.mount.path(.reformHub),
                children: [
                    MenuItem(label: "Thủ tục hành chính", href: r.mount.path(.procedures(level: nil, sector: nil))),
                    MenuItem(label: "Tra cứu thủ tục tại Bộ phận Một cửa", href: r.mount.path(.kiosk)),
                    MenuItem(label: "Văn bản", href: r.mount.path(.documents)),
                    MenuItem(label: "Kế hoạch tuyên truyền cải cách hành chính", href: r.mount.path(.plans)),
                    MenuItem(label: "Lịch sự kiện", href: r.mount.path(.events)),
                    MenuItem(label: "Cuộc thi trực tuyến", href: r.mount.path(.contests)),
                ]),
            SiteMapPage.Section(label: "Liên hệ", href: r.mount.path(.contact), children: []),
        ]
        let page = SiteMapPage(
            shell: shell(r, current: .siteMap, title: "Sơ đồ site"), sections: sections,
            otherSites: try await otherSites(than: r.site))
        return try renderer.response(page, template: "public/site-map")
    }

    /// The "Liên kết" block: the site's own links (other agencies' portals), then the other portals
    /// of the same deployment.
    private func otherSites(than site: SiteInfo) async throws -> [MenuItem] {
        let own = try await SiteLink.query(on: db).filter(\.$site.$id == site.id).sort(\.$position).sort(\.$label).all()
            .map { MenuItem(label: $0.label, href: $0.url) }
        return own
            + (try await sites.all()).filter { $0.id != site.id }.map { other in
                let mount: SiteMount = other.isPrimary ? .root : .underPrefix(other.slug)
                let href = other.host.map { _ in baseURL(of: other).absoluteString + "/" } ?? mount.path(.home)
                return MenuItem(label: other.name, href: href)
            }
    }
}
