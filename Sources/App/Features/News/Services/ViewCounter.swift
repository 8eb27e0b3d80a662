import FluentKit
import Foundation
import LoaCore
import Logging
import SQLKit
import ServiceLifecycle
import Synchronization

/// Counts article views in memory and writes them in batches (issue #3): a page view costs a locked
/// dictionary increment, not a database write or an actor hop, so cached pages stay fast. The site is
/// recorded as the request named it (host or `/xa/<slug>`) and resolved when the batch is written.
final class ViewCounter: Sendable {
    enum SiteReference: Hashable, Sendable {
        case host(String?)
        case slug(String)
    }

    struct Key: Hashable, Sendable {
        var site: SiteReference
        var slug: String
        /// Days since 1970-01-01 in Vietnam (UTC+7 all year since 1975).
        var day: Int
    }

    /// Distinct article-days kept while the database refuses writes. Counts of keys already kept always
    /// merge (no growth); beyond this many keys, new ones are dropped and logged. A key with its count is
    /// well under 200 bytes, so an outage of any length holds at most about 10 MB; 50,000 covers seven
    /// sites with 7,000 articles each all read on the same day, more than an outage of hours sees.
    static let maximumPendingKeys = 50_000

    private let db: any Database
    private let sites: SiteDirectory
    private let now: @Sendable () -> Date
    private let logger: Logger
    /// Runs before each row is written; tests make it throw to stand for a database that is down.
    private let beforeWrite: @Sendable () async throws -> Void
    private let pending = Mutex<[Key: Int]>([:])
    private let dropped = Mutex<(total: Int, logged: Int)>((0, 0))

    init(
        db: any Database, sites: SiteDirectory, now: @escaping @Sendable () -> Date, logger: Logger = Logger(label: "loa.views"),
        beforeWrite: @escaping @Sendable () async throws -> Void = {}
    ) {
        self.db = db
        self.sites = sites
        self.now = now
        self.logger = logger
        self.beforeWrite = beforeWrite
    }

    func record(site: SiteReference, slug: String) {
        let day = Int((now().timeIntervalSince1970 + 7 * 3600) / 86_400)
        let key = Key(site: site, slug: slug, day: day)
        let kept = pending.withLock { pending in
            guard pending[key] != nil || pending.count < Self.maximumPendingKeys else { return false }
            pending[key, default: 0] += 1
            return true
        }
        if !kept { dropped.withLock { $0.total += 1 } }
    }

    /// Views counted but not yet written (the failed batches included).
    var pendingViews: Int { pending.withLock { $0.values.reduce(0, +) } }

    /// Views lost because the bound was reached while the database was down, since the start.
    var droppedViews: Int { dropped.withLock { $0.total } }

    /// Writes what was counted: one upsert per article and day (the same SQL on SQLite and PostgreSQL).
    /// Views of a slug that is not an article (a typo, a withdrawn page) are dropped. Rows are written
    /// one by one, each committing alone; when one fails, it and the rows not yet written go back into
    /// the counter and are written by the next flush, so a database restart loses no views.
    func flush() async throws {
        let batch = pending.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        let newlyDropped = dropped.withLock { state in
            defer { state.logged = state.total }
            return state.total - state.logged
        }
        if newlyDropped > 0 {
            logger.error("views dropped: the counter was full while the database was unavailable", metadata: ["views": "\(newlyDropped)"])
        }
        guard !batch.isEmpty else { return }
        var unwritten = batch
        do {
            for (key, count) in batch {
                try await write(key, count: count)
                unwritten[key] = nil
            }
        } catch {
            add(unwritten)
            throw error
        }
    }

    private func write(_ key: Key, count: Int) async throws {
        try await beforeWrite()
        let site =
            switch key.site {
            case .host(let host): try await sites.site(forHost: host)
            case .slug(let slug): try await sites.site(slug: slug)
            }
        guard let site,
            let article = try await Article.query(on: db).filter(\.$site.$id == site.id).filter(\.$slug == key.slug)
                .field(\.$id).first(), let id = article.id
        else { return }
        try await db.sql.raw(
            """
            INSERT INTO article_views (id, article_id, site_id, day, views) VALUES (\(bind: UUID()), \(bind: id), \(bind: site.id), \(bind: Self.dayString(key.day)), \(bind: Int64(count)))
            ON CONFLICT (article_id, day) DO UPDATE SET views = article_views.views + excluded.views
            """
        ).run()
    }

    /// Puts unwritten counts back, keeping at most `maximumPendingKeys` distinct keys.
    private func add(_ counts: [Key: Int]) {
        let lost = pending.withLock { pending in
            var lost = 0
            for (key, count) in counts {
                if pending[key] != nil || pending.count < Self.maximumPendingKeys {
                    pending[key, default: 0] += count
                } else {
                    lost += count
                }
            }
            return lost
        }
        if lost > 0 { dropped.withLock { $0.total += lost } }
    }

    /// "2026-03-15" for a day number.
    static func dayString(_ day: Int) -> String {
        CalendarDay(Date(timeIntervalSince1970: Double(day) * 86_400)).iso
    }

    /// "2026-03-15" in Vietnam's time zone.
    static func day(_ date: Date) -> String { CalendarDay(date).iso }
}

/// Flushes the counter every `interval` (ten seconds when serving) and once more at shutdown, after the server has drained
/// and before the database closes (its place in the service group sees to that).
struct ViewCounterService: Service {
    let counter: ViewCounter
    var interval: Duration = .seconds(10)
    let logger: Logger

    func run() async throws {
        while true {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break  // shutting down
            }
            do { try await counter.flush() } catch { logger.error("view counts not written", metadata: ["error": "\(error)"]) }
        }
        do { try await counter.flush() } catch { logger.error("view counts not written at shutdown", metadata: ["error": "\(error)"]) }
    }
}
