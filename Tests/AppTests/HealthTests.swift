import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// Issue #8: `/healthz` must fail on a full or read-only data folder, not only on a dead database.
@Suite struct HealthTests {
    private func controller(_ app: TestApp, freeBytes: UInt64?, writable: Bool = true) -> SystemController {
        SystemController(
            database: app.services.database, sites: app.services.sites, configuration: app.services.configuration,
            clients: app.services.clients, freeBytes: { _ in freeBytes }, isWritable: { _ in writable })
    }

    @Test(arguments: TestDatabase.engines)
    func aNearlyFullDiskIsReportedAs503(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let health = try await controller(app, freeBytes: 10 << 20).health()
            #expect(health.status == .serviceUnavailable)
            #expect(health.responseGenerator.status == "degraded")
            #expect(health.responseGenerator.database == "ok")
            #expect(health.responseGenerator.storage == "low on space")
            #expect(health.responseGenerator.problems == ["the data folder \(app.services.configuration.dataDirectory) has 10 MB free, below 100 MB"])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aReadOnlyDataFolderIsReportedAs503(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let health = try await controller(app, freeBytes: 50 << 30, writable: false).health()
            #expect(health.status == .serviceUnavailable)
            #expect(health.responseGenerator.storage == "not writable")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func roomToSpareAndADatabaseThatAnswersIsOK(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let health = try await controller(app, freeBytes: 50 << 30).health()
            #expect(health.status == .ok)
            #expect(health.responseGenerator.problems.isEmpty)
            // The real probes on the test's own temporary folder, through HTTP.
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains("\"storage\":\"ok\""))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func readinessSaysReadyOnlyWhenEveryMigrationIsApplied(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let last = try #require(LoaMigrations.all.last?.name)
            // As if this build were newer than the database: its last migration is not in the log.
            try await app.db.sql.raw("UPDATE _fluent_migrations SET name = \(bind: last + "-hidden") WHERE name = \(bind: last)").run()
            let pending = try await client.execute(uri: "/readyz", method: .get)
            #expect(pending.status == .serviceUnavailable)
            #expect(pending.text.contains("1 migration(s) not applied yet: \(last)"))
            try await app.db.sql.raw("UPDATE _fluent_migrations SET name = \(bind: last) WHERE name = \(bind: last + "-hidden")").run()
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            #expect(ready.text.contains("\"status\":\"ready\""))
            if case .postgres = engine {
                #expect(ready.text.contains("\"notifications\":\""))
            } else {
                #expect(!ready.text.contains("notifications"))
            }
        }
    }
}
