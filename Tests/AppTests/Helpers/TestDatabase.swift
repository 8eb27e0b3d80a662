import FluentKit
import Foundation
import Logging
import SQLKit
import Testing

@testable import App

/// The engines every database test runs on. PostgreSQL joins when `LOA_TEST_POSTGRES_URL` is set
/// (`.ci/run` sets it); otherwise its runs are skipped and the reason is printed once.
enum TestDatabase: Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres(url: String)

    var testDescription: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgres: "PostgreSQL"
        }
    }

    static let engines: [TestDatabase] = {
        guard let url = ProcessInfo.processInfo.environment["LOA_TEST_POSTGRES_URL"], !url.isEmpty else {
            print("⚠️  PostgreSQL tests skipped: LOA_TEST_POSTGRES_URL is not set (scripts/dev-postgres.sh start prints one; .ci/run sets it).")
            return [.sqlite]
        }
        return [.sqlite, .postgres(url: url)]
    }()

    static let logger: Logger = {
        var logger = Logger(label: "loa-test")
        logger.logLevel = ProcessInfo.processInfo.environment["LOA_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .error
        return logger
    }()

    /// A fresh, empty database: a new SQLite file, or a new schema on the shared PostgreSQL server,
    /// so tests run in parallel without seeing each other. `cleanUp` removes it.
    func makeFresh() async throws -> (kind: AppConfiguration.DatabaseKind, dataDirectory: String, cleanUp: @Sendable () async -> Void) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loa-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let removeDirectory: @Sendable () -> Void = { try? FileManager.default.removeItem(atPath: directory) }
        switch self {
        case .sqlite:
            return (.sqlite(path: directory + "/loa.sqlite"), directory, { removeDirectory() })
        case .postgres(let url):
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try await Self.onServer(url) { sql in try await sql.raw("CREATE SCHEMA \(ident: schema)").run() }
            return (
                .postgres(url: url, searchPath: [schema]), directory,
                {
                    try? await Self.onServer(url) { sql in try await sql.raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
                    removeDirectory()
                }
            )
        }
    }

    static func onServer(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let stack = try await DatabaseStack.open(.postgres(url: url), logger: logger)
        do {
            try await body(stack.sql)
            await stack.shutdown()
        } catch {
            await stack.shutdown()
            throw error
        }
    }
}
