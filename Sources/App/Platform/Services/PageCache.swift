import FluentKit
import Foundation
import NIOCore
import SQLKit
import Synchronization

/// Rendered public pages held in memory (issue #3). Every change increments the database's content
/// version and records which site it touched (`content_changes`, issue #10); an entry is filed under the
/// one site its page read (`PageSites`) and goes when a later version changed that site or all sites.
/// The version is read at most once a second (at once after a local change or a `NOTIFY`), so a change
/// made by another instance or by `loa import` shows within a second, and a local change at once.
/// State sits behind a lock, not in an actor: a cache hit is a dictionary read on the request's own
/// thread, with no hop to a shared executor (the article page's throughput depends on it).
final class PageCache: Sendable {
    struct Entry: Sendable {
        var body: ByteBuffer
        var contentType: String
        var etag: String
        var version: Int64
        /// The one site the page read; nil when it read several or none (it then goes with any change).
        var site: UUID?
    }

    fileprivate struct State {
        var entries: [String: Entry] = [:]
        /// Every change up to this version has been applied to `entries`.
        var version: Int64 = 0
        /// The last version that changed all sites, and each site's: entries rendered before are stale.
        var allChangedAt: Int64 = 0
        var siteChangedAt: [UUID: Int64] = [:]
        var checkedAt: ContinuousClock.Instant?
        var refreshing = false
        /// Keys being rendered now, with the requests waiting for that render.
        var inFlight: [String: [CheckedContinuation<Void, Never>]] = [:]
    }

    private let db: any Database
    private let maxEntries: Int
    private let state = Mutex(State())

    /// How often the shared version is read when no notification says it changed.
    private let pollInterval: Duration

    init(db: any Database, maxEntries: Int = 5_000, pollInterval: Duration = .seconds(1)) {
        self.db = db
        self.maxEntries = maxEntries
        self.pollInterval = pollInterval
    }

    func get(_ key: String) async -> Entry? {
        await refreshVersionIfDue()
        return state.withLock { state in
            guard let entry = state.entries[key], state.isCurrent(entry) else { return nil }
            return entry
        }
    }

    /// Stores a page rendered at `renderedAt`, the version read before rendering it, under `site`, the
    /// one site it read. A render that a change overtook is not stored.
    func put(_ key: String, body: ByteBuffer, contentType: String, etag: String, renderedAt: Int64, site: UUID? = nil) {
        let entry = Entry(body: body, contentType: contentType, etag: etag, version: renderedAt, site: site)
        state.withLock { state in
            guard state.isCurrent(entry) else { return }
            if state.entries.count >= maxEntries { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = entry
        }
    }

    /// How many pages are held (the tests read it).
    var count: Int { state.withLock { $0.entries.count } }

    /// Single flight: the first request for a missing page renders it; requests for the same page that
    /// arrive meanwhile wait and then read the cache, instead of all rendering it at once (a cold
    /// search page under load would otherwise queue dozens of identical queries on SQLite).
    /// Returns true when the caller should render.
    func claimRender(_ key: String) async -> Bool {
        let claimed = state.withLock { state -> Bool in
            guard state.inFlight[key] == nil else { return false }
            state.inFlight[key] = []
            return true
        }
        if claimed { return true }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let stillRendering = state.withLock { state -> Bool in
                guard state.inFlight[key] != nil else { return false }
                state.inFlight[key]?.append(continuation)
                return true
            }
            if !stillRendering { continuation.resume() }
        }
        return false
    }

    /// Ends a render claimed with `claimRender`, stored or not, and wakes the requests waiting for it.
    func finishRender(_ key: String) {
        let waiters = state.withLock { $0.inFlight.removeValue(forKey: key) ?? [] }
        for waiter in waiters { waiter.resume() }
    }

    func currentVersion() async -> Int64 {
        await refreshVersionIfDue()
        return state.withLock { $0.version }
    }

    /// Runs `body` in a write transaction that also marks the cached pages of `site` (nil: of every
    /// site) stale, so the change and the mark commit together or not at all (issue #9: a mark that
    /// failed after the commit answered 500 for a change that was saved); then drops this instance's
    /// pages of that site at once.
    func changingContent<T: Sendable>(
        on db: any Database, site: UUID? = nil, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        let result = try await db.writeTransaction { db in
            let value = try await body(db)
            try await Self.bump(on: db, site: site)
            return value
        }
        invalidateLocally(site: site)
        return result
    }

    /// This instance's pages of `site` (nil: all) go at once, with those filed under no site; the next
    /// request reads the new versions. Other instances hear of it by `NOTIFY` or within a second.
    func invalidateLocally(site: UUID? = nil) {
        state.withLock { state in
            state.drop(site: site)
            state.checkedAt = nil
        }
    }

    /// Increments the content version in `db`'s transaction and records that it changed `site` (nil:
    /// every site).
    static func bump(on db: any Database, site: UUID? = nil) async throws {
        let sql = db.sql
        try await sql.raw("UPDATE content_version SET version = version + 1 WHERE id = 1").run()
        try await sql.raw("INSERT INTO content_changes (version, site_id) SELECT version, \(bind: site) FROM content_version WHERE id = 1").run()
        try await sql.raw("DELETE FROM content_changes WHERE version <= (SELECT version FROM content_version WHERE id = 1) - \(literal: Self.changesKept)")
            .run()
        if sql.dialect.name == "postgresql" {
            // Delivered when the transaction commits, never for one that rolls back: every instance's
            // listener hears the new version at once (ContentChangeListener, issue #10).
            let payload: SQLQueryString = site.map { "version::text || ':' || \(bind: $0.uuidString.lowercased())" } ?? "version::text"
            try await sql.raw("SELECT pg_notify(\(literal: Self.notificationChannel), \(payload)) FROM content_version WHERE id = 1").run()
        }
    }

    /// Changes remembered for instances that fall behind; one further behind drops all its pages.
    static let changesKept = 10_000

    static let notificationChannel = "loa_content"

    private let listening = Atomic<Bool>(false)

    /// Whether this instance's `ContentChangeListener` is connected (the health page and tests read it).
    var isListening: Bool { listening.load(ordering: .relaxed) }

    func setListening(_ value: Bool) { listening.store(value, ordering: .relaxed) }

    /// Another instance announced `version`, a change of `site` (PostgreSQL `NOTIFY`): this instance's
    /// pages of that site go now, and the next request reads the versions instead of waiting for the poll.
    func heard(version: Int64, site: UUID?) {
        state.withLock { state in
            guard version > state.version else { return }
            state.drop(site: site)
            state.checkedAt = nil
        }
    }

    /// A `NOTIFY` payload: "version" or "version:site".
    static func parseNotification(_ payload: String) -> (version: Int64, site: UUID?)? {
        let parts = payload.split(separator: ":", maxSplits: 1)
        guard let version = parts.first.flatMap({ Int64($0) }) else { return nil }
        return (version, parts.count == 2 ? UUID(uuidString: String(parts[1])) : nil)
    }

    /// Reads the shared version when the last read is older than a second; one request does it while
    /// the others go on with the version they have.
    private func refreshVersionIfDue() async {
        let due = state.withLock { state -> Bool in
            let now = ContinuousClock.now
            guard !state.refreshing else { return false }
            if let checkedAt = state.checkedAt, now - checkedAt < pollInterval { return false }
            state.refreshing = true
            state.checkedAt = now
            return true
        }
        guard due else { return }
        let known = state.withLock { $0.version }
        let changes = try? await Self.changes(after: known, on: db)
        state.withLock { state in
            state.refreshing = false
            guard let changes else {
                state.checkedAt = nil  // the database did not answer: ask again at the next request
                return
            }
            state.apply(changes)
        }
    }

    /// What changed after `known`: the current version and, when every version since is still
    /// recorded, the site of each (nil meaning all sites).
    private static func changes(after known: Int64, on db: any Database) async throws -> Changes {
        let row = try await db.sql.raw("SELECT version FROM content_version WHERE id = 1").first()
        let current = try row?.decode(column: "version", as: Int64.self) ?? known
        guard current > known else { return Changes(version: current, sites: []) }
        guard known > 0, current - known <= changesKept else { return Changes(version: current, sites: nil) }
        let rows = try await db.sql.raw(
            "SELECT version, site_id FROM content_changes WHERE version > \(bind: known) AND version <= \(bind: current)"
        ).all()
        guard rows.count == current - known else { return Changes(version: current, sites: nil) }
        return Changes(version: current, sites: try rows.map { try $0.decode(column: "site_id", as: UUID?.self) })
    }
}

/// Versions read from the database: up to `version`, these sites changed (nil entry: all sites;
/// `sites` nil: unknown, so all).
private struct Changes {
    var version: Int64
    var sites: [UUID?]?
}

extension PageCache.State {
    /// Rendered after the last change of all sites and of its own site; a page of no one site must be of
    /// the newest version.
    func isCurrent(_ entry: PageCache.Entry) -> Bool {
        guard entry.version >= allChangedAt else { return false }
        guard let site = entry.site else { return entry.version >= version }
        return entry.version >= siteChangedAt[site, default: 0]
    }

    /// Removes the pages a change of `site` (nil: every site) makes stale.
    mutating func drop(site: UUID?) {
        guard let site else {
            entries.removeAll(keepingCapacity: true)
            return
        }
        entries = entries.filter { $0.value.site != nil && $0.value.site != site }
    }

    fileprivate mutating func apply(_ changes: Changes) {
        guard changes.version > version else { return }
        if let sites = changes.sites, !sites.contains(nil) {
            for site in Set(sites.compactMap { $0 }) {
                siteChangedAt[site] = changes.version
                drop(site: site)
            }
        } else {
            allChangedAt = changes.version
            drop(site: nil)
        }
        version = changes.version
    }
}
