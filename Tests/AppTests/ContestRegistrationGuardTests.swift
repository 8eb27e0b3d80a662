import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

/// What stands between a registration form and a bot (issue #12, decision 0028): a proof-of-work the
/// server issued and accepts once, and rate limits per address and per phone number; every refusal
/// keeps what the person typed.
@Suite struct ContestRegistrationGuardTests {
    static func fields(_ world: ContestTests.World, phone: String) -> [String: String] {
        [
            "fullName": "Trần Văn Bình", "phone": phone, "password": "hoc-cchc-2026", "confirmation": "hoc-cchc-2026",
            "unit": world.unitID.uuidString, "group": "Người dân",
        ]
    }

    @Test(arguments: TestDatabase.engines)
    func aRegistrationNeedsAnIssuedSolvedUnspentProofOfWork(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let world = try await ContestTests.world(app)
            let path = "/cuoc-thi/\(world.slug)/dang-ky"
            let browser = Browser(client)
            let form = try await browser.get(path)
            let csrf = Browser.csrf(in: form.text)
            let solved = try ContestTests.proofOfWork(in: form.text)

            // Sent before the script finished: refused, the typed name kept, nobody stored.
            let unsolved = try await browser.post(
                path, Self.fields(world, phone: "0912345678").merging(["pow_challenge": solved["pow_challenge"]!]) { $1 }, csrf: csrf)
            #expect(unsolved.status == .unprocessableContent)
            #expect(unsolved.text.contains("chưa hoàn tất bước xác minh chống đăng ký tự động"))
            #expect(unsolved.text.contains("value=\"Trần Văn Bình\""))

            // A challenge the client made itself (an easier one, with a token no instance signed).
            let forged = ProofOfWorkChallenge(token: "tu-che-thu-thach", difficultyBits: 8, now: app.pinned.clients.now(), lifetime: 600)
            let forgedNonce = try #require(ProofOfWork.solve(forged, maximumTries: 1 << 20, hash: ProofOfWorkGate.digest))
            let refusedForgery = try await browser.post(
                path, Self.fields(world, phone: "0912345678").merging(["pow_challenge": forged.text, "pow_nonce": forgedNonce]) { $1 }, csrf: csrf)
            #expect(refusedForgery.status == .unprocessableContent)
            #expect(try await ContestParticipantRecord.query(on: app.db).filter(\.$contest.$id == world.contest.requireID()).count() == 0)

            // Solved: accepted once.
            let registered = try await browser.post(path, Self.fields(world, phone: "0912345678").merging(solved) { $1 }, csrf: csrf)
            #expect(registered.status == .seeOther)

            // The same solution for a second person: refused, however many instances issued pages.
            let other = Browser(client)
            let otherForm = try await other.get(path)
            let replay = try await other.post(path, Self.fields(world, phone: "0987654321").merging(solved) { $1 }, csrf: Browser.csrf(in: otherForm.text))
            #expect(replay.status == .unprocessableContent)
            #expect(replay.text.contains("đã được dùng cho một lần gửi khác"))
            #expect(replay.text.contains("value=\"0987654321\""))
            #expect(try await ContestParticipantRecord.query(on: app.db).filter(\.$contest.$id == world.contest.requireID()).count() == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func oneAddressRegistersOnlySoManyPeopleAnHour(engine: TestDatabase) async throws {
        try await TestApp.run(engine, configure: { $0.contestRegistrationsPerAddressHour = 2 }) { app, client in
            let world = try await ContestTests.world(app)
            let path = "/cuoc-thi/\(world.slug)/dang-ky"
            for phone in ["0912000001", "0912000002"] {
                _ = try await ContestTests.registerInBrowser(client, world, phone: phone)
            }
            let browser = Browser(client)
            let form = try await browser.get(path)
            let third = try await browser.post(
                path, Self.fields(world, phone: "0912000003").merging(try ContestTests.proofOfWork(in: form.text)) { $1 },
                csrf: Browser.csrf(in: form.text))
            #expect(third.status == .tooManyRequests)
            #expect(third.text.contains("Có quá nhiều lượt đăng ký trong thời gian ngắn; vui lòng thử lại sau 60 phút"))
            #expect(third.text.contains("value=\"0912000003\""))
            #expect(try await ContestParticipantRecord.query(on: app.db).filter(\.$contest.$id == world.contest.requireID()).count() == 2)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func oneNumberMayBeTriedOnlyTenTimesAnHour(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let world = try await ContestTests.world(app)
            _ = try await ContestTests.registerInBrowser(client, world, phone: "0912345678")
            let path = "/cuoc-thi/\(world.slug)/dang-ky"
            let browser = Browser(client)
            var page = try await browser.get(path).text
            var statuses: [HTTPResponse.Status] = []
            for _ in 1...10 {
                let answer = try await browser.post(
                    path, Self.fields(world, phone: "0912 345 678").merging(try ContestTests.proofOfWork(in: page)) { $1 },
                    csrf: Browser.csrf(in: page))
                statuses.append(answer.status)
                page = answer.text
            }
            // The registration was the first try of the hour; nine more say the number is taken, and the
            // tenth only says to wait, whoever owns the number.
            #expect(statuses.prefix(9).allSatisfy { $0 == .unprocessableContent })
            #expect(statuses.last == .tooManyRequests)
            #expect(!page.contains("đã đăng ký cuộc thi này"))
        }
    }
}

/// A participant who forgot the password calls the organiser (issue #12): the organiser sets a new
/// one, shown once; the old password and every session of the person stop working.
@Suite struct ContestPasswordResetTests {
    @Test(arguments: TestDatabase.engines)
    func theOrganiserGivesAForgetfulParticipantANewPassword(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let world = try await ContestTests.world(app)
            let participant = try await ContestTests.registerInBrowser(client, world, phone: "0912345678")
            #expect(try await participant.get("/cuoc-thi/\(world.slug)").text.contains("Nguyễn Thị Minh Khai"))

            let organiser = try await SignInFlowTests.signInAsAdmin(app, client)
            let contestPage = AdminPage.contest(id: try world.contest.requireID().uuidString).link
            let page = try await organiser.get(contestPage)
            let resetPath = AdminPage.contestPasswordReset(id: try world.contest.requireID().uuidString).link
            let unknown = try await organiser.post(resetPath, ["reset_phone": "0987 000 111"], csrf: Browser.csrf(in: page.text))
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains("Không có người dự thi nào đăng ký cuộc thi này bằng số 0987000111"))
            #expect(unknown.text.contains("value=\"0987 000 111\""))

            let reset = try await organiser.post(resetPath, ["reset_phone": "+84 912 345 678"], csrf: Browser.csrf(in: page.text))
            #expect(reset.status == .ok)
            let password = try #require(reset.text.firstMatch(of: /\(0912345678\): ([a-z2-9]{10})\./).map { String($0.1) })

            // The old session has ended; the old password no longer opens one, the new one does.
            #expect(!(try await participant.get("/cuoc-thi/\(world.slug)").text.contains("Nguyễn Thị Minh Khai")))
            let participants = ContestParticipants(db: app.db, clients: app.pinned.clients, hasher: PasswordHasher(cost: 4))
            let old = try await participants.signIn(contest: world.contest, phone: "0912345678", password: "hoc-cchc-2026", ip: "127.0.0.1")
            guard case .rejected = old else { Issue.record("the old password still signs in"); return }
            let fresh = try await participants.signIn(contest: world.contest, phone: "0912345678", password: password, ip: "127.0.0.1")
            guard case .signedIn = fresh else { Issue.record("the new password does not sign in"); return }
            let audit = try await AuditEvent.query(on: app.db).filter(\.$kind == AuditKind.contestPasswordReset.rawValue).count()
            #expect(audit == 1)
        }
    }
}
