import FluentKit
import Foundation
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

@Suite struct ProcedureBackOfficeTests {
    static func fields(_ procedure: Procedure, site: String, changes: [String: String] = [:]) -> [String: String] {
        let r = procedure.record
        var fields = [
            "site": site, "code": r.code, "name": r.name, "sector": r.sector, "steps": r.steps ?? "", "result": r.result ?? "",
            "channels": ProcedureTableText.text(r.channels), "components": ProcedureTableText.text(r.components),
            "legal_basis": ProcedureTableText.text(r.legalBasis),
        ]
        for level in r.levels { fields["level_\(level.rawValue)"] = "1" }
        fields.merge(changes) { _, new in new }
        return fields
    }

    @Test(arguments: TestDatabase.engines)
    func clerksEditTheirUnitsProceduresOnly(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            // The district's set: owned by the district unit.
            _ = try await ProcedureTests.importFixtures(app, site: "tan-phu-dong", decision: "100/QĐ-UBND", day: "2026-01-05")
            let procedure = try #require(try await ProcedureQueries.procedure(code: "1.000101", on: app.db))
            let id = try procedure.requireID().uuidString

            let communePassword = try await BackOfficeTests.account(app, email: "bt.tanthoi@loa.local", unitCode: "DEMO-TPD-1", role: .editor)
            let commune = try await BackOfficeTests.signIn(client, "bt.tanthoi@loa.local", communePassword)
            let communeList = try await commune.get("/quan-tri/thu-tuc")
            #expect(communeList.status == .ok)
            #expect(!communeList.text.contains("Đăng ký khai sinh"))
            #expect(try await commune.get("/quan-tri/thu-tuc/\(id)").status == .notFound)
            let csrf = Browser.csrf(in: communeList.text)
            let refused = try await commune.post("/quan-tri/thu-tuc/\(id)", Self.fields(procedure, site: "tan-thoi", changes: ["name": "Bị sửa"]), csrf: csrf)
            #expect(refused.status == .notFound)
            #expect(try await commune.post("/quan-tri/thu-tuc/\(id)/bai-bo", [:], csrf: csrf).status == .notFound)
            #expect(try await ProcedureQueries.procedure(code: "1.000101", on: app.db)?.name == "Đăng ký khai sinh")
            #expect(try await ProcedureQueries.procedure(code: "1.000101", on: app.db)?.retiredAt == nil)
            // Nor may it create a procedure for the district's site.
            let foreign = try await commune.post(
                "/quan-tri/thu-tuc/moi", Self.fields(procedure, site: "tan-phu-dong", changes: ["code": "1.000200"]), csrf: csrf)
            #expect(foreign.status == .forbidden)

            // The commune posts its own procedure on its own site by a decision.
            let form = try await commune.get("/quan-tri/thu-tuc/moi")
            #expect(form.text.contains("value=\"tan-thoi\""))
            #expect(!form.text.contains("value=\"tan-phu-dong\""))
            let invalid = try await commune.post(
                "/quan-tri/thu-tuc/moi",
                [
                    "site": "tan-thoi", "code": "1.13", "name": "Xác nhận <b>tình trạng</b> hôn nhân", "sector": "Hộ tịch",
                ], csrf: Browser.csrf(in: form.text))
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("value=\"Xác nhận &lt;b&gt;tình trạng&lt;/b&gt; hôn nhân\""))
            #expect(invalid.text.contains("Mã thủ tục không đúng mẫu"))
            #expect(invalid.text.contains("Chọn ít nhất một cấp thực hiện."))
            let created = try await commune.post(
                "/quan-tri/thu-tuc/moi",
                [
                    "site": "tan-thoi", "code": "1.000201", "name": "Xác nhận tình trạng hôn nhân", "sector": "Hộ tịch", "level_xa": "1",
                    "channels": "Trực tiếp | 03 ngày làm việc | Không", "decision_number": "05/QĐ-UBND", "decision_date": "2026-02-01",
                ], csrf: Browser.csrf(in: form.text))
            #expect(created.status == .seeOther)
            let page = try await client.execute(uri: "/xa/tan-thoi/thu-tuc-hanh-chinh/1.000201", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("<th scope=\"row\">Trực tiếp</th><td>03 ngày làm việc</td><td>Không</td>"))

            // The district's editor edits its procedure: a new revision, the public page follows.
            let districtPassword = try await BackOfficeTests.account(app, email: "bt.huyen@loa.local", unitCode: "DEMO-TPD", role: .editor)
            let district = try await BackOfficeTests.signIn(client, "bt.huyen@loa.local", districtPassword)
            let edit = try await district.get("/quan-tri/thu-tuc/\(id)")
            #expect(edit.status == .ok)
            let saved = try await district.post(
                "/quan-tri/thu-tuc/\(id)",
                Self.fields(procedure, site: "tan-phu-dong", changes: ["receiving_address": "Bộ phận Một cửa huyện, số 1 đường 30/4"]),
                csrf: Browser.csrf(in: edit.text))
            #expect(saved.status == .seeOther)
            let updated = try #require(try await ProcedureQueries.procedure(code: "1.000101", on: app.db))
            #expect(updated.version == 2)
            #expect(updated.receivingAddress == "Bộ phận Một cửa huyện, số 1 đường 30/4")
            let history = try await district.get("/quan-tri/thu-tuc/\(id)/lich-su")
            #expect(history.text.contains("<td>Sửa</td>"))
            // Restoring version 1 is a new version 3; restoring is also limited to the owner unit.
            #expect(try await commune.post("/quan-tri/thu-tuc/\(id)/lich-su/1/khoi-phuc", [:], csrf: csrf).status == .notFound)
            let restored = try await district.post("/quan-tri/thu-tuc/\(id)/lich-su/1/khoi-phuc", [:], csrf: Browser.csrf(in: history.text))
            #expect(restored.status == .seeOther)
            let afterRestore = try #require(try await ProcedureQueries.procedure(code: "1.000101", on: app.db))
            #expect(afterRestore.version == 3)
            #expect(afterRestore.receivingAddress == "Bộ phận Một cửa, Ủy ban nhân dân xã")
            #expect(try await district.get("/quan-tri/thu-tuc/\(id)/lich-su").text.contains("<td>Khôi phục phiên bản 1</td>"))
            // Back to the edited text for the rest of the test.
            #expect(try await district.post("/quan-tri/thu-tuc/\(id)/lich-su/2/khoi-phuc", [:], csrf: Browser.csrf(in: history.text)).status == .seeOther)
            #expect(try await client.execute(uri: "/thu-tuc-hanh-chinh/1.000101", method: .get).text.contains("số 1 đường 30/4"))

            // Form templates: checked by content, linked from the record's form name, downloadable.
            let docx = Data([0x50, 0x4B, 0x03, 0x04]) + Data("..[Content_Types].xml..word/document.xml..".utf8)
            let elf = Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]) + Data(count: 32)
            let editPage = try await district.get("/quan-tri/thu-tuc/\(id)")
            #expect(editPage.text.contains("action=\"/quan-tri/thu-tuc/\(id)/mau\""))
            let token = try #require(Browser.csrf(in: editPage.text))
            let badForm = try await DocumentTests.upload(
                district, "/quan-tri/thu-tuc/\(id)/mau", ["_csrf": token],
                files: [
                    .init(name: "forms", fileName: "Mau-01.doc", data: elf)
                ])
            #expect(badForm.status == .unprocessableContent)
            #expect(badForm.text.contains("Tệp «Mau-01.doc»: Tệp là chương trình chạy được, không phải văn bản."))
            #expect(try await ProcedureForm.query(on: app.db).count() == 0)
            let communeToken = try #require(Browser.csrf(in: communeList.text))
            #expect(
                try await DocumentTests.upload(
                    commune, "/quan-tri/thu-tuc/\(id)/mau", ["_csrf": communeToken],
                    files: [
                        .init(name: "forms", fileName: "TK-khai-sinh.docx", data: docx)
                    ]
                ).status == .notFound)
            let goodForm = try await DocumentTests.upload(
                district, "/quan-tri/thu-tuc/\(id)/mau", ["_csrf": token],
                files: [
                    .init(name: "forms", fileName: "TK-khai-sinh.docx", data: docx)
                ])
            #expect(goodForm.status == .seeOther)
            let uploadedForm = try #require(try await ProcedureForm.query(on: app.db).first())
            let formHref = "/thu-tuc-hanh-chinh/1.000101/mau/\(try uploadedForm.requireID().uuidString.lowercased())"
            let withForm = try await client.execute(uri: "/thu-tuc-hanh-chinh/1.000101", method: .get)
            #expect(withForm.text.contains("<li><a href=\"\(formHref)\">Tải về TK-khai-sinh.docx</a>"))
            #expect(withForm.text.contains("<li>Mau-01.doc</li>"))
            let downloaded = try await client.execute(uri: formHref, method: .get)
            #expect(downloaded.status == .ok)
            #expect(downloaded.headers[.contentType] == DocumentFileKind.docx.mediaType)
            #expect(Data(buffer: downloaded.body) == docx)
            // Not from a site that does not post the procedure.
            #expect(try await client.execute(uri: "/xa/phu-tan" + formHref, method: .get).status == .notFound)

            // The report: missing fields of the district's set, and communes behind the newest commune decision.
            let report = try await district.get("/quan-tri/thu-tuc/bao-cao")
            #expect(report.status == .ok)
            #expect(report.text.contains("<td>1.000102.H19</td>"))
            #expect(report.text.contains("Trình tự thực hiện, Cách thức thực hiện, Địa chỉ tiếp nhận hồ sơ, Thành phần hồ sơ"))
            #expect(
                report.text.contains(
                    "<tr><th scope=\"row\">Trang thông tin điện tử xã Phú Tân</th><td>Chưa công bố</td><td>05/QĐ-UBND (01/02/2026)</td><td>Trang thông tin điện tử xã Tân Thới</td></tr>"
                ))

            #expect(
                report.text.contains(
                    "<tr><th scope=\"row\">100/QĐ-UBND</th><td>05/01/2026</td><td>Trang thông tin điện tử huyện Tân Phú Đông</td><td>4</td><td>0</td></tr>"))

            // Retiring takes it out of the district's set, and off the desk's board.
            let retired = try await district.post("/quan-tri/thu-tuc/\(id)/bai-bo", [:], csrf: Browser.csrf(in: edit.text))
            #expect(retired.status == .seeOther)
            #expect(try await client.execute(uri: "/thu-tuc-hanh-chinh", method: .get).text.contains("<strong>3</strong> thủ tục"))
            #expect(try await client.execute(uri: "/niem-yet/thu-tuc/1.000101", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/thu-tuc-hanh-chinh/1.000101", method: .get).text.contains("hiện không còn trong bộ thủ tục"))
        }
    }
}
