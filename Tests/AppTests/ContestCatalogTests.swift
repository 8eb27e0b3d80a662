import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import App

/// The participants' pages read contests, rounds and the bank from memory (`ContestCatalog`, decision
/// 0029): what the organiser changes must still show on the next request, and what nobody changed must
/// not be read again.
@Suite struct ContestCatalogTests {
    @Test(arguments: TestDatabase.engines)
    func aContestIsReadOncePerContentVersionAndAgainAfterAChange(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let world = try await ContestTests.world(app)
            let version = Atomic<Int64>(1)
            let catalog = ContestCatalog(db: app.db, version: { version.load(ordering: .relaxed) })
            let first = try #require(try await catalog.contest(slug: world.slug))
            #expect(first.rounds.map(\.name) == ["Vòng 1"])
            #expect(first.questions.count == 8)
            #expect(first.bank.count == 8)

            world.round.name = "Vòng thi thứ nhất"
            try await world.round.update(on: app.db)
            let same = try #require(try await catalog.contest(slug: world.slug))
            #expect(same.contest === first.contest, "nothing bumped the version: the held entry is used")
            #expect(same.rounds.map(\.name) == ["Vòng 1"])

            version.store(2, ordering: .relaxed)
            let fresh = try #require(try await catalog.contest(slug: world.slug))
            #expect(fresh.rounds.map(\.name) == ["Vòng thi thứ nhất"])
            #expect(try await catalog.contest(slug: "khong-co-cuoc-thi-nay") == nil)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func theOrganisersChangeShowsOnTheNextPublicRequest(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let world = try await ContestTests.world(app)
            let before = try await client.executeRequest(uri: "/cuoc-thi/\(world.slug)", method: .get, headers: [:], body: nil)
            #expect(before.status == .ok)
            #expect(String(buffer: before.body).contains("Tìm hiểu về cải cách hành chính"))

            let browser = try await SignInFlowTests.signInAsAdmin(app, client)
            let contestPath = AdminPage.contest(id: try world.contest.requireID().uuidString).link
            let form = try await browser.get(contestPath)
            let saved = try await browser.post(
                contestPath,
                [
                    "title": "Tìm hiểu cải cách hành chính năm 2026", "slug": world.slug, "unit": world.unitID.uuidString,
                    "rules": "Thể lệ mới.", "groups": "Người dân",
                ], csrf: Browser.csrf(in: form.text))
            #expect(saved.status == .seeOther)

            let after = try await client.executeRequest(uri: "/cuoc-thi/\(world.slug)", method: .get, headers: [:], body: nil)
            #expect(String(buffer: after.body).contains("Tìm hiểu cải cách hành chính năm 2026"))
            #expect(String(buffer: after.body).contains("Thể lệ mới."))
        }
    }
}
