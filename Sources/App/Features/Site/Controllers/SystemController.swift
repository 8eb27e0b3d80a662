import FluentKit
import Foundation
import Hummingbird
import LoaCore
import SQLKit

/// Machine endpoints outside any site: liveness, the XML sitemap and robots.txt.
struct SystemController: Sendable {
    let database: DatabaseStack
    let sites: SiteDirectory
    let configuration: AppConfiguration
    let clients: Clients

    func register(on router: Router<AppRequestContext>, cached: RouterGroup<AppRequestContext>) {
        router.get(RouterPath(SystemRoute.health.rawValue)) { _, _ in try await health() }
        router.get(RouterPath(SystemRoute.ready.rawValue)) { _, _ in await readiness() }
        cached.get(RouterPath(SystemRoute.sitemapXML.rawValue)) { request, _ in try await sitemap(host: request.head.authority) }
        cached.get(RouterPath(SystemRoute.robots.rawValue)) { _, _ in robots() }
    }

    /// Set once every migration this build knows is applied; it cannot become false while running.
    let migrationsCurrent = Latch()
    /// Whether this instance hears other instances' changes at once (PostgreSQL only).
    var isListening: @Sendable () -> Bool? = { nil }

    /// Reads free space of the data folder; tests put a full disk here.
    var freeBytes: @Sendable (String) -> UInt64? = StorageHealth.freeBytes
    var isWritable: @Sendable (String) -> Bool = StorageHealth.isWritable

    struct Health: ResponseEncodable {
        var status: String
        var database: String
        var engine: String
        /// "ok", "not writable" or "low on space".
        var storage: String
        var freeBytes: UInt64?
        /// What is wrong, one sentence each, for whoever reads the load balancer's log.
        var problems: [String]
    }

    struct Readiness: ResponseEncodable {
        var status: String
        var database: String
        var migrations: String
        /// "listening" or "polling" on PostgreSQL (changes of other instances at once, or within a
        /// second); absent on SQLite, where there is one instance.
        var notifications: String?
        var problems: [String]
    }

    /// Whether this instance should get traffic (issue #10): 200 when the database answers and every
    /// migration this build expects is applied, 503 with the reasons otherwise. A proxy or orchestrator
    /// sends traffic only to ready instances; `/healthz` stays the liveness and storage check.
    func readiness() async -> EditedResponse<Readiness> {
        var problems: [String] = []
        var databaseState = "ok"
        var migrations = "current"
        do {
            _ = try await database.sql.raw("SELECT 1").all()
            if !migrationsCurrent.isSet {
                let pending = try await database.pendingMigrations()
                if pending.isEmpty {
                    migrationsCurrent.set()
                } else {
                    migrations = "pending"
                    problems.append("\(pending.count) migration(s) not applied yet: \(pending.joined(separator: ", "))")
                }
            }
        } catch {
            databaseState = "unreachable"
            migrations = "unknown"
            problems.append("the database does not answer: \(DatabaseFailure.describe(error))")
        }
        let readiness = Readiness(
            status: problems.isEmpty ? "ready" : "not ready", database: databaseState, migrations: migrations,
            notifications: isListening().map { $0 ? "listening" : "polling" }, problems: problems)
        return EditedResponse(status: problems.isEmpty ? .ok : .serviceUnavailable, response: readiness)
    }

    /// 200 when the database answers a query and the data folder is writable with room to spare,
    /// 503 otherwise, so a load balancer takes this instance out.
    func health() async throws -> EditedResponse<Health> {
        var problems: [String] = []
        var databaseState = "ok"
        do {
            _ = try await database.sql.raw("SELECT 1").all()
        } catch {
            databaseState = "unreachable"
            problems.append("the database does not answer")
        }
        let folder = configuration.dataDirectory
        let free = freeBytes(folder)
        var storage = "ok"
        if !isWritable(folder) {
            storage = "not writable"
            problems.append("cannot create a file in the data folder \(folder)")
        } else if let free, free < StorageHealth.minimumFreeBytes {
            storage = "low on space"
            problems.append("the data folder \(folder) has \(free >> 20) MB free, below \(StorageHealth.minimumFreeBytes >> 20) MB")
        }
        let health = Health(
            status: problems.isEmpty ? "ok" : "degraded", database: databaseState, engine: database.kind.engineName,
            storage: storage, freeBytes: free, problems: problems)
        return EditedResponse(status: problems.isEmpty ? .ok : .serviceUnavailable, response: health)
    }

    /// Every public URL served at this host, with its last change.
    func sitemap(host: String?) async throws -> Response {
        let all = try await sites.all()
        let normalized = host.map(SiteDirectory.normalizedHost)
        let served =
            all.contains { $0.host != nil && $0.host == normalized }
            ? all.filter { $0.host == normalized }
            : all.filter { $0.host == nil }
        let articles = try await ArticleQueries.sitemapEntries(siteIDs: served.map(\.id), now: clients.now(), on: database.db)
        let articlesBySite = Dictionary(grouping: articles) { $0.site_id }
        var entries: [SitemapXML.Entry] = []
        for site in served {
            let mount: SiteMount = site.isPrimary || site.host != nil ? .root : .underPrefix(site.slug)
            let base = site.host.map { "\(configuration.baseURL.scheme ?? "https")://\($0)" } ?? configuration.baseURL.absoluteString
            let siteArticles = articlesBySite[site.id] ?? []
            let newest = siteArticles.map { $0.updated_at ?? $0.published_at }.max()
            for page in [SitePage.home, .news(page: 1)] {
                entries.append(.init(location: base + mount.path(page), lastModified: newest ?? site.updatedAt))
            }
            for page in [SitePage.about, .contact, .siteMap, .plans, .events] {
                entries.append(.init(location: base + mount.path(page), lastModified: site.updatedAt))
            }
            for page in try await Page.query(on: database.db).filter(\.$site.$id == site.id).sort(\.$position).all() {
                entries.append(.init(location: base + mount.path(.page(slug: page.slug)), lastModified: page.updatedAt))
            }
            for category in try await CategoryQueries.all(siteID: site.id, on: database.db) {
                entries.append(.init(location: base + mount.path(.category(slug: category.slug, page: 1)), lastModified: newest))
            }
            for article in siteArticles {
                entries.append(
                    .init(
                        location: base + mount.path(.article(slug: article.slug)),
                        lastModified: article.updated_at ?? article.published_at))
            }
            // The procedure catalogue and the document library (issue #4).
            let today = CalendarDay(clients.now())
            for page in [SitePage.reformHub, .procedures(level: nil, sector: nil), .documents] {
                entries.append(.init(location: base + mount.path(page), lastModified: nil))
            }
            for procedure in try await ProcedureQueries.inForce(siteID: site.id, on: today, db: database.db) {
                entries.append(.init(location: base + mount.path(.procedure(code: procedure.code)), lastModified: procedure.updatedAt))
            }
            for document in try await DocumentQueries.list(siteID: site.id, today: today, db: database.db) {
                entries.append(.init(location: base + mount.path(.document(slug: document.slug)), lastModified: document.updatedAt))
            }
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/xml; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: SitemapXML.render(entries))))
    }

    func robots() -> Response {
        let text = "User-agent: *\nDisallow: \(AdminRoute.base)/\nSitemap: \(configuration.baseURL.absoluteString)/sitemap.xml\n"
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The sitemaps.org format; URLs and dates are escaped like any other text.
enum SitemapXML {
    struct Entry: Sendable {
        var location: String
        var lastModified: Date?
    }

    static func render(_ entries: [Entry]) -> String {
        let formatter = ISO8601DateFormatter()
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for entry in entries {
            xml += "<url><loc>\(HTML.escape(entry.location))</loc>"
            if let date = entry.lastModified { xml += "<lastmod>\(formatter.string(from: date))</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }
}
