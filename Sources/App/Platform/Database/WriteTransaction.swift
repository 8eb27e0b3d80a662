import FluentKit
import SQLKit

extension Database {
    /// A transaction that writes, safe against another process writing the same SQLite file
    /// (docs/decisions/0014-sqlite-write-transactions.md).
    ///
    /// SQLite begins `db.transaction` deferred: its first read takes a snapshot, and when a later
    /// statement writes after another process committed, SQLite answers SQLITE_BUSY at once, because
    /// waiting cannot make the old snapshot current; `busy_timeout` does not apply. Writing first
    /// takes the write lock before any snapshot exists, which SQLite waits for under the busy timeout,
    /// exactly as `BEGIN IMMEDIATE` would (fluent-sqlite-driver has no way to issue that itself).
    /// On PostgreSQL this is a plain transaction. Nested in another transaction it simply runs `body`.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await transaction { db in
            if let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" {
                // Matches no row, but as a write statement it takes the write lock (M010 guarantees the table).
                try await sql.raw("UPDATE content_version SET version = version WHERE id = 0").run()
            }
            return try await body(db)
        }
    }
}
