import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoaCore
import SQLKit
import Testing

@testable import App

/// Online contests (issue #12): registration, server-timed attempts with answers saved as chosen,
/// the deadline, simultaneous starts, closing a round with its ranking and prizes, the question bank.
@Suite struct ContestTests {
    struct World {
        var contest: ContestRecord
        var round: ContestRoundRecord
        var unitID: UUID
        var slug: String { contest.slug }
    }

    /// A contest of the primary site's unit with 8 questions in two categories (the right option is
    /// always the bank's first, "Đúng"), and a round open from now for a day, drawing 2 + 2 questions
    /// in 20 minutes, one attempt each.
    static func world(_ app: TestApp, attemptsAllowed: Int = 1) async throws -> World {
        let site = try #require(try await Site.query(on: app.db).filter(\.$isPrimary == true).first())
        let contest = ContestRecord()
        contest.$unit.id = site.$unit.id
        contest.slug = "tim-hieu-cchc"
        contest.title = "Tìm hiểu về cải cách hành chính"
        contest.rules = "Mỗi người thi một lượt mỗi vòng."
        contest.groups = "Cán bộ, công chức\nNgười dân"
        contest.idHashKey = "test-key"
        try await contest.create(on: app.db)
        var csv = "Chủ đề,Câu hỏi,A,B,C,D,Đáp án\n"
        for index in 1...4 {
            csv += "Thủ tục hành chính,Câu hỏi thủ tục \(index)?,Đúng,Sai 1,Sai 2,Sai 3,A\n"
            csv += "Chính quyền điện tử,Câu hỏi điện tử \(index)?,Đúng,Sai 1,Sai 2,Sai 3,A\n"
        }
        let report = try await QuestionBankImport(db: app.db).run(csv: csv, contestID: contest.requireID())
        #expect(report.created == 8 && report.problems.isEmpty)
        let categories = try await ContestCategoryRecord.query(on: app.db).filter(\.$contest.$id == contest.requireID()).sort(\.$name).all()
        let rule = QuestionDrawRule(
            quotas: try categories.map { CategoryQuota(categoryID: try $0.requireID(), categoryName: $0.name, count: 2) })
        let round = ContestRoundRecord()
        round.$contest.id = try contest.requireID()
        round.name = "Vòng 1"
        round.opensAt = app.pinned.clients.now()
        round.closesAt = app.pinned.clients.now().addingTimeInterval(86_400)
        round.timeLimitSeconds = 1200
        round.attemptsAllowed = attemptsAllowed
        round.counting = AttemptCountingRule.best.rawValue
        round.drawRule = String(decoding: try JSONEncoder().encode(rule), as: UTF8.self)
        round.predictionQuestion = "Có bao nhiêu người tham gia vòng thi này?"
        round.prizePlan = String(decoding: try JSONEncoder().encode(PrizePlan(counts: [.first: 1, .second: 1])), as: UTF8.self)
        round.answersAfterClose = true
        try await round.create(on: app.db)
        return World(contest: contest, round: round, unitID: site.$unit.id)
    }

    /// A participant made through the service (bcrypt cost 4 in tests).
    static func participant(_ app: TestApp, _ world: World, phone: String, name: String) async throws -> ContestParticipantRecord {
        try await ContestParticipants(db: app.db, clients: app.pinned.clients, hasher: PasswordHasher(cost: 4)).register(
            .init(
                fullName: name, phone: phone, password: "mat-khau-thi", confirmation: "mat-khau-thi", unit: world.unitID.uuidString,
                group: "Người dân", citizenID: ""), contest: world.contest, scope: try await ContestScope.load(on: app.db, sites: app.services.sites))
    }

    static func registerInBrowser(_ client: any TestClientProtocol, _ world: World, phone: String) async throws -> Browser {
        let browser = Browser(client)
        let form = try await browser.get("/cuoc-thi/\(world.slug)/dang-ky")
        #expect(form.status == .ok)
        let done = try await browser.post(
            "/cuoc-thi/\(world.slug)/dang-ky",
            [
                "fullName": "Nguyễn Thị Minh Khai", "phone": phone, "password": "hoc-cchc-2026", "confirmation": "hoc-cchc-2026",
                "unit": world.unitID.uuidString, "group": "Người dân",
            ].merging(try proofOfWork(in: form.text)) { $1 }, csrf: Browser.csrf(in: form.text))
        #expect(done.status == .seeOther)
        return browser
    }

    /// The proof-of-work fields of a registration page, solved as its script does (8 bits in tests).
    /// Starts the world's round from the contest page as the signed-in `browser` would; the attempt's
    /// path, without its `?cau=` query.
    static func startInBrowser(_ browser: Browser, _ world: World) async throws -> String {
        let page = try await browser.get("/cuoc-thi/\(world.slug)")
        let started = try await browser.post(
            "/cuoc-thi/\(world.slug)/vong/\(try world.round.requireID().uuidString.lowercased())/bat-dau", [:], csrf: Browser.csrf(in: page.text))
        #expect(started.status == .seeOther)
        return String(try #require(started.headers[.location]).prefix(while: { $0 != "?" }))
    }

    static func proofOfWork(in html: String) throws -> [String: String] {
        let text = try #require(html.firstMatch(of: /name="pow_challenge" value="([^"]+)"/).map { String($0.1) })
        let challenge = try #require(ProofOfWorkChallenge(text: text))
        let nonce = try #require(ProofOfWork.solve(challenge, maximumTries: 1 << 20, hash: ProofOfWorkGate.digest))
        return ["pow_challenge": text, "pow_nonce": nonce]
    }

    static func questionID(in html: String) throws -> String {
        try #require(html.firstMatch(of: /name="question" value="([0-9a-f-]+)"/).map { String($0.1) })
    }

    /// The shown position of the option whose text is "Đúng" on a question page.
    static func rightPosition(in html: String) throws -> String {
        try #require(html.firstMatch(of: /value="([0-3])"> [A-D]\. Đúng</).map { String($0.1) })
    }

    @Test(arguments: TestDatabase.engines)
    func aParticipantRegistersStartsAnswersAndSubmits(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let world = try await Self.world(app)
            let browser = Browser(client)
            let form = try await browser.get("/cuoc-thi/\(world.slug)/dang-ky")
            let csrf = Browser.csrf(in: form.text)
            var fields = [
                "fullName": "Nguyễn Thị Minh Khai", "phone": "0912 34", "password": "hoc-cchc-2026", "confirmation": "hoc-cchc-2026",
                "unit": world.unitID.uuidString, "group": "Người dân",
            ]
            // No CSRF token: refused before anything is stored.
            #expect(try await browser.post("/cuoc-thi/\(world.slug)/dang-ky", fields, csrf: nil).status == .forbidden)
            let refused = try await browser.post("/cuoc-thi/\(world.slug)/dang-ky", fields.merging(try Self.proofOfWork(in: form.text)) { $1 }, csrf: csrf)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("value=\"Nguyễn Thị Minh Khai\""))
            #expect(try await ContestParticipantRecord.query(on: app.db).filter(\.$contest.$id == world.contest.requireID()).count() == 0)

            fields["phone"] = "+84 912 345 678"
            fields.merge(try Self.proofOfWork(in: refused.text)) { $1 }
            let registered = try await browser.post("/cuoc-thi/\(world.slug)/dang-ky", fields, csrf: csrf)
            #expect(registered.status == .seeOther)
            let stored = try #require(try await ContestParticipantRecord.query(on: app.db).filter(\.$contest.$id == world.contest.requireID()).first())
            #expect(stored.phone == "0912345678")
            #expect(stored.passwordHash != "hoc-cchc-2026")

            // The same number typed another way is one registration.
            let other = Browser(client)
            let otherForm = try await other.get("/cuoc-thi/\(world.slug)/dang-ky")
            fields["phone"] = "0912.345.678"
            fields.merge(try Self.proofOfWork(in: otherForm.text)) { $1 }
            let duplicate = try await other.post("/cuoc-thi/\(world.slug)/dang-ky", fields, csrf: Browser.csrf(in: otherForm.text))
            #expect(duplicate.status == .unprocessableContent)
            #expect(duplicate.text.contains("Số điện thoại 0912345678 đã đăng ký cuộc thi này"))

            let page = try await browser.get("/cuoc-thi/\(world.slug)")
            #expect(page.text.contains("Nguyễn Thị Minh Khai"))
            let startPath = "/cuoc-thi/\(world.slug)/vong/\(try world.round.requireID().uuidString.lowercased())/bat-dau"
            let started = try await browser.post(startPath, [:], csrf: Browser.csrf(in: page.text))
            #expect(started.status == .seeOther)
            let attemptPath = try #require(started.headers[.location])
            // Starting again resumes the same attempt.
            let again = try await browser.post(startPath, [:], csrf: Browser.csrf(in: page.text))
            #expect(again.headers[.location] == attemptPath)
            #expect(try await ContestAttemptRecord.query(on: app.db).filter(\.$round.$id == world.round.requireID()).count() == 1)

            let base = String(attemptPath.prefix(while: { $0 != "?" }))
            var rightAnswers = 0
            for number in 1...4 {
                let question = try await browser.get("\(base)?cau=\(number)")
                #expect(question.status == .ok)
                #expect(question.text.contains("câu \(number)/4"))
                // Answer the first two right, the others with another option.
                let right = try Self.rightPosition(in: question.text)
                let option = number <= 2 ? right : (right == "0" ? "1" : "0")
                if number <= 2 { rightAnswers += 1 }
                let saved = try await browser.post(
                    "\(base)/tra-loi", ["question": try Self.questionID(in: question.text), "option": option], csrf: Browser.csrf(in: question.text))
                #expect(saved.status == .seeOther)
            }
            // Changing an answer keeps one saved answer per question.
            let first = try await browser.get("\(base)?cau=1")
            #expect(first.text.contains("checked"))
            let foreign = try await browser.post(
                "\(base)/tra-loi", ["question": UUID().uuidString, "option": "0"], csrf: Browser.csrf(in: first.text))
            #expect(foreign.status == .conflict)
            #expect(foreign.text.contains("không thuộc lượt thi này"))
            let bad = try await browser.post(
                "\(base)/tra-loi", ["question": try Self.questionID(in: first.text), "option": "7"], csrf: Browser.csrf(in: first.text))
            #expect(bad.status == .unprocessableContent)
            #expect(
                try await ContestAnswerRecord.query(on: app.db).join(parent: \.$attempt).filter(
                    ContestAttemptRecord.self, \.$round.$id == world.round.requireID()
                ).count() == 4)

            app.pinned.advance(by: 75.5)
            let submitPage = try await browser.get("\(base)/nop-bai")
            #expect(submitPage.text.contains("Bạn đã trả lời 4/4 câu"))
            let noPrediction = try await browser.post("\(base)/nop-bai", ["prediction": "nhiều"], csrf: Browser.csrf(in: submitPage.text))
            #expect(noPrediction.status == .unprocessableContent)
            #expect(noPrediction.text.contains("câu hỏi dự đoán"))
            let submitted = try await browser.post("\(base)/nop-bai", ["prediction": "1.250"], csrf: Browser.csrf(in: submitPage.text))
            #expect(submitted.status == .seeOther)
            let attempt = try #require(try await ContestAttemptRecord.query(on: app.db).filter(\.$round.$id == world.round.requireID()).first())
            #expect(attempt.score == rightAnswers)
            #expect(attempt.prediction == 1250)
            #expect(attempt.durationMilliseconds == 75_500)
            #expect(attempt.closedByServer == false)
            let result = try await browser.get(try #require(submitted.headers[.location]))
            #expect(result.text.contains("\(rightAnswers)/4"))
            #expect(result.text.contains("1 phút 15,500 giây"))
            // Answers are shown only after the round closes.
            #expect(result.text.contains("Đáp án sẽ được công bố sau khi vòng thi kết thúc."))
            // A submitted attempt takes no more answers, and its one attempt is used.
            let late = try await browser.post(
                "\(base)/tra-loi", ["question": try Self.questionID(in: first.text), "option": "0"], csrf: Browser.csrf(in: first.text))
            #expect(late.status == .conflict)
            let noMore = try await browser.post(startPath, [:], csrf: Browser.csrf(in: page.text))
            #expect(noMore.status == .conflict)
            #expect(noMore.text.contains("Bạn đã dùng hết 1 lượt thi của vòng này."))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func answersAfterTheDeadlineAreRefusedAndTheServerClosesOverdueAttempts(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let world = try await Self.world(app)
            let browser = try await Self.registerInBrowser(client, world, phone: "0987654321")
            let base = try await Self.startInBrowser(browser, world)
            let question = try await browser.get(base + "?cau=1")
            let right = try Self.rightPosition(in: question.text)
            let id = try Self.questionID(in: question.text)
            #expect(try await browser.post("\(base)/tra-loi", ["question": id, "option": right], csrf: Browser.csrf(in: question.text)).status == .seeOther)

            // Within the 5-second grace after the deadline an answer still counts; after it, refused.
            app.pinned.advance(by: 1200 + 4)
            #expect(try await browser.post("\(base)/tra-loi", ["question": id, "option": right], csrf: Browser.csrf(in: question.text)).status == .seeOther)
            app.pinned.advance(by: 2)
            let late = try await browser.post("\(base)/tra-loi", ["question": id, "option": "3"], csrf: Browser.csrf(in: question.text))
            #expect(late.status == .conflict)
            #expect(late.text.contains("Đã hết giờ làm bài lúc"))

            let closed = try await ContestAttempts(db: app.db, now: app.pinned.clients.now).closeOverdue()
            #expect(closed == 1)
            let attempt = try #require(try await ContestAttemptRecord.query(on: app.db).filter(\.$round.$id == world.round.requireID()).first())
            #expect(attempt.closedByServer)
            #expect(attempt.score == 1 && attempt.answered == 1)
            // Recorded at the deadline, not when the sweep ran: the duration is the limit exactly.
            #expect(attempt.submittedAt == attempt.deadline)
            #expect(attempt.durationMilliseconds == 1_200_000)
            #expect(try await ContestAttempts(db: app.db, now: app.pinned.clients.now).closeOverdue() == 0)
            let result = try await browser.get(base + "/ket-qua")
            #expect(result.text.contains("Bài thi được hệ thống tự động nộp khi hết giờ"))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func simultaneousStartsByOnePersonGiveExactlyOneAttempt(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let world = try await Self.world(app, attemptsAllowed: 2)
            let person = try await Self.participant(app, world, phone: "0901234567", name: "Trần Văn An")
            let personID = try person.requireID()
            // SQLite has one writer: modest concurrency there; PostgreSQL takes many at once.
            let concurrency = app.services.database.isSQLite ? 8 : 50
            let attempts = ContestAttempts(db: app.db, now: app.pinned.clients.now)
            let round = world.round
            let ids = try await withThrowingTaskGroup(of: UUID.self) { group in
                for _ in 0..<concurrency {
                    group.addTask { try await attempts.start(round: round, participantID: personID).requireID() }
                }
                return try await group.reduce(into: Set<UUID>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(try await ContestAttemptRecord.query(on: app.db).filter(\.$round.$id == world.round.requireID()).count() == 1)
            // The database refuses a second open attempt even when asked directly.
            let attempt = try #require(try await ContestAttemptRecord.query(on: app.db).filter(\.$round.$id == world.round.requireID()).first())
            await #expect(throws: (any Error).self) {
                try await app.db.sql.raw(
                    """
                    INSERT INTO contest_attempts (id, round_id, participant_id, number, started_at, deadline, questions, closed_by_server)
                    VALUES (\(bind: UUID()), \(bind: try round.requireID()), \(bind: personID), 2, \(bind: attempt.startedAt),
                            \(bind: attempt.deadline), '[]', \(bind: false))
                    """
                ).run()
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func closingARoundStoresTheRankingPrizesAndUnitStatistics(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let world = try await Self.world(app)
            let attempts = ContestAttempts(db: app.db, now: app.pinned.clients.now)
            // Three people, all with full marks: the prediction (actual figure 3) and then time decide.
            let people = [("0901000001", "Lê Thị Hoa", 10, 120.0), ("0901000002", "Phạm Văn Bình", 3, 300.0), ("0901000003", "Võ Minh Tâm", 3, 200.0)]
            for (phone, name, prediction, seconds) in people {
                let person = try await Self.participant(app, world, phone: phone, name: name)
                let attempt = try await attempts.start(round: world.round, participantID: person.requireID())
                let bank = try await ContestQuestionRecord.query(on: app.db).filter(\.$contest.$id == world.contest.requireID()).all()
                for drawn in attempt.drawn {
                    let correct = try #require(bank.first { $0.id == drawn.questionID }).correctOption
                    let shown = try #require(drawn.optionOrder.firstIndex(of: correct))
                    try await attempts.answer(attempt, round: world.round, questionID: drawn.questionID, shownPosition: shown)
                }
                app.pinned.advance(by: seconds)
                try await attempts.close(attempt, prediction: prediction, byServer: false)
                app.pinned.advance(by: -seconds)
            }
            // A round still open cannot be ranked.
            await #expect(throws: ContestFailure.self) {
                try await ContestResults(db: app.db, now: app.pinned.clients.now).rank(round: world.round, actualFigure: 3)
            }
            #expect(try await ContestRankingRecord.query(on: app.db).filter(\.$round.$id == world.round.requireID()).count() == 0)

            app.pinned.advance(by: 86_400 + 10)
            let browser = try await SignInFlowTests.signInAsAdmin(app, client)
            let roundPath = AdminPage.contestRound(id: try world.round.requireID().uuidString).link
            let page = try await browser.get(roundPath)
            let closePath = AdminPage.closeContestRound(id: try world.round.requireID().uuidString).link
            let missing = try await browser.post(closePath, ["actual_figure": "ba"], csrf: Browser.csrf(in: page.text))
            #expect(missing.status == .unprocessableContent)
            let closed = try await browser.post(closePath, ["actual_figure": "3"], csrf: Browser.csrf(in: page.text))
            #expect(closed.status == .seeOther)
            let ranking = try await ContestRankingRecord.query(on: app.db).filter(\.$round.$id == world.round.requireID()).sort(\.$position).with(
                \.$participant
            ).all()
            #expect(ranking.map(\.participant.fullName) == ["Võ Minh Tâm", "Phạm Văn Bình", "Lê Thị Hoa"])
            #expect(ranking.map(\.decidedBy) == [nil, "duration", "prediction"])
            #expect(ranking.map(\.prize) == ["first", "second", nil])

            let csv = try await browser.get(AdminPage.contestRankingCSV(id: try world.round.requireID().uuidString).link)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.contains("\"Võ Minh Tâm\",\"0901000003\""))
            #expect(csv.text.contains("Giải Nhất"))

            let ranked = try await browser.get(roundPath)
            #expect(ranked.text.contains("Thời gian làm bài ngắn hơn"))
            #expect(ranked.text.contains("100 %"))
            // Per question: everyone answered right, so each drawn question shows 100 %.
            let stats = try await ContestResults(db: app.db, now: app.pinned.clients.now).questionStatistics(round: world.round)
            #expect(!stats.isEmpty && stats.allSatisfy { $0.answered == $0.right && $0.answered >= 1 })
            #expect(stats.reduce(0) { $0 + $1.answered } == 12)
            #expect(ranked.text.contains("Tỷ lệ trả lời đúng theo câu hỏi"))
            let split = try await ContestResults(db: app.db, now: app.pinned.clients.now).groupAndDayStatistics(round: world.round)
            #expect(split.groups.map(\.1) == [3] && split.groups.map(\.0) == ["Người dân"])
            #expect(split.days.map(\.1) == [3])

            let published = try await client.execute(
                uri: "/cuoc-thi/\(world.slug)/vong/\(try world.round.requireID().uuidString.lowercased())/ket-qua", method: .get)
            #expect(published.status == .ok)
            #expect(published.text.contains("Võ M. Tâm"))
            #expect(published.text.contains("090****003"))
            #expect(!published.text.contains("0901000003"))

            // The plan counts the round and its participants.
            let records = try await ContestEvidence().records(
                indicators: [.contests, .participants], units: [world.unitID], from: .distantPast, to: .distantFuture, on: app.db)
            #expect(records.filter { $0.indicator == .contests }.map(\.quantity) == [1])
            #expect(records.filter { $0.indicator == .participants }.map(\.quantity) == [3])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func theBackOfficeImportsQuestionsAndRefusesBadRoundsKeepingWhatWasTyped(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let browser = try await SignInFlowTests.signInAsAdmin(app, client)
            let form = try await browser.get(AdminPage.newContest.link)
            #expect(form.status == .ok)
            let site = try #require(try await Site.query(on: app.db).filter(\.$isPrimary == true).first())
            let created = try await browser.post(
                AdminPage.newContest.link,
                ["title": "Tìm hiểu CCHC năm 2026", "slug": "", "unit": site.$unit.id.uuidString, "rules": "Thể lệ cuộc thi.", "groups": "Người dân"],
                csrf: Browser.csrf(in: form.text))
            #expect(created.status == .seeOther)
            let contest = try #require(try await ContestRecord.query(on: app.db).filter(\.$title == "Tìm hiểu CCHC năm 2026").first())
            #expect(contest.slug == "tim-hieu-cchc-nam-2026")
            let contestPath = try #require(created.headers[.location])
            let page = try await browser.get(contestPath)
            let csv = """
                Chủ đề,Câu hỏi,A,B,C,D,Đáp án,Giải thích
                Thủ tục,Thủ tục hành chính là gì?,Trình tự,Món ăn,Bài hát,Con sông,A,Theo Nghị định 63/2010/NĐ-CP.
                Thủ tục,Câu thiếu cột,A,B
                Thủ tục,Câu sai đáp án?,1,2,3,4,E
                Thủ tục,Một cửa là gì?,Nơi tiếp nhận hồ sơ,Cửa hàng,Cổng,Cửa sổ,a
                """
            let imported = try await browser.post(contestPath + "/cau-hoi", ["csv": csv], csrf: Browser.csrf(in: page.text))
            #expect(imported.status == .ok)
            #expect(imported.text.contains("Đã thêm 2 câu hỏi, cập nhật 0 câu hỏi; 2 dòng bị từ chối."))
            #expect(imported.text.contains("Dòng 3: cần 7 cột"))
            #expect(imported.text.contains("Dòng 4: đáp án phải là A, B, C hoặc D"))
            #expect(try await ContestQuestionRecord.query(on: app.db).filter(\.$contest.$id == contest.requireID()).count() == 2)
            // Importing again updates, never duplicates.
            _ = try await browser.post(contestPath + "/cau-hoi", ["csv": csv], csrf: Browser.csrf(in: page.text))
            #expect(try await ContestQuestionRecord.query(on: app.db).filter(\.$contest.$id == contest.requireID()).count() == 2)

            let category = try #require(try await ContestCategoryRecord.query(on: app.db).filter(\.$contest.$id == contest.requireID()).first())
            let roundForm = try await browser.get(AdminPage.newContestRound(id: try contest.requireID().uuidString).link)
            let quota = "quota_\(try category.requireID().uuidString)"
            var fields = [
                "name": "Vòng 1", "opens_at": "2026-03-20T08:00", "closes_at": "2026-03-19T08:00", "time_limit": "20",
                "attempts_allowed": "1", "counting": "best", quota: "5", "prediction_question": "Bao nhiêu người tham gia?",
            ]
            let inverted = try await browser.post(
                AdminPage.newContestRound(id: try contest.requireID().uuidString).link, fields, csrf: Browser.csrf(in: roundForm.text))
            #expect(inverted.status == .unprocessableContent)
            #expect(inverted.text.contains("phải sau thời điểm bắt đầu"))
            #expect(inverted.text.contains("chỉ có 2 câu hỏi trong ngân hàng, không đủ 5 câu"))
            #expect(inverted.text.contains("value=\"Bao nhiêu người tham gia?\""))
            fields["closes_at"] = "2026-03-27T08:00"
            fields[quota] = "2"
            let saved = try await browser.post(
                AdminPage.newContestRound(id: try contest.requireID().uuidString).link, fields, csrf: Browser.csrf(in: roundForm.text))
            #expect(saved.status == .seeOther)
            fields["name"] = "Vòng 2"
            fields["opens_at"] = "2026-03-26T08:00"
            fields["closes_at"] = "2026-04-02T08:00"
            let overlapping = try await browser.post(
                AdminPage.newContestRound(id: try contest.requireID().uuidString).link, fields, csrf: Browser.csrf(in: roundForm.text))
            #expect(overlapping.status == .unprocessableContent)
            #expect(overlapping.text.contains("Vòng thi trùng thời gian với “Vòng 1”"))
            #expect(try await ContestRoundRecord.query(on: app.db).filter(\.$contest.$id == contest.requireID()).count() == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aParticipantSignsInAgainAndTheScriptSavesAnswersInTheBackground(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let world = try await Self.world(app)
            _ = try await Self.participant(app, world, phone: "0903111222", name: "Đặng Thu Hà")
            let browser = Browser(client)
            let form = try await browser.get("/cuoc-thi/\(world.slug)/dang-nhap")
            let wrong = try await browser.post(
                "/cuoc-thi/\(world.slug)/dang-nhap", ["phone": "0903 111 222", "password": "khong-dung-1"], csrf: Browser.csrf(in: form.text))
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("Số điện thoại hoặc mật khẩu không đúng."))
            #expect(wrong.text.contains("value=\"0903 111 222\""))
            let shared = try await browser.post(
                "/cuoc-thi/\(world.slug)/dang-nhap", ["phone": "+84903111222", "password": "mat-khau-thi", "shared": "1"],
                csrf: Browser.csrf(in: form.text))
            #expect(shared.status == .seeOther)
            // A shared computer gets a cookie that ends with the browser.
            let cookie = try #require(shared.headers[values: .setCookie].first { $0.hasPrefix("\(PublicContestController.sessionCookie)=") })
            #expect(!cookie.contains("Max-Age"))

            #expect(try await browser.get("/cuoc-thi/\(world.slug)").text.contains("Đặng Thu Hà"))
            let base = try await Self.startInBrowser(browser, world)
            let question = try await browser.get(base + "?cau=2")
            #expect(question.text.contains("/static/contest.js"))
            var headers = HTTPFields()
            headers[.accept] = "application/json"
            headers[.contentType] = "application/x-www-form-urlencoded"
            headers[.cookie] = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let body = "_csrf=\(try #require(Browser.csrf(in: question.text)))&question=\(try Self.questionID(in: question.text))&option=1"
            let saved = try await client.execute(uri: base + "/tra-loi", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(saved.status == .ok)
            #expect(saved.text == #"{"message":"Đã lưu câu 2.","saved":"true"}"#)
            #expect(
                try await ContestAnswerRecord.query(on: app.db).join(parent: \.$attempt).filter(
                    ContestAttemptRecord.self, \.$round.$id == world.round.requireID()
                ).count() == 1)

            // The feature's singleton task closes the attempt once it is overdue.
            app.pinned.advance(by: 1200 + 6)
            let tasks = ContestsFeature().singletonTasks(
                app.services, options: TestApp.options(demo: true, idleTimeout: .seconds(30)), logger: TestDatabase.logger)
            #expect(tasks.map(\.name) == ["contests.close-overdue"])
            for task in tasks { try await task.run() }
            let attempt = try #require(try await ContestAttemptRecord.query(on: app.db).filter(\.$round.$id == world.round.requireID()).first())
            #expect(attempt.closedByServer && attempt.answered == 1)

            // Repeated wrong passwords for one number back off (decision 0013), even for the right one then.
            _ = try await Self.participant(app, world, phone: "0903999888", name: "Bùi Văn Lâm")
            let guesser = Browser(client)
            let guessForm = try await guesser.get("/cuoc-thi/\(world.slug)/dang-nhap")
            for _ in 0..<5 {
                let guess = try await guesser.post(
                    "/cuoc-thi/\(world.slug)/dang-nhap", ["phone": "0903999888", "password": "doan-mo-123"], csrf: Browser.csrf(in: guessForm.text))
                #expect(guess.status == .unprocessableContent)
            }
            let blocked = try await guesser.post(
                "/cuoc-thi/\(world.slug)/dang-nhap", ["phone": "0903999888", "password": "mat-khau-thi"], csrf: Browser.csrf(in: guessForm.text))
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.text.contains("Bạn đã đăng nhập sai quá nhiều lần."))
        }
    }
}
