import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

/// Citizens' questions and feedback (issue #15): sent with a proof of work, followed with the code and
/// the sender's contact, taken by the back office through its steps, and published without the
/// sender's details.
@Suite struct FeedbackTests {
    static let fields = [
        "kind": "question", "title": "Hồ sơ đăng ký khai sinh cho con", "content": "Tôi muốn hỏi đăng ký khai sinh cần mang theo những giấy tờ gì?",
        "name": "Trần Văn Bình", "phone": "0912 345 678", "email": "", "address": "Ấp Tân Quới", "consent": "1",
    ]

    /// Sends the form as a browser would and returns the tracking code.
    static func send(_ browser: Browser, _ fields: [String: String] = fields) async throws -> (status: HTTPResponse.Status, location: String?, text: String) {
        let form = try await browser.get("/hoi-dap/gui")
        #expect(form.status == .ok)
        var posted = fields
        posted.merge(try ContestTests.proofOfWork(in: form.text)) { $1 }
        let sent = try await browser.post("/hoi-dap/gui", posted, csrf: Browser.csrf(in: form.text))
        return (sent.status, sent.headers[.location], sent.text)
    }

    @Test(arguments: TestDatabase.engines)
    func aCitizenSendsAQuestionAndFollowsItWithTheCodeAndTheirPhone(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let citizen = Browser(client)
            // Problems are named on their fields and what was typed stays.
            var incomplete = Self.fields
            incomplete["phone"] = ""
            incomplete["consent"] = ""
            let refused = try await Self.send(citizen, incomplete)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Vui lòng cho biết số điện thoại hoặc địa chỉ email"))
            #expect(refused.text.contains("Vui lòng đồng ý cho cơ quan xử lý dữ liệu cá nhân"))
            #expect(refused.text.contains("Tôi muốn hỏi đăng ký khai sinh cần mang theo những giấy tờ gì?"))
            #expect(refused.text.contains("value=\"Trần Văn Bình\""))
            // An over-long text is refused with its own message, and what was typed comes back.
            var long = Self.fields
            long["content"] = String(repeating: "Rất dài. ", count: 600)
            let tooLong = try await Self.send(citizen, long)
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.text.contains("Nội dung dài quá 5000 ký tự."))
            #expect(tooLong.text.contains("Rất dài. Rất dài."))
            // A bot filling the hidden field is refused; nothing is stored.
            var bot = Self.fields
            bot["website"] = "http://spam.example"
            #expect(try await Self.send(citizen, bot).status == .unprocessableContent)
            // Without a solved proof of work, refused too.
            let form = try await citizen.get("/hoi-dap/gui")
            #expect(try await citizen.post("/hoi-dap/gui", Self.fields, csrf: Browser.csrf(in: form.text)).status == .unprocessableContent)
            // The demo world's items are all there is.
            let demoItems = try await FeedbackItemRecord.query(on: app.db).count()
            #expect(try await FeedbackItemRecord.query(on: app.db).filter(\.$senderPhone == Optional("0912345678")).count() == 0)

            let sent = try await Self.send(citizen)
            #expect(sent.status == .seeOther)
            let year = CalendarDay(app.pinned.clients.now()).year
            let code = TrackingCode(year: year, number: demoItems + 1).description
            #expect(sent.location == "/hoi-dap/da-gui/\(code)")
            let confirmation = try await citizen.get(try #require(sent.location))
            #expect(confirmation.text.contains(code))
            #expect(try await Self.send(citizen).location == "/hoi-dap/da-gui/\(TrackingCode(year: year, number: demoItems + 2))")

            let item = try #require(try await FeedbackItemRecord.query(on: app.db).filter(\.$number == demoItems + 1).first())
            #expect(item.senderPhone == "0912345678" && item.workflowState == .received)
            #expect(item.unitID == (try await Site.query(on: app.db).filter(\.$isPrimary == true).first())?.$unit.id)

            let trackForm = try await citizen.get("/hoi-dap/tra-cuu")
            let csrf = Browser.csrf(in: trackForm.text)
            let found = try await citizen.post("/hoi-dap/tra-cuu", ["code": code.lowercased(), "contact": "+84912345678"], csrf: csrf)
            #expect(found.status == .ok)
            #expect(found.text.contains("Mới tiếp nhận"))
            #expect(found.text.contains("Hồ sơ đăng ký khai sinh cho con"))
            let wrongPhone = try await citizen.post("/hoi-dap/tra-cuu", ["code": code, "contact": "0987654321"], csrf: csrf)
            #expect(wrongPhone.status == .notFound)
            #expect(!wrongPhone.text.contains("Hồ sơ đăng ký khai sinh cho con"))
            let malformed = try await citizen.post("/hoi-dap/tra-cuu", ["code": "PAKN-12", "contact": "0912345678"], csrf: csrf)
            #expect(malformed.status == .unprocessableContent)
            #expect(malformed.text.contains("Mã số không đúng dạng"))
            // A lookup without the form's token changes nothing and is refused.
            #expect(try await citizen.post("/hoi-dap/tra-cuu", ["code": code, "contact": "0912345678"], csrf: "sai").status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func theBackOfficeTakesAnItemToAPublishedAnswerWithoutTheSendersDetails(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let citizen = Browser(client)
            _ = try await Self.send(citizen)
            let item = try #require(try await FeedbackItemRecord.query(on: app.db).filter(\.$senderPhone == Optional("0912345678")).first())
            let path = AdminPage.feedbackItem(id: try item.requireID().uuidString).link
            let admin = try await SignInFlowTests.signInAsAdmin(app, client)
            let inbox = try await admin.get(AdminPage.feedbackInbox.link)
            #expect(inbox.text.contains(item.code.description))
            var page = try await admin.get(path)
            #expect(page.text.contains("0912345678"))

            func step(_ name: String, _ extra: [String: String] = [:], version: Int? = nil) async throws -> (HTTPResponse.Status, String) {
                let current = try #require(await FeedbackItemRecord.find(item.requireID(), on: app.db))
                var fields = ["step": name, "version": String(version ?? current.version)]
                fields.merge(extra) { $1 }
                let answer = try await admin.post(path + "/xu-ly", fields, csrf: Browser.csrf(in: page.text))
                if answer.status == .seeOther { page = try await admin.get(path) }
                return (answer.status, answer.text)
            }
            let (noReason, noReasonText) = try await step("refuse")
            #expect(noReason == .unprocessableContent)
            #expect(noReasonText.contains("Vui lòng ghi lý do không thụ lý"))
            #expect(try await step("accept").0 == .seeOther)
            // A page seen before that step is stale: refused, and the current state is shown.
            let (stale, staleText) = try await step("accept", version: 1)
            #expect(stale == .conflict)
            #expect(staleText.contains("vừa được người khác xử lý"))
            #expect(try await step("startHandling").0 == .seeOther)
            let (empty, _) = try await step("submitAnswer", ["answer": "  "])
            #expect(empty == .unprocessableContent)
            let answer = "Hồ sơ gồm tờ khai theo mẫu và giấy chứng sinh.\nXuất trình căn cước qua ứng dụng VNeID."
            #expect(try await step("submitAnswer", ["answer": answer]).0 == .seeOther)
            #expect(try await FeedbackItemRecord.find(item.requireID(), on: app.db)?.workflowState == .awaitingApproval)
            // Nothing is public before a leader approves.
            #expect(!(try await client.execute(uri: "/hoi-dap", method: .get).text.contains("Hồ sơ đăng ký khai sinh cho con")))
            #expect(try await step("approveAnswer", ["publish": "1", "topic": "Hộ tịch"]).0 == .seeOther)

            let stored = try #require(try await FeedbackItemRecord.find(item.requireID(), on: app.db))
            #expect(stored.workflowState == .answered && stored.published && stored.answer == answer)
            let list = try await client.execute(uri: "/hoi-dap", method: .get)
            #expect(list.text.contains("<h2>Hộ tịch</h2>"))
            #expect(list.text.contains("Hồ sơ đăng ký khai sinh cho con"))
            let published = try await client.execute(uri: "/hoi-dap/tra-loi/\(item.code.description)", method: .get)
            #expect(published.status == .ok)
            #expect(published.text.contains("Xuất trình căn cước qua ứng dụng VNeID."))
            for personal in ["Trần Văn Bình", "0912345678", "Ấp Tân Quới"] { #expect(!published.text.contains(personal)) }
            // The sender reads the answer with the code.
            let trackForm = try await citizen.get("/hoi-dap/tra-cuu")
            let tracked = try await citizen.post(
                "/hoi-dap/tra-cuu", ["code": item.code.description, "contact": "0912345678"], csrf: Browser.csrf(in: trackForm.text))
            #expect(tracked.text.contains("Đã trả lời") && tracked.text.contains("Hồ sơ gồm tờ khai theo mẫu"))

            // The site's search box finds the published answer, without diacritics too, with the terms marked.
            let search = try await client.execute(uri: "/tim-kiem?q=ung+dung+vneid", method: .get)
            #expect(search.text.contains("<h2>Hỏi đáp (1)</h2>"))
            #expect(search.text.contains("href=\"/hoi-dap/tra-loi/\(item.code)\""))
            #expect(search.text.contains("<mark>ứng</mark> <mark>dụng</mark> <mark>VNeID</mark>"))
            #expect(!search.text.contains("Không tìm thấy kết quả nào"))
            // Only on the site that published it.
            #expect(!(try await client.execute(uri: "/xa/tan-thoi/tim-kiem?q=ung+dung+vneid", method: .get).text.contains("Hỏi đáp (1)")))

            let events = try await FeedbackEventRecord.query(on: app.db).filter(\.$itemID == item.requireID()).all()
            #expect(events.map(\.step) == ["receive", "accept", "startHandling", "submitAnswer", "approveAnswer"])
            #expect(try await AuditEvent.query(on: app.db).filter(\.$kind == AuditKind.feedbackStep.rawValue).count() == 4)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aModeratorsEditKeepsTheOriginalAndAForwardMovesTheItemOutOfACommunesReach(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            _ = try await Self.send(Browser(client))
            let item = try #require(try await FeedbackItemRecord.query(on: app.db).filter(\.$senderPhone == Optional("0912345678")).first())
            let path = AdminPage.feedbackItem(id: try item.requireID().uuidString).link
            let password = try await BackOfficeTests.account(app, email: "btv.xa@loa.local", unitCode: "DEMO-TPD-1", role: .editor)
            let commune = try await BackOfficeTests.signIn(client, "btv.xa@loa.local", password)
            // The district's item is not the commune's.
            #expect(try await commune.get(path).status == .notFound)
            #expect(!(try await commune.get(AdminPage.feedbackInbox.link).text.contains(item.code.description)))

            let admin = try await SignInFlowTests.signInAsAdmin(app, client)
            var page = try await admin.get(path)
            let edited = try await admin.post(
                path + "/bien-tap", ["version": "1", "title": "Hồ sơ khai sinh", "content": "Hỏi về giấy tờ đăng ký khai sinh."],
                csrf: Browser.csrf(in: page.text))
            #expect(edited.status == .seeOther)
            let stored = try #require(try await FeedbackItemRecord.find(item.requireID(), on: app.db))
            #expect(stored.title == "Hồ sơ khai sinh" && stored.originalTitle == "Hồ sơ đăng ký khai sinh cho con")
            #expect(stored.originalContent == Self.fields["content"])

            let communeUnit = try #require(try await Unit.query(on: app.db).filter(\.$code == "DEMO-TPD-1").first())
            page = try await admin.get(path)
            let forwarded = try await admin.post(
                path + "/xu-ly", ["step": "forward", "version": "2", "unit": try communeUnit.requireID().uuidString, "note": "Thuộc thẩm quyền xã"],
                csrf: Browser.csrf(in: page.text))
            #expect(forwarded.status == .seeOther)
            // Now the commune's editor handles it.
            let communePage = try await commune.get(path)
            #expect(communePage.status == .ok)
            #expect(communePage.text.contains("Đã chuyển đơn vị có thẩm quyền"))

            // Overdue after the 5 working days to decide: listed under "Quá hạn".
            app.pinned.advance(by: 10 * 86_400)
            let later = try await BackOfficeTests.signIn(client, "btv.xa@loa.local", password)
            let overdue = try await later.get(AdminPage.feedbackInbox(state: nil, overdue: true))
            #expect(overdue.text.contains(item.code.description))
            #expect(overdue.text.contains("(quá hạn)"))
        }
    }

    /// The inbox counts each state in the database and pages through many items, newest first.
    @Test(arguments: TestDatabase.engines)
    func theInboxCountsEachStateAndPagesThroughManyItems(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let site = try #require(try await Site.query(on: app.db).filter(\.$isPrimary == true).first())
            let desk = FeedbackDesk(
                db: app.db, clients: app.pinned.clients, calendar: WorkingCalendar(), pageCache: app.services.pageCache, mailsSenders: false)
            let before = try await FeedbackItemRecord.query(on: app.db).filter(\.$state == FeedbackState.received.rawValue).count()
            var codes: [TrackingCode] = []
            for index in 1...(AdminFeedbackController.inboxPageSize + 5) {
                let submission = FeedbackSubmission(
                    kind: "other", title: "Phản ánh số \(index)", content: "Nội dung phản ánh đủ dài để được nhận, số \(index).", name: "Bình",
                    phone: "0912000\(String(format: "%03d", index))", email: "", address: "", consented: true)
                guard case .accepted(let checked) = submission.check() else { throw CancellationError() }
                codes.append(try await desk.receive(siteID: site.requireID(), unitID: site.$unit.id, submission, checked: checked))
                app.pinned.advance(by: 60)
            }
            let admin = try await SignInFlowTests.signInAsAdmin(app, client)
            let first = try await admin.get(AdminPage.feedbackInbox(state: FeedbackState.received.rawValue, overdue: false))
            #expect(first.text.contains("Mới tiếp nhận (\(before + codes.count))"))
            #expect(first.text.contains(">\(codes.last!.description)<"))
            #expect(!first.text.contains(">\(codes.first!.description)<"))
            #expect(first.text.contains("Trang 1/2"))
            let second = try await admin.get(AdminPage.feedbackInbox(state: FeedbackState.received.rawValue, overdue: false) + "&so-trang=2")
            #expect(second.text.contains(">\(codes.first!.description)<"))
            #expect(try await admin.get(AdminPage.feedbackInbox.link + "?so-trang=9").status == .notFound)
        }
    }

    /// The plan counts items received by a unit's sites, and answers on time and late by the unit that answered.
    @Test(arguments: TestDatabase.engines)
    func theirFiguresCountForThePlanOnTimeAndLate(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let site = try #require(try await Site.query(on: app.db).filter(\.$isPrimary == true).first())
            let desk = FeedbackDesk(
                db: app.db, clients: app.pinned.clients, calendar: WorkingCalendar(), pageCache: app.services.pageCache, mailsSenders: false)
            let submission = FeedbackSubmission(
                kind: "question", title: "Câu hỏi", content: "Nội dung câu hỏi đủ dài để được nhận.", name: "Bình", phone: "0912345678",
                email: "", address: "", consented: true)
            guard case .accepted(let checked) = submission.check() else {
                Issue.record("the submission was refused")
                return
            }
            let start = app.pinned.clients.now()
            let leader = Identity(
                userID: UUID(), email: "ld@loa.local", name: "Lãnh đạo", unitID: site.$unit.id, mustChangePassword: false, sessionID: UUID(),
                csrfToken: "", grants: [RoleGrant(role: .approver, unitID: site.$unit.id)])
            func answer(_ code: TrackingCode) async throws {
                for step in [FeedbackStep.accept, .submitAnswer, .approveAnswer] {
                    let item = try #require(try await FeedbackItemRecord.query(on: app.db).filter(\.$number == code.number).first())
                    try await desk.take(
                        step, on: item, version: item.version, input: .init(answer: "Trả lời."), actor: leader, ip: "test", unitName: { _ in "UBND" })
                }
            }
            try await answer(try await desk.receive(siteID: site.requireID(), unitID: site.$unit.id, submission, checked: checked))
            let late = try await desk.receive(siteID: site.requireID(), unitID: site.$unit.id, submission, checked: checked)
            app.pinned.advance(by: 30 * 86_400)
            try await answer(late)

            let records = try await FeedbackEvidence().records(
                indicators: [.feedbackReceived, .feedbackAnsweredOnTime, .feedbackAnsweredLate], units: [site.$unit.id],
                from: start.addingTimeInterval(-60), to: app.pinned.clients.now().addingTimeInterval(60), on: app.db)
            #expect(records.filter { $0.indicator == .feedbackReceived }.count == 2)
            #expect(records.filter { $0.indicator == .feedbackAnsweredOnTime }.count == 1)
            #expect(records.filter { $0.indicator == .feedbackAnsweredLate }.map(\.title) == ["\(late): Câu hỏi"])
            #expect(records.allSatisfy { $0.unitID == site.$unit.id && $0.channel == .portal })
            // Another unit is credited with nothing.
            let other = try #require(try await Unit.query(on: app.db).filter(\.$code == "DEMO-TPD-1").first())
            #expect(
                try await FeedbackEvidence().records(
                    indicators: Set(PlanIndicator.allCases), units: [other.requireID()], from: start, to: app.pinned.clients.now(), on: app.db
                ).isEmpty)
        }
    }

    /// Tết in the holidays setting moves both deadlines, and the item turns overdue the day after its
    /// first deadline, on both engines.
    @Test(arguments: TestDatabase.engines)
    func deadlinesSkipTetAndAnItemTurnsOverdueTheDayAfter(engine: TestDatabase) async throws {
        // Tết Đinh Mùi 2027 as a government decision would set it: Thursday 4 to Wednesday 10 February.
        let tet = Set((4...10).map { CalendarDay(year: 2027, month: 2, day: $0) })
        try await TestApp.run(engine, configure: { $0.holidays = tet }) { app, client in
            let wednesdayBeforeTet = try #require(ISO8601DateFormatter().date(from: "2027-02-03T03:00:00Z"))
            app.pinned.advance(by: wednesdayBeforeTet.timeIntervalSince(app.pinned.clients.now()))
            #expect(try await Self.send(Browser(client)).status == .seeOther)
            let item = try #require(try await FeedbackItemRecord.query(on: app.db).filter(\.$senderPhone == Optional("0912345678")).first())
            // Five working days after Tết's five: Thursday 11 … Wednesday 17; fifteen: Wednesday 3 March.
            #expect(item.decideBy == "2027-02-17")
            #expect(item.answerBy == "2027-03-03")

            let password = try await BackOfficeTests.account(app, email: "btv.huyen@loa.local", unitCode: "DEMO-TPD", role: .editor)
            app.pinned.advance(by: 14 * 86_400)
            let onTheDay = try await BackOfficeTests.signIn(client, "btv.huyen@loa.local", password)
            #expect(!(try await onTheDay.get(AdminPage.feedbackInbox(state: nil, overdue: true)).text.contains(item.code.description)))
            app.pinned.advance(by: 86_400)
            let dayAfter = try await BackOfficeTests.signIn(client, "btv.huyen@loa.local", password)
            let overdue = try await dayAfter.get(AdminPage.feedbackInbox(state: nil, overdue: true))
            #expect(overdue.text.contains(item.code.description))
            #expect(overdue.text.contains("17/02/2027 <strong class=\"overdue\">(quá hạn)</strong>"))
        }
    }

    /// Asked from a document's page, the question names the document; a subject that names nothing is
    /// refused with what was typed kept.
    @Test(arguments: TestDatabase.engines)
    func aQuestionAskedFromADocumentsPageNamesIt(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let site = try #require(try await Site.query(on: app.db).filter(\.$isPrimary == true).first())
            let document = Document()
            document.$site.id = try site.requireID()
            document.slug = "125-kh-ubnd"
            document.form = "Kế hoạch"
            document.number = "125/KH-UBND"
            document.issuingBody = "UBND huyện Tân Phú Đông"
            document.issuedOn = "2026-03-01"
            document.summary = "Tuyên truyền cải cách hành chính năm 2026"
            document.isLegal = false
            document.postedOn = "2026-03-01"
            document.searchText = ""
            try await document.create(on: app.db)
            let documentPage = try await client.execute(uri: "/van-ban/125-kh-ubnd", method: .get)
            #expect(documentPage.text.contains("href=\"/hoi-dap/gui?van-ban=125-kh-ubnd\""))

            let browser = Browser(client)
            let form = try await browser.get("/hoi-dap/gui?van-ban=125-kh-ubnd")
            #expect(form.text.contains("Về: Kế hoạch số 125/KH-UBND: Tuyên truyền cải cách hành chính năm 2026"))
            var fields = Self.fields
            fields["subject"] = "van-ban:125-kh-ubnd"
            fields.merge(try ContestTests.proofOfWork(in: form.text)) { $1 }
            #expect(try await browser.post("/hoi-dap/gui", fields, csrf: Browser.csrf(in: form.text)).status == .seeOther)
            let item = try #require(try await FeedbackItemRecord.query(on: app.db).filter(\.$senderPhone == Optional("0912345678")).first())
            #expect(item.subjectKind == "document" && item.subjectRef == "125-kh-ubnd")
            #expect(item.subjectTitle == "Kế hoạch số 125/KH-UBND: Tuyên truyền cải cách hành chính năm 2026")

            let again = try await browser.get("/hoi-dap/gui")
            var forged = Self.fields
            forged["subject"] = "thu-tuc:9.999999"
            forged.merge(try ContestTests.proofOfWork(in: again.text)) { $1 }
            let refused = try await browser.post("/hoi-dap/gui", forged, csrf: Browser.csrf(in: again.text))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("không còn trên trang"))
            #expect(refused.text.contains("Tôi muốn hỏi đăng ký khai sinh cần mang theo những giấy tờ gì?"))
        }
    }
}
