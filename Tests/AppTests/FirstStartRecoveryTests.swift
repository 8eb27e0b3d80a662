import FluentKit
import Foundation
import LoaCore
import Testing

@testable import App

/// Issue #8, fault drill: a first start killed half-way must be completed by the next start, with an
/// administrator who can sign in and the whole demo world.
@Suite struct FirstStartRecoveryTests {
    /// Counts of a complete demo world, taken from a first start that was never interrupted.
    struct WorldCounts: Equatable {
        var units, sites, articles, plans, slides, administrators: Int
        var questions = 0, consultations = 0

        static func of(_ db: any Database) async throws -> WorldCounts {
            WorldCounts(
                units: try await Unit.query(on: db).count(), sites: try await Site.query(on: db).count(),
                articles: try await Article.query(on: db).count(), plans: try await Plan.query(on: db).count(),
                slides: try await Slide.query(on: db).count(),
                administrators: try await RoleAssignment.query(on: db).filter(\.$role == Role.administrator.rawValue).count(),
                questions: try await FeedbackItemRecord.query(on: db).count(), consultations: try await ConsultationRecord.query(on: db).count())
        }
    }

    static let complete = WorldCounts(units: 11, sites: 7, articles: 0, plans: 1, slides: 2, administrators: 1, questions: 4, consultations: 1)

    @Test(arguments: TestDatabase.engines)
    func aDemoWorldLeftWithoutAnAdministratorIsCompletedByTheNextStart(engine: TestDatabase) async throws {
        try await withInterruptedStart(engine) { services in
            // What a process killed right after the demo's first transaction leaves.
            _ = try await DemoWorld.seed(on: services.database.db, now: PinnedClients.start)
        } check: { firstStart, db in
            try await Self.expectWorkingAdministratorAndCompleteWorld(firstStart, db: db)
        }
    }

    @Test(arguments: TestDatabase.engines, ["units", "plan", "contest", "feedback", "slides"])
    func aFirstStartInterruptedAfterAnyStepIsCompletedByTheNextStart(engine: TestDatabase, step: String) async throws {
        struct Killed: Error {}
        try await withInterruptedStart(engine) { services in
            var first = FirstStart(db: services.database.db, clients: services.clients, configuration: services.configuration, media: services.media)
            first.afterStep = { if $0 == step { throw Killed() } }
            await #expect(throws: Killed.self) { try await first.runIfNeeded(demo: true) }
        } check: { firstStart, db in
            try await Self.expectWorkingAdministratorAndCompleteWorld(firstStart, db: db)
        }
    }

    static func expectWorkingAdministratorAndCompleteWorld(_ firstStart: FirstStartInfo?, db: any Database) async throws {
        let info = try #require(firstStart, "the next start created no administrator")
        let admin = try #require(try await User.query(on: db).filter(\.$email == info.adminEmail).first())
        #expect(try await PasswordHasher(cost: 4).verify(info.oneTimePassword, hash: admin.passwordHash))
        let role = try #require(try await RoleAssignment.query(on: db).filter(\.$user.$id == admin.requireID()).first())
        #expect(role.role == Role.administrator.rawValue)
        let province = try await Unit.query(on: db).filter(\.$code == DemoWorld.provinceCode).first()
        #expect(role.$unit.id == province?.id)
        var counts = try await WorldCounts.of(db)
        #expect(counts.articles > 0)
        counts.articles = 0
        #expect(counts == complete)
    }

    /// Runs `interrupt` on a migrated, empty database, closes it as a killed process would leave it,
    /// then starts the application on it once more and hands its first-start result to `check`.
    private func withInterruptedStart(
        _ engine: TestDatabase, interrupt: (AppServices) async throws -> Void,
        check: (FirstStartInfo?, any Database) async throws -> Void
    ) async throws {
        let fresh = try await engine.makeFresh()
        do {
            let configuration = TestApp.configuration(fresh.kind, dataDirectory: fresh.dataDirectory)
            let services = try await AppServices.open(configuration, clients: PinnedClients().clients, logger: TestDatabase.logger)
            do {
                try await services.database.migrate()
                try await interrupt(services)
            } catch {
                await services.database.shutdown()
                throw error
            }
            await services.database.shutdown()

            let built = try await buildApplication(
                configuration, options: .init(demo: true, migrations: .automatic, viewFlushInterval: .seconds(86_400)),
                clients: PinnedClients().clients, logger: TestDatabase.logger)
            do {
                try await check(built.firstStart, built.services.database.db)
            } catch {
                await built.services.database.shutdown()
                throw error
            }
            await built.services.database.shutdown()
        } catch {
            await fresh.cleanUp()
            throw error
        }
        await fresh.cleanUp()
    }
}
