import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// Owns Fluent's `Databases` for one engine, its migrations and its orderly shutdown.
final class DatabaseStack: Sendable {
    let databases: Databases
    let kind: AppConfiguration.DatabaseKind
    let logger: Logger
    private let threadPool: NIOThreadPool
    /// SQLite gets its own one-thread loop: one connection serialises writes, so two event loops
    /// never race each other into SQLITE_BUSY (see docs/decisions/0003-sqlite-single-connection.md).
    private let ownedEventLoopGroup: MultiThreadedEventLoopGroup?

    private init(kind: AppConfiguration.DatabaseKind, logger: Logger) {
        self.kind = kind
        self.logger = logger
        self.threadPool = NIOThreadPool(numberOfThreads: 2)
        threadPool.start()
        let group: any EventLoopGroup
        switch kind {
        case .sqlite:
            let owned = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            ownedEventLoopGroup = owned
            group = owned
        case .postgres:
            ownedEventLoopGroup = nil
            group = MultiThreadedEventLoopGroup.singleton
        }
        databases = Databases(threadPool: threadPool, on: group)
    }

    /// `poolSize`: PostgreSQL connections in all, spread over the event loops (Fluent pools per loop).
    static func open(
        _ kind: AppConfiguration.DatabaseKind, logger: Logger, poolSize: Int = 8, poolTimeout: TimeAmount = .seconds(5)
    ) async throws -> DatabaseStack {
        let stack = DatabaseStack(kind: kind, logger: logger)
        switch kind {
        case .sqlite(let path):
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            stack.databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
            // WAL lets readers go on while one writer commits; the timeout covers other processes
            // (a `loa backup` or CLI import while the server runs).
            try await stack.sql.raw("PRAGMA journal_mode=WAL").run()
            try await stack.sql.raw("PRAGMA busy_timeout=5000").run()
            try await stack.sql.raw("PRAGMA synchronous=NORMAL").run()
        case .postgres(let url, let searchPath):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = searchPath
            // During an outage a request fails fast with a "try again shortly" page (issue #10) instead of
            // waiting ten seconds for a connection that cannot come.
            configuration.coreConfiguration.options.connectTimeout = poolTimeout
            let loops = max(1, stack.databases.eventLoopGroup.makeIterator().reduce(0) { count, _ in count + 1 })
            let perLoop = max(1, (poolSize + loops - 1) / loops)
            stack.databases.use(
                .postgres(configuration: configuration, maxConnectionsPerEventLoop: perLoop, connectionPoolTimeout: poolTimeout, sqlLogLevel: .trace), as: .psql
            )
        }
        return stack
    }

    /// A handle for the work at hand: taken anew at each use, on the next event loop (so concurrent
    /// requests spread over every loop's connections instead of queueing on one), logging with the
    /// request's logger when there is one (so SQL lines carry the request id).
    var db: any Database {
        databases.database(logger: RequestLogger.current ?? logger, on: databases.eventLoopGroup.any())!
    }

    /// Both engines' databases speak SQL; this is the typed view of the same handle.
    var sql: any SQLDatabase { db.sql }

    var isSQLite: Bool {
        if case .sqlite = kind { return true }
        return false
    }

    private func migrator() -> Migrator {
        let migrations = Migrations()
        migrations.add(LoaMigrations.all)
        return Migrator(databases: databases, migrations: migrations, logger: logger, on: databases.eventLoopGroup.any())
    }

    /// Names of migrations not yet applied, in order.
    func pendingMigrations() async throws -> [String] {
        let migrator = migrator()
        try await migrator.setupIfNeeded().get()
        return try await migrator.previewPrepareBatch().get().map { $0.0.name }
    }

    /// Applies every pending migration as one batch and returns their names; on PostgreSQL under the
    /// migration lock, so instances starting together apply them once (issue #10).
    @discardableResult
    func migrate() async throws -> [String] {
        try await whileHoldingMigrationLock {
            let pending = try await self.pendingMigrations()
            if !pending.isEmpty { try await self.migrator().prepareBatch().get() }
            return pending
        }
    }

    /// Reverts the last batch (used by tests to prove every migration has a working revert).
    func revertAll() async throws {
        try await migrator().revertAllBatches().get()
    }

    /// Applied migrations with their batch numbers, for the system page.
    func appliedMigrations() async throws -> [(name: String, batch: Int)] {
        try await MigrationLog.query(on: db).sort(\.$batch).all().map { ($0.name, $0.batch) }
    }

    func shutdown() async {
        await databases.shutdownAsync()
        try? await threadPool.shutdownGracefully()
        try? await ownedEventLoopGroup?.shutdownGracefully()
    }
}
