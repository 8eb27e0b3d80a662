import FluentKit
import Foundation
import Testing

@testable import App

/// Issue #10: several instances starting at once on an empty PostgreSQL database; one migrates, the
/// others wait for the migration lock and then find nothing to do; none fails. (SQLite is one file
/// served by one process; it has no such start.)
@Suite struct ConcurrentMigrationTests {
    static let postgres = TestDatabase.engines.filter {
        if case .postgres = $0 { return true }
        return false
    }

    @Test(.enabled(if: !postgres.isEmpty, "needs LOA_TEST_POSTGRES_URL"), arguments: postgres)
    func threeInstancesMigratingAnEmptyDatabaseAtOnceApplyEachMigrationOnce(engine: TestDatabase) async throws {
        let fresh = try await engine.makeFresh()
        var stacks: [DatabaseStack] = []
        do {
            for _ in 0..<3 { stacks.append(try await DatabaseStack.open(fresh.kind, logger: TestDatabase.logger)) }
            let applied = try await withThrowingTaskGroup(of: [String].self) { group in
                for stack in stacks { group.addTask { try await stack.migrate() } }
                var all: [[String]] = []
                for try await names in group { all.append(names) }
                return all
            }
            #expect(applied.filter { !$0.isEmpty } == [LoaMigrations.all.map(\.name)], "one instance applied everything")
            #expect(applied.filter(\.isEmpty).count == 2, "the two others found nothing left")
            #expect(try await stacks[0].appliedMigrations().map(\.name) == LoaMigrations.all.map(\.name))
        } catch {
            for stack in stacks { await stack.shutdown() }
            await fresh.cleanUp()
            throw error
        }
        for stack in stacks { await stack.shutdown() }
        await fresh.cleanUp()
    }

    @Test func theLockKeyIsStableAndDiffersBySchema() {
        #expect(DatabaseStack.migrationLockKey(searchPath: ["t_a"]) == DatabaseStack.migrationLockKey(searchPath: ["t_a"]))
        #expect(DatabaseStack.migrationLockKey(searchPath: ["t_a"]) != DatabaseStack.migrationLockKey(searchPath: ["t_b"]))
    }
}
