import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

/// Issue #12's demo world: the Home Affairs office's contest on the district's site, its bank of the
/// project's own questions, a closed round with published results and an open one that shows only
/// how many take part, and a few hundred generated participants across the district's units.
@Suite struct DemoContestTests {
    @Test(arguments: TestDatabase.engines)
    func theDemoContestHasItsBankAClosedRankedRoundAndAnOpenOne(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let contest = try #require(try await ContestRecord.query(on: app.db).filter(\.$slug == DemoWorld.contestSlug).first())
            let organiser = try #require(try await Unit.find(contest.$unit.id, on: app.db))
            #expect(organiser.name == "Phòng Nội vụ")
            let contestID = try contest.requireID()
            let bank = try await ContestQuestionRecord.query(on: app.db).filter(\.$contest.$id == contestID).count()
            #expect(bank >= 60)
            #expect(try await ContestCategoryRecord.query(on: app.db).filter(\.$contest.$id == contestID).count() == 4)
            let people = try await ContestParticipantRecord.query(on: app.db).filter(\.$contest.$id == contestID).all()
            #expect(people.count == 300)
            #expect(Set(people.map(\.$unit.id)).count >= 8)

            let rounds = try await ContestRoundRecord.query(on: app.db).filter(\.$contest.$id == contestID).sort(\.$opensAt).all()
            try #require(rounds.count == 2)
            let now = app.pinned.clients.now()
            #expect(rounds[0].closesAt < now && rounds[0].rankedAt != nil)
            #expect(rounds[1].schedule.isOpen(at: now) && rounds[1].rankedAt == nil)
            let ranked = try await ContestRankingRecord.query(on: app.db).filter(\.$round.$id == rounds[0].requireID()).count()
            #expect(ranked == 160 && rounds[0].actualFigure == 160)
            let prizes = try await ContestRankingRecord.query(on: app.db).filter(\.$round.$id == rounds[0].requireID()).filter(\.$prize != nil).count()
            #expect(prizes == 11)
            let collective = try await ContestUnitStandingRecord.query(on: app.db).filter(\.$round.$id == rounds[0].requireID())
                .filter(\.$prize == true).count()
            #expect(collective == 2)

            // On the district's site: the closed round's results are published; the open one shows a count only.
            let page = try await client.execute(uri: "/cuoc-thi/\(DemoWorld.contestSlug)", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("Số người tham gia: 100"))
            let results = try await client.execute(
                uri: "/cuoc-thi/\(DemoWorld.contestSlug)/vong/\(try rounds[0].requireID().uuidString.lowercased())/ket-qua", method: .get)
            #expect(results.status == .ok && results.text.contains("Giải Nhất") && results.text.contains("Giải tập thể"))
            let early = try await client.execute(
                uri: "/cuoc-thi/\(DemoWorld.contestSlug)/vong/\(try rounds[1].requireID().uuidString.lowercased())/ket-qua", method: .get)
            #expect(early.status == .notFound)
        }
    }
}
