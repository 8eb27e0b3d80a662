import FluentKit
import Foundation
import SQLKit

/// A named duty held by one instance at a time until it expires (issue #10, docs/decisions/0021-job-queue.md).
/// Acquiring and renewing are the same compare-and-set: one upsert that writes only when the row is
/// absent, already ours, or expired. It works alike on SQLite and PostgreSQL and survives any connection
/// loss (an advisory lock would be tied to one PostgreSQL session and does not exist on SQLite).
struct Lease: Sendable {
    let name: String
    /// This instance.
    let holder: String
    /// How long a renewal holds the lease. Another instance takes over at most this long after the
    /// holder's last renewal.
    let ttl: TimeInterval
    let now: @Sendable () -> Date

    /// True when this instance holds the lease now, until `now + ttl`.
    func acquire(on db: any Database) async throws -> Bool {
        let now = now()
        let rows = try await db.sql.raw(
            """
            INSERT INTO leases (name, holder, expires_at) VALUES (\(bind: name), \(bind: holder), \(bind: now.addingTimeInterval(ttl)))
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leases.holder = excluded.holder OR leases.expires_at < \(bind: now)
            RETURNING holder
            """
        ).all()
        return !rows.isEmpty
    }

    /// Gives the lease up at once (on shutdown), so another instance need not wait for it to expire.
    func release(on db: any Database) async throws {
        try await db.sql.raw("DELETE FROM leases WHERE name = \(bind: name) AND holder = \(bind: holder)").run()
    }

    /// Who holds `name` and until when, expired or not.
    static func holder(of name: String, on db: any Database) async throws -> (holder: String, expiresAt: Date)? {
        guard let row = try await db.sql.raw("SELECT holder, expires_at FROM leases WHERE name = \(bind: name)").first() else { return nil }
        return (try row.decode(column: "holder", as: String.self), try row.decode(column: "expires_at", as: Date.self))
    }
}
