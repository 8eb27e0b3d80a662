import FluentKit
import Foundation

/// What the public shell needs to know of a site, copied out of the model once.
struct SiteInfo: Sendable, Equatable {
    var id: UUID
    var unitID: UUID
    var slug: String
    var name: String
    var host: String?
    var isPrimary: Bool
    var introduction: String
    var contact: SiteContact
    var updatedAt: Date?
    /// Static pages shown in the main menu: (title, slug), in order.
    var menuPages: [MenuPage] = []

    struct MenuPage: Sendable, Equatable {
        var title: String
        var slug: String
    }

    init(_ site: Site) throws {
        id = try site.requireID()
        unitID = site.$unit.id
        slug = site.slug
        name = site.name
        host = site.host
        isPrimary = site.isPrimary
        introduction = site.introduction
        contact = SiteContact(
            ownerAgency: site.ownerAgency, responsiblePerson: site.responsiblePerson,
            address: site.address, phone: site.phone, email: site.email)
        updatedAt = site.updatedAt
    }
}

/// Every public request needs its site; they change rarely, so they are held in memory.
/// The copy follows the shared content version the page cache reads (issue #10): every change of
/// sites, units or menu pages bumps it in its own transaction, so a page is never rendered from a copy
/// older than the version it is cached under, on any instance. `maxAge` is only a backstop.
actor SiteDirectory {
    private let db: any Database
    private let now: @Sendable () -> Date
    private let maxAge: TimeInterval
    private let contentVersion: @Sendable () async -> Int64
    private var sites: [SiteInfo] = []
    private var loadedAt: Date?
    private var loadedVersion: Int64?

    init(
        db: any Database, now: @escaping @Sendable () -> Date, maxAge: TimeInterval = 300,
        contentVersion: @escaping @Sendable () async -> Int64 = { 0 }
    ) {
        self.db = db
        self.now = now
        self.maxAge = maxAge
        self.contentVersion = contentVersion
    }

    func all() async throws -> [SiteInfo] {
        let version = await contentVersion()
        if let loadedAt, loadedVersion == version, now().timeIntervalSince(loadedAt) < maxAge { return sites }
        var loaded = try await Site.query(on: db).sort(\.$isPrimary, .descending).sort(\.$name).all().map(SiteInfo.init)
        let pages = try await Page.query(on: db).filter(\.$inMenu == true).sort(\.$position).sort(\.$title).all()
        for index in loaded.indices {
            loaded[index].menuPages = pages.filter { $0.$site.id == loaded[index].id }.map { .init(title: $0.title, slug: $0.slug) }
        }
        sites = loaded
        loadedAt = now()
        loadedVersion = version
        return sites
    }

    func invalidate() { loadedAt = nil }

    func site(slug: String) async throws -> SiteInfo? {
        let site = try await all().first { $0.slug == slug }
        if let site { PageSites.current?.record(site.id) }
        return site
    }

    /// The site for a request at `/`: the one whose host name matches, else the primary site.
    func site(forHost host: String?) async throws -> SiteInfo? {
        let sites = try await all()
        let site =
            host.map(Self.normalizedHost).flatMap { host in sites.first(where: { $0.host == host }) }
            ?? sites.first(where: \.isPrimary) ?? sites.first
        if let site { PageSites.current?.record(site.id) }
        return site
    }

    static func normalizedHost(_ header: String) -> String {
        let lower = header.lowercased()
        if lower.hasPrefix("[") { return lower }  // IPv6 literal: keep as is
        return String(lower.split(separator: ":", maxSplits: 1).first ?? "")
    }
}
