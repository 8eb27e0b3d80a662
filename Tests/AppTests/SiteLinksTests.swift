import FluentKit
import Foundation
import HummingbirdTesting
import Testing

@testable import App

@Suite struct SiteLinksTests {
    @Test(arguments: TestDatabase.engines)
    func linksBlockIsWrittenPerSiteInTheBackOffice(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let home = try await client.execute(uri: "/", method: .get).text
            #expect(home.contains("<a href=\"https://dichvucong.gov.vn\">Cổng Dịch vụ công quốc gia</a>"))
            #expect(home.contains("Trang thông tin điện tử xã Tân Thới"))

            let password = try await BackOfficeTests.account(app, email: "xa@loa.local", unitCode: "DEMO-TPD-1", role: .editor)
            let editor = try await BackOfficeTests.signIn(client, "xa@loa.local", password)
            let page = try await editor.get("/quan-tri/lien-ket")
            #expect(!page.text.contains("dichvucong.gov.vn"))
            let csrf = Browser.csrf(in: page.text)
            let unsafe = try await editor.post("/quan-tri/lien-ket", ["site": "tan-thoi", "label": "Lạ", "url": "javascript:alert(1)"], csrf: csrf)
            #expect(unsafe.status == .unprocessableContent)
            #expect(unsafe.text.contains("phải bắt đầu bằng https://"))
            #expect(unsafe.text.contains("value=\"Lạ\""))
            #expect(
                try await editor.post("/quan-tri/lien-ket", ["site": "tan-phu-dong", "label": "x", "url": "https://x.vn"], csrf: csrf).status == .forbidden)
            let district = try #require(try await SiteLink.query(on: app.db).first())
            #expect(try await editor.post("/quan-tri/lien-ket/\(try district.requireID().uuidString)/xoa", [:], csrf: csrf).status == .notFound)

            let added = try await editor.post(
                "/quan-tri/lien-ket", ["site": "tan-thoi", "label": "Cổng TTĐT tỉnh <Đồng Tháp>", "url": "https://dongthap.gov.vn", "position": "1"], csrf: csrf
            )
            #expect(added.status == .seeOther)
            let commune = try await client.execute(uri: "/xa/tan-thoi/", method: .get).text
            #expect(commune.contains("<a href=\"https://dongthap.gov.vn\">Cổng TTĐT tỉnh &lt;Đồng Tháp&gt;</a>"))
        }
    }
}
