import FluentKit
import Foundation
import Testing

@testable import App

@Suite struct MigrationTests {
    @Test(arguments: TestDatabase.engines)
    func everyMigrationAppliesRevertsAndReapplies(engine: TestDatabase) async throws {
        let fresh = try await engine.makeFresh()
        let stack = try await DatabaseStack.open(fresh.kind, logger: TestDatabase.logger)
        do {
            #expect(try await stack.pendingMigrations() == LoaMigrations.all.map(\.name))
            #expect(try await stack.migrate().count == LoaMigrations.all.count)
            #expect(try await stack.pendingMigrations().isEmpty)
            try await stack.revertAll()
            #expect(try await stack.pendingMigrations().count == LoaMigrations.all.count)
            try await stack.migrate()
            #expect(try await stack.appliedMigrations().map(\.name) == LoaMigrations.all.map(\.name))
        } catch {
            await stack.shutdown(); await fresh.cleanUp()
            throw error
        }
        await stack.shutdown()
        await fresh.cleanUp()
    }

    @Test(arguments: TestDatabase.engines)
    func serveRefusesPendingMigrationsWhenToldToAndNamesThem(engine: TestDatabase) async throws {
        let fresh = try await engine.makeFresh()
        defer { Task { await fresh.cleanUp() } }
        await #expect {
            _ = try await buildApplication(
                TestApp.configuration(fresh.kind, dataDirectory: fresh.dataDirectory),
                options: .init(migrations: .refuseIfPending), clients: PinnedClients().clients, logger: TestDatabase.logger)
        } throws: { error in
            (error as? PendingMigrationsError)?.description.contains("001_create_units") == true
        }
    }

    @Test func migrationNamesAreNumberedInOrder() {
        let names = LoaMigrations.all.map(\.name)
        let numbers = names.compactMap { Int($0.prefix(3)) }
        // Unique and in order. Branches built in parallel reserve blocks (the radio's 040–049, issue #11),
        // so a gap is allowed; the lead may renumber a block when it lands.
        #expect(numbers.count == names.count)
        #expect(numbers == numbers.sorted() && Set(numbers).count == numbers.count)
        #expect(numbers.first == 1)
    }
}
