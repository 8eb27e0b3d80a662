import FluentKit
import Foundation
import SQLKit

@testable import App

/// Migrating and seeding the demo world is most of what building a test app costs, and every test
/// began with it. The world is now made once per engine and kind (demo or bare) in a run, and each test
/// gets a copy (issue #9): a copy of the SQLite file and data folder, or on PostgreSQL a new database
/// `CREATE DATABASE … TEMPLATE` the made one. The copy is the same world a first start would make,
/// because it was made by one, in the same pinned clock and token sequence.
actor TemplateWorlds {
    static let shared = TemplateWorlds()

    struct Template: Sendable {
        var engine: TestDatabase
        /// The data folder (uploads, and the SQLite file on SQLite) to copy for each test.
        var dataDirectory: String
        /// The PostgreSQL database to copy; nil on SQLite.
        var postgresDatabase: String?
        var firstStart: FirstStartInfo?
        /// How many pinned tokens the first start used, so a copy's tokens never repeat a stored one.
        var tokensUsed: Int
    }

    struct Copy: Sendable {
        var kind: AppConfiguration.DatabaseKind
        var dataDirectory: String
        var template: Template
        var cleanUp: @Sendable () async -> Void
    }

    private var templates: [String: Task<Template, any Error>] = [:]

    /// `LOA_TEST_FRESH_WORLD=1` makes every test run its own first start, as before this helper
    /// (to compare the suite's time, or to rule the copy out when a test misbehaves).
    static let freshEachTime = ProcessInfo.processInfo.environment["LOA_TEST_FRESH_WORLD"] == "1"

    func copy(_ engine: TestDatabase, demo: Bool) async throws -> Copy {
        if Self.freshEachTime {
            let fresh = try await engine.makeFresh()
            return Copy(
                kind: fresh.kind, dataDirectory: fresh.dataDirectory,
                template: Template(engine: engine, dataDirectory: fresh.dataDirectory, firstStart: nil, tokensUsed: 0), cleanUp: fresh.cleanUp)
        }
        let key = "\(engine.testDescription)-\(demo)"
        let task = templates[key] ?? Task { try await Self.make(engine, demo: demo) }
        templates[key] = task
        let template = try await task.value
        let directory = try Self.newDirectory("loa-test")
        try Self.copyContents(of: template.dataDirectory, to: directory)
        let removeDirectory: @Sendable () -> Void = { try? FileManager.default.removeItem(atPath: directory) }
        switch engine {
        case .sqlite:
            return Copy(kind: .sqlite(path: directory + "/loa.sqlite"), dataDirectory: directory, template: template, cleanUp: removeDirectory)
        case .postgres(let url):
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let source = template.postgresDatabase ?? ""
            try await TestDatabase.onServer(url) { sql in try await sql.raw("CREATE DATABASE \(ident: name) TEMPLATE \(ident: source)").run() }
            return Copy(
                kind: .postgres(url: Self.url(url, database: name)), dataDirectory: directory, template: template,
                cleanUp: {
                    try? await TestDatabase.onServer(url) { sql in try await sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run() }
                    removeDirectory()
                })
        }
    }

    /// Runs a first start into a new database and closes it, so it can be copied.
    private static func make(_ engine: TestDatabase, demo: Bool) async throws -> Template {
        let directory = try newDirectory("loa-template")
        let kind: AppConfiguration.DatabaseKind
        var postgresDatabase: String?
        switch engine {
        case .sqlite:
            kind = .sqlite(path: directory + "/loa.sqlite")
        case .postgres(let url):
            let name = "loa_tpl_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
            try await TestDatabase.onServer(url) { sql in
                // Cleaning up needs to read file times (a superuser's right); without it, skip the clean-up.
                try? await dropStaleTemplates(sql)
                try await sql.raw("CREATE DATABASE \(ident: name)").run()
            }
            postgresDatabase = name
            kind = .postgres(url: Self.url(url, database: name))
        }
        let pinned = PinnedClients()
        let configuration = TestApp.configuration(kind, dataDirectory: directory)
        let built = try await buildApplication(
            configuration, options: TestApp.options(demo: demo, idleTimeout: .seconds(30)), clients: pinned.clients, logger: TestDatabase.logger)
        await built.services.database.shutdown()
        if case .postgres = engine {
            try? FileManager.default.removeItem(atPath: directory + "/loa.sqlite")
        }
        return Template(
            engine: engine, dataDirectory: directory, postgresDatabase: postgresDatabase, firstStart: built.firstStart,
            tokensUsed: pinned.tokensUsed)
    }

    /// Templates of earlier runs that ended without cleaning up (a run cannot drop a database at exit):
    /// those older than a day are dropped, so a developer's server does not fill up.
    private static func dropStaleTemplates(_ sql: any SQLDatabase) async throws {
        let rows = try await sql.raw(
            """
            SELECT d.datname AS name FROM pg_database d
            WHERE d.datname LIKE 'loa\\_tpl\\_%' AND (pg_stat_file('base/' || d.oid || '/PG_VERSION', true)).modification < now() - interval '1 day'
            """
        ).all()
        for row in rows {
            let name = try row.decode(column: "name", as: String.self)
            try await sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
        }
    }

    private static func newDirectory(_ prefix: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    private static func copyContents(of source: String, to destination: String) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: source) {
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: destination + "/" + name)
        }
    }

    /// The server URL with another database name in its path.
    static func url(_ url: String, database: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + database
        return components.string ?? url
    }
}
