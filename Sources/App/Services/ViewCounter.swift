import FluentKit
import Foundation
import LoaCore
import Logging
import ServiceLifecycle
import SQLKit
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

    private let db: any Database
    private let sites: SiteDirectory
    private let now: @Sendable () -> Date
    private let pending = Mutex<[Key: Int]>([:])

    init(db: any Database, sites: SiteDirectory, now: @escaping @Sendable () -> Date) {
        self.db = db
        self.sites = sites
        self.now = now
    }

    func record(site: SiteReference, slug: String) {
        let day = Int((now().timeIntervalSince1970 + 7 * 3600) / 86_400)
        pending.withLock { $0[Key(site: site, slug: slug, day: day), default: 0] += 1 }
    }

    /// Writes what was counted: one upsert per article and day (the same SQL on SQLite and PostgreSQL).
    /// Views of a slug that is not an article (a typo, a withdrawn page) are dropped.
    func flush() async throws {
        let batch = pending.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        guard !batch.isEmpty else { return }
        let sql = db as! any SQLDatabase
        for (key, count) in batch {
            let site = switch key.site {
            case .host(let host): try await sites.site(forHost: host)
            case .slug(let slug): try await sites.site(slug: slug)
            }
            guard let site, let article = try await Article.query(on: db).filter(\.$site.$id == site.id).filter(\.$slug == key.slug)
                .field(\.$id).first(), let id = article.id else { continue }
            try await sql.raw("""
                INSERT INTO article_views (id, article_id, site_id, day, views) VALUES (\(bind: UUID()), \(bind: id), \(bind: site.id), \(bind: Self.dayString(key.day)), \(bind: Int64(count)))
                ON CONFLICT (article_id, day) DO UPDATE SET views = article_views.views + excluded.views
                """).run()
        }
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
