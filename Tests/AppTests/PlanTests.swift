import FluentKit
import Foundation
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

/// Issue #5: the plan, its evidence and its evaluation, on the demo world's 2020 plan (the seed's).
@Suite struct PlanTests {
    static func demoPlan(_ app: TestApp) async throws -> Plan {
        try #require(try await Plan.query(on: app.db).filter(\.$year == 2020).first())
    }

    /// Numbers of the `class="num"` cells of the items table, row by row: target, achieved, percent.
    static func itemNumbers(_ html: String) -> [[String]] {
        guard let table = html.range(of: "<table class=\"data-table plan-table\">") else { return [] }
        let body = html[table.upperBound...].prefix { _ in true }
        let end = body.range(of: "</table>").map { body[..<$0.lowerBound] } ?? body
        return end.components(separatedBy: "<tr>").dropFirst(2).map { row in
            row.components(separatedBy: "<td class=\"num\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        }
    }

    static func figure(_ html: String, _ marker: String) -> String? {
        guard let range = html.range(of: marker) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "<" })
    }

    @Test(arguments: TestDatabase.engines)
    func dashboardReportAndSpreadsheetShowTheSameFigures(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let password = try await BackOfficeTests.account(app, email: "noivu@loa.local", unitCode: "DEMO-TPD", role: .inspector)
            let inspector = try await BackOfficeTests.signIn(client, "noivu@loa.local", password)
            let plan = try await Self.demoPlan(app)
            let path = "/quan-tri/ke-hoach/\(try plan.requireID().uuidString)"

            let dashboard = try await inspector.get(path)
            #expect(dashboard.status == .ok)
            let report = try await inspector.get(path + "/bao-cao?ky=2020")
            #expect(report.status == .ok)
            #expect(report.text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
            #expect(report.text.contains("Độc lập - Tự do - Hạnh phúc"))

            // The seed's plan: 12 items (its four contents, its channels, its three named units and the communes).
            #expect(Self.figure(dashboard.text, "<strong id=\"tong-muc\">") == "12")
            #expect(Self.figure(report.text, "<strong class=\"report-total\">") == "12")
            #expect(Self.figure(dashboard.text, "<strong id=\"muc-dat\">") == Self.figure(report.text, "<strong class=\"report-met\">"))
            #expect(Self.figure(dashboard.text, "<strong id=\"muc-qua-han\">") == Self.figure(report.text, "<strong class=\"report-overdue\">"))
            let onDashboard = Self.itemNumbers(dashboard.text)
            #expect(onDashboard.count == 12)
            #expect(onDashboard == Self.itemNumbers(report.text))
            // The evidence was gathered: 16 CCHC articles, 2 trainings with 154 participants (not the conference's 57).
            #expect(onDashboard[0] == ["12", "16", "100%"])
            #expect(onDashboard[2] == ["2", "2", "100%"])
            #expect(onDashboard[3] == ["150", "154", "100%"])
            #expect(onDashboard[5] == ["500", "300", "60%"])

            let csv = try await inspector.get(path + "/bao-cao?ky=2020&dinh-dang=csv")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let rows = csv.text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
            #expect(rows.count == 12)
            for (index, row) in rows.enumerated() {
                let cells = row.components(separatedBy: ",")
                // STT, …, target, achieved, percent: the CSV's numeric columns equal the dashboard's.
                let numbers = cells.filter { Int($0) != nil }
                #expect(Array(numbers.dropFirst()) == onDashboard[index].map { $0.replacingOccurrences(of: "%", with: "") }, "row \(index + 1)")
            }

            // A quarter counts only what happened by its end.
            let firstQuarter = try await inspector.get(path + "/bao-cao?ky=2020-Q1")
            #expect(Self.itemNumbers(firstQuarter.text)[0][1] == "4")
            #expect(try await inspector.get(path + "/bao-cao?ky=2019-Q5").status == .badRequest)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func evidenceIsGatheredFromTheModulesAndQuestionedReportsStopCounting(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let plan = try await Self.demoPlan(app)
            let service = PlanProgressService(db: app.db, sources: PlanProgressService.standardSources())
            let before = try await service.summary(of: plan, on: app.pinned.clients.now())
            // An item for the current year's evidence: copy the plan to 2026.
            let tree = try await UnitTree.load(on: app.db)
            let district = try #require(try await Unit.query(on: app.db).filter(\.$code == "DEMO-TPD").first()).requireID()
            let copy = try await PlanService(db: app.db, now: app.pinned.clients.now).copy(
                plan, toUnit: district, year: 2026, title: "Kế hoạch 2026", tree: tree)
            #expect(VietnameseDate.day(copy.periodStart) == "01/01/2026")
            let copied = try await service.summary(of: copy, on: app.pinned.clients.now())
            #expect(copied.items.count == before.items.count)
            #expect(copied.items.map(\.progress.achieved)[2] == 0)

            // A training recorded today counts toward the copied training item, once.
            try await Event(
                unitID: try #require(try await Unit.query(on: app.db).filter(\.$code == "TPD-NV").first()).requireID(),
                kind: .training, title: "Tập huấn <mới>", startsAt: app.pinned.clients.now().addingTimeInterval(-3600),
                place: "Hội trường", audience: "Cán bộ", planned: 40, actual: 38
            ).create(on: app.db)
            let afterEvent = try await service.summary(of: copy, on: app.pinned.clients.now())
            #expect(afterEvent.items[2].progress.achieved == 1)
            #expect(afterEvent.items[3].progress.achieved == 38)

            // A questioned report no longer counts.
            let leaflets = try #require(before.items.first { $0.item.indicatorKind == .leaflets })
            let report = try #require(try await ActivityReport.query(on: app.db).filter(\.$item.$id == leaflets.item.requireID()).first())
            report.review = ReportReview.questioned.rawValue
            try await report.save(on: app.db)
            let afterQuestion = try await service.summary(of: plan, on: app.pinned.clients.now())
            let leafletsAfter = try #require(afterQuestion.items.first { $0.item.id == leaflets.item.id })
            #expect(leafletsAfter.progress.achieved == leaflets.progress.achieved - report.quantity)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func badInputIsRefusedAndUnitsOnlyReportTheirOwnItems(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let plan = try await Self.demoPlan(app)
            let path = "/quan-tri/ke-hoach/\(try plan.requireID().uuidString)"
            let leaderPassword = try await BackOfficeTests.account(app, email: "ld@loa.local", unitCode: "DEMO-TPD", role: .approver)
            let leader = try await BackOfficeTests.signIn(client, "ld@loa.local", leaderPassword)
            let page = try await leader.get(path)
            let csrf = Browser.csrf(in: page.text)
            let commune = try #require(try await Unit.query(on: app.db).filter(\.$code == "DEMO-TPD-1").first())
            var item = [
                "content": "significance", "description": "Pa-nô tuyên truyền", "channel": "leaflet", "indicator": "leaflets",
                "target": "0", "responsible": try commune.requireID().uuidString, "deadline": "2020-06-30",
            ]
            let zero = try await leader.post(path + "/muc", item, csrf: csrf)
            #expect(zero.status == .unprocessableContent)
            #expect(zero.text.contains("Chỉ tiêu phải là số lớn hơn 0."))
            #expect(zero.text.contains("Pa-nô tuyên truyền"))  // what was typed stays
            item["target"] = "10"
            item["deadline"] = "2019-12-01"
            #expect(try await leader.post(path + "/muc", item, csrf: csrf).text.contains("Thời hạn không được trước ngày bắt đầu của kế hoạch."))
            item["deadline"] = "2020-06-30"
            // Written straight to the database, so marked as the app's own writes are (the unit tree is
            // cached per content version, decision 0025).
            commune.retiredAt = app.pinned.clients.now()
            try await commune.save(on: app.db)
            try await PageCache.bump(on: app.db)
            app.services.pageCache.invalidateLocally()
            #expect(try await leader.post(path + "/muc", item, csrf: csrf).text.contains("Đơn vị chủ trì đã ngừng hoạt động"))
            commune.retiredAt = nil
            try await commune.save(on: app.db)
            try await PageCache.bump(on: app.db)
            app.services.pageCache.invalidateLocally()
            let itemsBefore = try await PlanItem.query(on: app.db).count()
            #expect(try await leader.post(path + "/muc", item, csrf: csrf).status == .seeOther)
            #expect(try await PlanItem.query(on: app.db).count() == itemsBefore + 1)

            // A commune's editor reports on its own items only, and cannot add items.
            let editorPassword = try await BackOfficeTests.account(app, email: "xa@loa.local", unitCode: "DEMO-TPD-2", role: .editor)
            let editor = try await BackOfficeTests.signIn(client, "xa@loa.local", editorPassword)
            let communePage = try await editor.get(path)
            #expect(communePage.status == .ok)
            #expect(!communePage.text.contains("Thêm mục vào kế hoạch"))
            let ecsrf = Browser.csrf(in: communePage.text)
            #expect(try await editor.post(path + "/muc", item, csrf: ecsrf).status == .forbidden)
            let items = try await PlanItem.query(on: app.db).filter(\.$plan.$id == plan.requireID()).with(\.$responsibleUnit).all()
            let own = try #require(items.first { $0.responsibleUnit.code == "DEMO-TPD-2" })
            let other = try #require(items.first { $0.responsibleUnit.code == "DEMO-TPD-3" })
            let foreign = try await editor.post(
                path + "/bao-cao-hoat-dong",
                ["item": try other.requireID().uuidString, "quantity": "4", "occurred_on": "2020-05-28", "report_description": "Phát 4 bản tin"], csrf: ecsrf)
            #expect(foreign.status == .unprocessableContent)
            #expect(foreign.text.contains("bạn chỉ báo cáo được các mục của đơn vị mình"))
            let future = try await editor.post(
                path + "/bao-cao-hoat-dong",
                ["item": try own.requireID().uuidString, "quantity": "-1", "occurred_on": "2021-01-05", "report_description": "x"], csrf: ecsrf)
            #expect(future.text.contains("Số lượng phải từ 1 đến 1.000.000."))
            #expect(future.text.contains("Ngày thực hiện phải nằm trong thời gian của kế hoạch."))
            let ok = try await editor.post(
                path + "/bao-cao-hoat-dong",
                ["item": try own.requireID().uuidString, "quantity": "2", "occurred_on": "2020-12-30", "report_description": "Phát bổ sung <2> bản tin"],
                csrf: ecsrf)
            #expect(ok.status == .seeOther)
            let filed = try #require(try await ActivityReport.query(on: app.db).filter(\.$description == "Phát bổ sung <2> bản tin").first())
            #expect(filed.$unit.id == own.$responsibleUnit.id)

            // Evidence files: a photo is kept and downloadable; an executable renamed .pdf is refused with nothing stored.
            let renamed = try await editor.upload(
                path + "/bao-cao-hoat-dong",
                ["item": try own.requireID().uuidString, "quantity": "1", "occurred_on": "2020-12-30", "report_description": "Pa-nô mới"],
                file: ("attachments", "anh.pdf", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 32)), csrf: ecsrf)
            #expect(renamed.status == .unprocessableContent)
            #expect(renamed.text.contains("Tệp «anh.pdf»"))
            #expect(try await ActivityReport.query(on: app.db).filter(\.$description == "Pa-nô mới").count() == 0)
            let photo = try await editor.upload(
                path + "/bao-cao-hoat-dong",
                ["item": try own.requireID().uuidString, "quantity": "1", "occurred_on": "2020-12-30", "report_description": "Pa-nô mới"],
                file: ("attachments", "pa-no.png", TestImages.png(width: 20, height: 10)), csrf: ecsrf)
            #expect(photo.status == .seeOther)
            let withPhoto = try #require(try await ActivityReport.query(on: app.db).filter(\.$description == "Pa-nô mới").first())
            let attachment = try #require(try await ReportAttachment.query(on: app.db).filter(\.$report.$id == withPhoto.requireID()).first())
            #expect(attachment.mediaType == "image/png")
            let download = try await editor.get(
                "/quan-tri/bao-cao-hoat-dong/\(try withPhoto.requireID().uuidString)/tep/\(try attachment.requireID().uuidString)")
            #expect(download.status == .ok)
            #expect(Array(download.body.readableBytesView) == TestImages.png(width: 20, height: 10))

            // The editor cannot review; the inspector can, and must explain a question; the leader confirms.
            #expect(
                try await editor.post("/quan-tri/bao-cao-hoat-dong/\(try filed.requireID().uuidString)/danh-gia", ["review": "verified"], csrf: ecsrf).status
                    == .forbidden)
            let inspectorPassword = try await BackOfficeTests.account(app, email: "nv@loa.local", unitCode: "DEMO-TPD", role: .inspector)
            let inspector = try await BackOfficeTests.signIn(client, "nv@loa.local", inspectorPassword)
            let icsrf = Browser.csrf(in: try await inspector.get(path).text)
            #expect(
                try await inspector.post(
                    "/quan-tri/bao-cao-hoat-dong/\(try filed.requireID().uuidString)/danh-gia", ["review": "questioned", "comment": ""], csrf: icsrf
                ).status == .badRequest)
            #expect(
                try await inspector.post(
                    "/quan-tri/bao-cao-hoat-dong/\(try filed.requireID().uuidString)/danh-gia", ["review": "questioned", "comment": "Thiếu nhật ký phát"],
                    csrf: icsrf
                ).status == .seeOther)
            #expect(try await ActivityReport.find(filed.requireID(), on: app.db)?.reviewState == .questioned)
            #expect(try await leader.post("/quan-tri/bao-cao-hoat-dong/\(try filed.requireID().uuidString)/xac-nhan", [:], csrf: csrf).status == .seeOther)
            #expect(try await ActivityReport.find(filed.requireID(), on: app.db)?.confirmedBy != nil)
            // Hostile text is shown as text on the dashboard.
            #expect(try await inspector.get(path).text.contains("Phát bổ sung &lt;2&gt; bản tin"))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func inspectorScoresWithinTheMaximumAndComputedCriteriaFollowTheTargets(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let password = try await BackOfficeTests.account(app, email: "nv@loa.local", unitCode: "DEMO-TPD", role: .inspector)
            let inspector = try await BackOfficeTests.signIn(client, "nv@loa.local", password)
            let page = try await inspector.get("/quan-tri/danh-gia?nam=2020")
            #expect(page.status == .ok)
            // TT.2 is computed: 8 of the district's 12 items met → 1,5 × 8/12 = 1.
            #expect(page.text.contains("8/12 mục đạt chỉ tiêu"))
            let criterion = try #require(try await EvaluationCriterion.query(on: app.db).filter(\.$code == "TT.3").first())
            let computed = try #require(try await EvaluationCriterion.query(on: app.db).filter(\.$code == "TT.2").first())
            let commune = try #require(try await Unit.query(on: app.db).filter(\.$code == "DEMO-TPD-1").first())
            let csrf = Browser.csrf(in: page.text)
            let over = try await inspector.post(
                "/quan-tri/danh-gia",
                [
                    "year": "2020", "criterion": try criterion.requireID().uuidString, "unit": try commune.requireID().uuidString, "points": "1,25",
                    "comment": "Tốt",
                ], csrf: csrf)
            #expect(over.status == .unprocessableContent)
            #expect(over.text.contains("Điểm 1,25 vượt quá điểm tối đa 1 của tiêu chí."))
            let typedOverComputed = try await inspector.post(
                "/quan-tri/danh-gia",
                ["year": "2020", "criterion": try computed.requireID().uuidString, "unit": try commune.requireID().uuidString, "points": "1"], csrf: csrf)
            #expect(typedOverComputed.text.contains("được tính tự động"))
            let saved = try await inspector.post(
                "/quan-tri/danh-gia",
                [
                    "year": "2020", "criterion": try criterion.requireID().uuidString, "unit": try commune.requireID().uuidString, "points": "0,75",
                    "comment": "Đa dạng",
                ], csrf: csrf)
            #expect(saved.status == .seeOther)
            #expect(try await EvaluationScore.query(on: app.db).filter(\.$unit.$id == commune.requireID()).first()?.points == 0.75)

            // The criteria set is configurable: a new criterion, refused first for a zero maximum.
            let zero = try await inspector.post(
                "/quan-tri/danh-gia/tieu-chi", ["year": "2020", "code": "TT.4", "title": "Tuyên truyền trên mạng xã hội", "max_points": "0", "rule": "manual"],
                csrf: csrf)
            #expect(zero.text.contains("Điểm tối đa phải là số lớn hơn 0"))
            let duplicate = try await inspector.post(
                "/quan-tri/danh-gia/tieu-chi", ["year": "2020", "code": "TT.1", "title": "Trùng", "max_points": "1", "rule": "manual"], csrf: csrf)
            #expect(duplicate.text.contains("Mã tiêu chí «TT.1» đã có."))
            #expect(
                try await inspector.post(
                    "/quan-tri/danh-gia/tieu-chi",
                    ["year": "2020", "code": "TT.4", "title": "Tuyên truyền trên mạng xã hội", "max_points": "0,5", "rule": "manual"], csrf: csrf
                ).status == .seeOther)
            #expect(try await inspector.get("/quan-tri/danh-gia?nam=2020").text.contains("TT.4 Tuyên truyền trên mạng xã hội"))

            // Editors do not score.
            let editorPassword = try await BackOfficeTests.account(app, email: "btv@loa.local", unitCode: "DEMO-TPD", role: .editor)
            let editor = try await BackOfficeTests.signIn(client, "btv@loa.local", editorPassword)
            #expect(try await editor.get("/quan-tri/danh-gia").status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func citizensSeeThePublicPlanAndTheEventsCalendar(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { _, client in
            let plans = try await client.execute(uri: "/ke-hoach-tuyen-truyen", method: .get)
            #expect(plans.status == .ok)
            #expect(plans.text.contains("Kế hoạch tuyên truyền cải cách hành chính năm 2020"))
            #expect(plans.text.contains("Kế hoạch số 45/KH-UBND"))
            #expect(plans.text.contains("aria-hidden=\"true\""))  // the chart; the table carries the numbers
            let events = try await client.execute(uri: "/lich-su-kien", method: .get)
            #expect(events.text.contains("Hội nghị triển khai kế hoạch cải cách hành chính năm 2020"))
            // A commune site shows its own unit's plans (none public yet) politely.
            #expect(try await client.execute(uri: "/xa/tan-thoi/ke-hoach-tuyen-truyen", method: .get).text.contains("Chưa có kế hoạch nào được công khai."))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aDistrictPushesItsPlanToEachCommune(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let plan = try await Self.demoPlan(app)
            let password = try await BackOfficeTests.account(app, email: "ld@loa.local", unitCode: "DEMO-TPD", role: .approver)
            let leader = try await BackOfficeTests.signIn(client, "ld@loa.local", password)
            let path = "/quan-tri/ke-hoach/\(try plan.requireID().uuidString)"
            let csrf = Browser.csrf(in: try await leader.get(path).text)
            #expect(try await leader.post(path + "/giao-xuong", [:], csrf: csrf).status == .seeOther)
            // Twice is still one copy per commune.
            #expect(try await leader.post(path + "/giao-xuong", [:], csrf: csrf).status == .seeOther)
            let copies = try await Plan.query(on: app.db).filter(\.$copiedFrom == plan.requireID()).with(\.$unit).all()
            #expect(copies.count == 6)
            let tanThoi = try #require(copies.first { $0.unit.code == "DEMO-TPD-1" })
            let items = try await PlanItem.query(on: app.db).filter(\.$plan.$id == tanThoi.requireID()).all()
            #expect(items.count == 12)
            // Items of district agencies are given to the commune; its own radio item stays its own.
            #expect(items.allSatisfy { $0.$responsibleUnit.id == tanThoi.$unit.id })
        }
    }

    @Test(arguments: TestDatabase.engines)
    func proceduresPostedByADecisionCountForTheSitesUnit(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let commune = try #require(try await Unit.query(on: app.db).filter(\.$code == "DEMO-TPD-1").first())
            let plan = Plan(
                unitID: try commune.requireID(), title: "Kế hoạch 2026 của xã", year: 2026,
                periodStart: DemoWorld.day(2026, 1, 1), periodEnd: DemoWorld.day(2026, 12, 31), documentReference: "", isPublic: false)
            try await plan.create(on: app.db)
            let item = PlanItem(
                planID: try plan.requireID(), content: .directives, description: "Niêm yết bộ thủ tục cấp xã", channel: .posting,
                indicator: .proceduresPosted, target: 3, responsibleUnitID: try commune.requireID(), coordinating: "",
                deadline: DemoWorld.day(2026, 6, 30), position: 1)
            try await item.create(on: app.db)
            let report = try await ProcedureTests.importFixtures(app, site: "tan-thoi", decision: "01/QĐ-UBND", day: "2026-01-10")
            let posted = try await ProcedurePosting.query(on: app.db).count()
            #expect(posted > 0, "\(report)")
            let summary = try await PlanProgressService(db: app.db, sources: PlanProgressService.standardSources())
                .summary(of: plan, on: app.pinned.clients.now())
            #expect(summary.items[0].progress.achieved == posted)
            #expect(summary.items[0].evidence.first?.title.contains("01/QĐ-UBND") == true)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func eventsAreRecordedWithPhotosAndCountedAndListedPublicly(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let password = try await BackOfficeTests.account(app, email: "nv@loa.local", unitCode: "TPD-NV", role: .editor)
            let editor = try await BackOfficeTests.signIn(client, "nv@loa.local", password)
            let page = try await editor.get("/quan-tri/su-kien")
            let csrf = Browser.csrf(in: page.text)
            let homeAffairs = try #require(try await Unit.query(on: app.db).filter(\.$code == "TPD-NV").first()).requireID().uuidString
            var event = [
                "unit": homeAffairs, "kind": "training", "title": "Tập huấn <dịch vụ công>", "starts_at": "2026-03-10T08:00",
                "place": "Hội trường huyện", "audience": "Cán bộ một cửa", "planned": "40", "actual": "38", "public": "1",
                "photos": UUID().uuidString,
            ]
            let foreign = try await editor.post("/quan-tri/su-kien", event, csrf: csrf)
            #expect(foreign.status == .unprocessableContent)
            #expect(foreign.text.contains("Ảnh phải thuộc thư viện ảnh của đơn vị tổ chức."))
            #expect(foreign.text.contains("Tập huấn &lt;dịch vụ công&gt;"))
            let photo = try #require(try await Media.query(on: app.db).first())  // the demo district's library
            event["photos"] = try photo.requireID().uuidString
            event["starts_at"] = "2026-04-10T08:00"  // after the pinned today: no actual participants yet
            #expect(try await editor.post("/quan-tri/su-kien", event, csrf: csrf).text.contains("Sự kiện chưa diễn ra thì chưa có số người thực tế."))
            event["starts_at"] = "2026-03-10T08:00"
            #expect(try await editor.post("/quan-tri/su-kien", event, csrf: csrf).status == .seeOther)
            let calendar = try await client.execute(uri: "/lich-su-kien", method: .get).text
            #expect(calendar.contains("Tập huấn &lt;dịch vụ công&gt;"))
            #expect(calendar.contains("alt=\"\(photo.alt)\""))
            // A commune's editor cannot record events for the district's office.
            let communePassword = try await BackOfficeTests.account(app, email: "xa@loa.local", unitCode: "DEMO-TPD-1", role: .editor)
            let commune = try await BackOfficeTests.signIn(client, "xa@loa.local", communePassword)
            let communeCSRF = Browser.csrf(in: try await commune.get("/quan-tri/su-kien").text)
            #expect(try await commune.post("/quan-tri/su-kien", event, csrf: communeCSRF).status == .forbidden)
        }
    }
}
