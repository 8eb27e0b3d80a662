import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

/// Collective prizes (issue #12): the organiser states each unit's headcount; at the round's close the
/// units' participation rates are judged against the thresholds by size, stored with the ranking, and
/// the winners published.
@Suite struct ContestCollectivePrizeTests {
    @Test(arguments: TestDatabase.engines)
    func theUnitWhoseShareTookPartPassesItsThresholdWinsTheCollectivePrize(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let world = try await ContestTests.world(app)
            let tree = try await UnitTree.load(on: app.db)
            let children = tree.children(of: world.unitID).filter { !$0.isRetired }
            try #require(children.count >= 2)
            let (small, unsized) = (children[0], children[1])

            world.round.collectiveRule = String(
                decoding: try JSONEncoder().encode(CollectivePrizeRule(bands: [ParticipationBand(sizeBelow: nil, minimumPercent: 40)], prizeCount: 1)),
                as: UTF8.self)
            try await world.round.update(on: app.db)

            // 3 of 10 in the organising unit (30 %), 2 of 4 in the small unit (50 %), 1 in a unit with no headcount.
            let attempts = ContestAttempts(db: app.db, now: app.pinned.clients.now)
            let people = [world.unitID, world.unitID, world.unitID, small.id, small.id, unsized.id]
            for (index, unitID) in people.enumerated() {
                let person = try await ContestParticipants(db: app.db, clients: app.pinned.clients, hasher: PasswordHasher(cost: 4)).register(
                    .init(
                        fullName: "Người Dự Thi " + ["An", "Bình", "Chi", "Dũng", "Giang", "Hà"][index], phone: "090100000\(index)", password: "mat-khau-thi",
                        confirmation: "mat-khau-thi",
                        unit: unitID.uuidString, group: "Người dân", citizenID: ""), contest: world.contest,
                    scope: try await ContestScope.load(on: app.db, sites: app.services.sites))
                let attempt = try await attempts.start(round: world.round, participantID: person.requireID())
                try await attempts.close(attempt, prediction: 6, byServer: false)
            }
            app.pinned.advance(by: 86_400 + 10)

            // Headcounts through the back office: a word is refused with what was typed kept.
            let browser = try await SignInFlowTests.signInAsAdmin(app, client)
            let contestID = try world.contest.requireID().uuidString
            let page = try await browser.get(AdminPage.contest(id: contestID).link)
            #expect(page.text.contains("Quân số các đơn vị"))
            let sizesPath = AdminPage.contestUnitSizes(id: contestID).link
            var sizes = ["size_\(world.unitID.uuidString)": "10", "size_\(small.id.uuidString)": "bốn"]
            let refused = try await browser.post(sizesPath, sizes, csrf: Browser.csrf(in: page.text))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Quân số của “\(small.name)” phải là số nguyên"))
            #expect(refused.text.contains("value=\"bốn\""))
            #expect(try await ContestUnitSizeRecord.query(on: app.db).filter(\.$contest.$id == world.contest.requireID()).count() == 0)
            sizes["size_\(small.id.uuidString)"] = "4"
            let saved = try await browser.post(sizesPath, sizes, csrf: Browser.csrf(in: page.text))
            #expect(saved.status == .ok)
            #expect(saved.text.contains("Đã lưu quân số các đơn vị."))
            #expect(try await ContestUnitSizeRecord.query(on: app.db).filter(\.$contest.$id == world.contest.requireID()).count() == 2)

            _ = try await ContestResults(db: app.db, now: app.pinned.clients.now).rank(round: world.round, actualFigure: 6)

            let standings = try await ContestUnitStandingRecord.query(on: app.db).filter(\.$round.$id == world.round.requireID()).sort(\.$position).all()
            // The winner first; the others by rate (a unit without headcount counts as one person, never eligible).
            #expect(standings.map(\.unitID) == [small.id, unsized.id, world.unitID])
            #expect(standings.map(\.participants) == [2, 1, 3])
            #expect(standings.map(\.eligible) == [true, false, false])
            #expect(standings.map(\.prize) == [true, false, false])

            let published = try await client.execute(
                uri: "/cuoc-thi/\(world.slug)/vong/\(try world.round.requireID().uuidString.lowercased())/ket-qua", method: .get)
            #expect(published.text.contains("Giải tập thể"))
            #expect(published.text.contains("\(small.name): 2/4 người (50 %) tham gia"))
            let adminRound = try await browser.get(AdminPage.contestRound(id: try world.round.requireID().uuidString).link)
            #expect(adminRound.text.contains("Đạt giải tập thể"))
            #expect(adminRound.text.contains("chưa nhập"))
        }
    }
}
