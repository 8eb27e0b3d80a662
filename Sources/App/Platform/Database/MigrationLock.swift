import FluentPostgresDriver
import Foundation
import Logging

extension DatabaseStack {
    /// Runs `body` (the migrations) while holding a PostgreSQL advisory lock, so several instances
    /// starting together on an empty database do not collide: one migrates, the others wait here and
    /// then find nothing pending (issue #10). The lock is taken on a connection of its own, outside the
    /// pool, so the migrations' pooled connections can never be waiting for it; closing that connection
    /// (or losing it) releases the lock. SQLite needs nothing: one file, and its writers take turns.
    func whileHoldingMigrationLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard case .postgres(let url, let searchPath) = kind else { return try await body() }
        let configuration = try SQLPostgresConfiguration(url: url)
        let connection = try await PostgresConnection.connect(configuration: configuration.coreConfiguration, id: 0, logger: logger)
        let key = Self.migrationLockKey(searchPath: searchPath)
        do {
            try await connection.query("SELECT pg_advisory_lock(\(key))", logger: logger)
            let result = try await body()
            try await connection.query("SELECT pg_advisory_unlock(\(key))", logger: logger)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// One lock per schema list: instances of one database migrate in turn, while separate schemas (the
    /// tests' own, one per test) do not wait for each other. FNV-1a, stable across processes and builds.
    static func migrationLockKey(searchPath: [String]?) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in ("loa-migrations:" + (searchPath ?? []).joined(separator: ",")).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
