import FluentKit
import Foundation
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

@Suite struct ProcedureTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/procedures").path
    /// The national extraction shared beside the repository (../shared/fixtures/procedures), when present.
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/fixtures/procedures").path

    static func site(_ app: TestApp, _ slug: String) async throws -> SiteInfo {
        try #require(try await app.services.sites.site(slug: slug))
    }

    static func importFixtures(
        _ app: TestApp, site slug: String = "tan-thoi", decision: String = "01/QĐ-UBND", day: String = "2026-01-10",
        path: String = fixtures
    ) async throws -> ProcedureService.ImportReport {
        let site = try await Self.site(app, slug)
        return try await ProcedureService(db: app.db, clients: app.pinned.clients).importOutcomes(
            try ProcedureFiles.read(path), owner: site.unitID,
            posting: .init(site: site, number: decision, day: try #require(CalendarDay(iso: day))))
    }

    @Test(arguments: TestDatabase.engines)
    func importIsIdempotentAndReportsEachBadRecord(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let first = try await Self.importFixtures(app)
            #expect(first.created == 4)
            #expect(first.failedRecords == 4)
            #expect(first.posted == 4)
            #expect(Set(first.failed.map(\.source)) == ["bad-code.json", "broken.json", "unknown-level.json", "main-fields.csv:3"])
            #expect(first.failed.contains { $0.description == "unknown-level.json: tables.hinh_thuc_nop: phải là một mảng" })
            #expect(first.recordsWithMissing == 3)
            // Nothing of a refused record is stored.
            #expect(try await Procedure.query(on: app.db).filter(\.$code == "1.000104").count() == 0)

            let messy = try #require(try await ProcedureQueries.procedure(code: "1.000102.H19", on: app.db))
            #expect(messy.steps == nil)
            #expect(messy.receivingAddress == nil)
            #expect(messy.levelList == [.ministry, .province, .commune, .other])
            #expect(messy.version == 1)

            let second = try await Self.importFixtures(app)
            #expect(second.created == 0)
            #expect(second.unchanged == 4)
            #expect(second.posted == 0)
            #expect(try await Procedure.query(on: app.db).count() == 4)
            #expect(try await ProcedurePosting.query(on: app.db).count() == 4)
            #expect(try await ProcedureRevision.query(on: app.db).count() == 4)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func theSetInForceFollowsDecisionsAndRetirement(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            _ = try await Self.importFixtures(app, decision: "01/QĐ-UBND", day: "2026-01-10")
            // A newer decision re-announces one procedure with a changed deadline.
            let changed =
                #"{"metadata": {"mã_thủ_tục": "1.000101", "tên_thủ_tục": "Đăng ký khai sinh", "cấp_thực_hiện": "Cấp Xã", "lĩnh_vực": "Hộ tịch"}, "content": {}, "tables": {"hinh_thuc_nop": [{"hinh_thuc": "Trực tiếp", "thoi_han_giai_quyet": "01 ngày", "phi_le_phi": ""}]}}"#
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-proc-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data(changed.utf8).write(to: folder.appendingPathComponent("1.000101.json"))
            let report = try await Self.importFixtures(app, decision: "15/QĐ-UBND", day: "2026-02-01", path: folder.path)
            #expect(report.updated == 1)

            let site = try await Self.site(app, "tan-thoi")
            func codes(_ day: String) async throws -> [String] {
                try await ProcedureQueries.inForce(siteID: site.id, on: try #require(CalendarDay(iso: day)), db: app.db).map(\.code).sorted()
            }
            #expect(try await codes("2026-01-09") == [])
            #expect(try await codes("2026-01-10") == ["1.000101", "1.000102.H19", "1.000106", "2.000103"])
            #expect(try await codes("2026-02-05") == ["1.000101", "1.000102.H19", "1.000106", "2.000103"])
            let procedure = try #require(try await ProcedureQueries.procedure(code: "1.000101", on: app.db))
            let spans = try await ProcedureQueries.spans(siteID: site.id, procedureID: procedure.requireID(), on: app.db).sorted { $0.from < $1.from }
            #expect(spans.map(\.decision) == ["01/QĐ-UBND", "15/QĐ-UBND"])
            #expect(spans[0].replacedBy == "15/QĐ-UBND")
            #expect(spans[0].until?.iso == "2026-02-01")
            #expect(spans[1].until == nil)
            #expect(procedure.version == 2)
            #expect(try await ProcedureRevision.query(on: app.db).filter(\.$procedure.$id == procedure.requireID()).count() == 2)

            // Another site has posted nothing.
            let other = try await Self.site(app, "phu-tan")
            #expect(try await ProcedureQueries.inForce(siteID: other.id, on: try #require(CalendarDay(iso: "2026-02-05")), db: app.db).isEmpty)

            // A retired procedure leaves the set from the day it is retired (the pinned clock: 2026-03-15).
            let messy = try #require(try await ProcedureQueries.procedure(code: "1.000102.H19", on: app.db))
            try await ProcedureService(db: app.db, clients: app.pinned.clients).retire(messy, editor: "Test")
            #expect(try await codes("2026-03-14").contains("1.000102.H19"))
            #expect(!(try await codes("2026-03-15").contains("1.000102.H19")))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func publicPagesShowTheCatalogueAsTheDeskReadsIt(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            _ = try await Self.importFixtures(app)
            let catalogue = try await client.execute(uri: "/xa/tan-thoi/thu-tuc-hanh-chinh", method: .get)
            #expect(catalogue.status == .ok)
            #expect(catalogue.text.contains("<strong>4</strong> thủ tục"))
            #expect(catalogue.text.contains("<a href=\"/xa/tan-thoi/thu-tuc-hanh-chinh?linh-vuc=ho-tich\">Hộ tịch</a> <span class=\"count\">(2)</span>"))
            #expect(catalogue.text.contains("<a href=\"/xa/tan-thoi/thu-tuc-hanh-chinh?cap=xa\">Cấp Xã</a> <span class=\"count\">(4)</span>"))
            #expect(catalogue.text.contains("&lt;script&gt;alert"))
            #expect(!catalogue.text.contains("<script>alert"))

            // Search without diacritics, by name, code and sector.
            for (query, expected, count) in [
                ("dang+ky+khai+sinh", "1.000101", 1), ("1.000102.H19", "1.000102.H19", 1), ("CHUNG+THUC", "2.000103", 1),
                ("h%E1%BB%99+t%E1%BB%8Bch", "1.000106", 2),
            ] {
                let found = try await client.execute(uri: "/xa/tan-thoi/thu-tuc-hanh-chinh?q=\(query)", method: .get)
                #expect(found.text.contains("<td>\(expected)</td>"), "query \(query)")
                #expect(found.text.contains("<p role=\"status\">\(count) thủ tục.</p>"), "query \(query)")
            }
            let none = try await client.execute(uri: "/xa/tan-thoi/thu-tuc-hanh-chinh?q=khai+sinh&cap=huyen", method: .get)
            #expect(none.text.contains("Không tìm thấy thủ tục nào phù hợp."))

            let page = try await client.execute(uri: "/xa/tan-thoi/thu-tuc-hanh-chinh/1.000101", method: .get)
            #expect(page.status == .ok)
            for text in [
                "<h1>Đăng ký khai sinh</h1>", "<h2 id=\"ho-so\">Cần mang theo những gì</h2>", "<th scope=\"row\">Giấy chứng sinh</th><td>0</td><td>1</td>",
                "TK-khai-sinh.docx", "<th scope=\"row\">60/2014/QH13</th><td>Luật Hộ tịch</td>", "Bước 2: Công chức tư pháp - hộ tịch kiểm tra hồ sơ.",
                "Công bố theo Quyết định 01/QĐ-UBND ngày 10/01/2026",
            ] {
                #expect(page.text.contains(text), "\(text)")
            }
            let messy = try await client.execute(uri: "/xa/tan-thoi/thu-tuc-hanh-chinh/1.000102.H19", method: .get)
            #expect(messy.text.contains("<div><dt>Địa chỉ tiếp nhận hồ sơ</dt><dd class=\"muted\">Không có thông tin</dd></div>"))
            let hostile = try await client.execute(uri: "/xa/tan-thoi/thu-tuc-hanh-chinh/2.000103", method: .get)
            #expect(
                hostile.text.contains("Chứng thực bản sao &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; từ bản chính")
                    || hostile.text.contains("Chứng thực bản sao &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; từ bản chính"))
            #expect(!hostile.text.contains("<script>"))
            // Not posted on another site.
            #expect(try await client.execute(uri: "/xa/phu-tan/thu-tuc-hanh-chinh/1.000101", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/xa/tan-thoi/thu-tuc-hanh-chinh/9.999999", method: .get).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func postingSheetAndKiosk(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            _ = try await Self.importFixtures(app)
            let sheet = try await client.execute(uri: "/xa/tan-thoi/niem-yet/thu-tuc/1.000101", method: .get)
            #expect(sheet.status == .ok)
            #expect(sheet.text.contains("Ngày niêm yết: <strong>10/01/2026</strong>"))
            #expect(sheet.text.contains("/static/posting-sheet.css"))
            #expect(sheet.text.contains("http://loa.test/xa/tan-thoi/thu-tuc-hanh-chinh/1.000101"))
            if app.services.qr.isAvailable {
                #expect(sheet.text.contains("<svg role=\"img\" aria-label=\"Mã QR mở trang thủ tục trên trang thông tin điện tử\" class=\"qr-code\""))
            } else {
                print("⚠️  qrencode not installed: the posting sheet's QR code is not checked")
            }
            // Without a QR code the paper carries the address alone: the server's state belongs to the system page.
            #expect(!sheet.text.contains("qrencode"))
            let sector = try await client.execute(uri: "/xa/tan-thoi/niem-yet/linh-vuc/ho-tich", method: .get)
            #expect(sector.status == .ok)
            #expect(sector.text.contains("Thủ tục hành chính lĩnh vực Hộ tịch"))
            #expect(sector.text.contains("<th scope=\"row\">Đăng ký kết hôn</th><td>Ngay trong ngày</td><td>Miễn lệ phí</td>"))

            let start = try await client.execute(uri: "/xa/tan-thoi/tra-cuu-thu-tuc", method: .get)
            #expect(start.status == .ok)
            #expect(!start.text.contains("http-equiv=\"refresh\""))
            #expect(start.text.contains("href=\"/xa/tan-thoi/tra-cuu-thu-tuc/ho-tich\""))
            // On the open web the kiosk pages never refresh by themselves (WCAG 2.2.1)…
            let kioskSector = try await client.execute(uri: "/xa/tan-thoi/tra-cuu-thu-tuc/ho-tich", method: .get)
            #expect(!kioskSector.text.contains("http-equiv=\"refresh\""))
            #expect(kioskSector.text.contains("href=\"/xa/tan-thoi/tra-cuu-thu-tuc/ho-tich/1.000101\""))
            // …on the desk's screen (?quay=1) they return to the start after 90 s, and links keep the mode.
            let deskStart = try await client.execute(uri: "/xa/tan-thoi/tra-cuu-thu-tuc?quay=1", method: .get)
            #expect(!deskStart.text.contains("http-equiv=\"refresh\""))
            #expect(deskStart.text.contains("href=\"/xa/tan-thoi/tra-cuu-thu-tuc/ho-tich?quay=1\""))
            let deskSector = try await client.execute(uri: "/xa/tan-thoi/tra-cuu-thu-tuc/ho-tich?quay=1", method: .get)
            #expect(deskSector.text.contains("<meta http-equiv=\"refresh\" content=\"90;url=/xa/tan-thoi/tra-cuu-thu-tuc?quay=1\">"))
            #expect(deskSector.text.contains("Màn hình tự trở về đầu sau 90 giây không sử dụng."))
            let kioskProcedure = try await client.execute(uri: "/xa/tan-thoi/tra-cuu-thu-tuc/ho-tich/1.000101", method: .get)
            #expect(kioskProcedure.status == .ok)
            #expect(kioskProcedure.text.contains("Giấy chứng sinh"))
            #expect(try await client.execute(uri: "/xa/tan-thoi/tra-cuu-thu-tuc/chung-thuc/1.000101", method: .get).status == .notFound)

            let sitemap = try await client.execute(uri: "/sitemap.xml", method: .get)
            #expect(sitemap.text.contains("<loc>http://loa.test/xa/tan-thoi/thu-tuc-hanh-chinh/1.000102.H19</loc>"))
            #expect(!sitemap.text.contains("<loc>http://loa.test/xa/phu-tan/thu-tuc-hanh-chinh/1.000102.H19</loc>"))
            let siteMap = try await client.execute(uri: "/xa/tan-thoi/so-do-site", method: .get)
            #expect(siteMap.text.contains("href=\"/xa/tan-thoi/tra-cuu-thu-tuc\""))

            let hub = try await client.execute(uri: "/xa/tan-thoi/cai-cach-hanh-chinh", method: .get)
            #expect(hub.status == .ok)
            #expect(hub.text.contains("<strong>4</strong> thủ tục đang có hiệu lực"))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func apiListsAndDescribesProceduresAsDocumented(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            _ = try await Self.importFixtures(app)
            let document = try #require(try APITests.json(try await client.execute(uri: "/api/openapi.json", method: .get)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: Any])
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            for (uri, path) in [
                ("/api/v1/sites/tan-thoi/procedures?per_page=2&q=ho+tich", APIRoute.procedures.openAPIPath),
                ("/api/v1/sites/tan-thoi/procedures/1.000102.H19", APIRoute.procedure.openAPIPath),
                ("/api/v1/sites/tan-thoi/procedures/1.000101", APIRoute.procedure.openAPIPath),
            ] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok, "\(uri)")
                let operation = ((paths[path] as? [String: Any])?["get"] as? [String: Any])?["responses"] as? [String: Any]
                let schema =
                    (((operation?["200"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
                #expect(APITests.conforms(try APITests.json(response), to: try #require(schema), schemas: schemas), "\(uri)")
            }
            let list = try #require(
                try APITests.json(try await client.execute(uri: "/api/v1/sites/tan-thoi/procedures?q=ho+tich", method: .get)) as? [String: Any])
            #expect(list["total"] as? Int == 2)
            let messy = try #require(
                try APITests.json(try await client.execute(uri: "/api/v1/sites/tan-thoi/procedures/1.000102.H19", method: .get)) as? [String: Any])
            #expect(messy["steps"] == nil)
            #expect(messy["levels"] as? [String] == ["bo", "tinh", "xa", "khac"])
            #expect(messy["inForce"] as? Bool == true)
            #expect(try await client.execute(uri: "/api/v1/sites/phu-tan/procedures/1.000101", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/sites/tan-thoi/procedures?level=thon", method: .get).status == .badRequest)
        }
    }

    /// The national extraction beside the repository: every record imports.
    @Test(arguments: TestDatabase.engines)
    func sharedNationalRecordsAllImport(engine: TestDatabase) async throws {
        guard FileManager.default.fileExists(atPath: Self.shared) else {
            print("⚠️  shared procedure fixtures skipped: \(Self.shared) does not exist")
            return
        }
        try await TestApp.run(engine) { app, client in
            let outcomes = try ProcedureFiles.read(Self.shared)
            let report = try await Self.importFixtures(app, path: Self.shared)
            #expect(report.failedRecords == 0, "\(report.failed.prefix(5))")
            #expect(report.created == outcomes.count)
            #expect(try await Procedure.query(on: app.db).count() == outcomes.count)
            #expect(try await Self.importFixtures(app, path: Self.shared).unchanged == outcomes.count)
            // Every imported record renders, and the catalogue counts them all.
            #expect(try await client.execute(uri: "/xa/tan-thoi/thu-tuc-hanh-chinh", method: .get).text.contains("<strong>\(outcomes.count)</strong> thủ tục"))
            for code in try await Procedure.query(on: app.db).all().map(\.code) {
                let page = try await client.execute(uri: "/xa/tan-thoi/thu-tuc-hanh-chinh/\(code)", method: .get)
                #expect(page.status == .ok, "\(code)")
            }
            print(
                "shared procedure fixtures (\(engine.testDescription)): \(report.created) imported, \(report.recordsWithMissing) with missing fields, \(report.missing.count) missing values"
            )
        }
    }
}
