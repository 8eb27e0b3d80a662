import FluentKit
import Foundation
import HummingbirdTesting
import Testing

@testable import App

@Suite struct StaticPagesTests {
    @Test(arguments: TestDatabase.engines)
    func pagesAreWrittenInTheBackOfficeAndJoinTheMenu(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            // The demo's page is in the district's menu.
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.text.contains("<li><a href=\"/trang/co-cau-to-chuc\">Cơ cấu tổ chức</a></li>"))
            #expect(try await client.execute(uri: "/trang/co-cau-to-chuc", method: .get).text.contains("<li>Phòng Nội vụ</li>"))

            let password = try await BackOfficeTests.account(app, email: "bt.xa@loa.local", unitCode: "DEMO-TPD-1", role: .editor)
            let browser = try await BackOfficeTests.signIn(client, "bt.xa@loa.local", password)
            let form = try await browser.get("/quan-tri/trang-tinh/moi")
            #expect(form.status == .ok)
            // Only the commune's own site is offered.
            #expect(form.text.contains("value=\"tan-thoi\""))
            #expect(!form.text.contains("value=\"tan-phu-dong\""))
            let invalid = try await browser.post(
                "/quan-tri/trang-tinh/moi", ["site": "tan-thoi", "title": "Chức năng, nhiệm vụ", "body": ""], csrf: Browser.csrf(in: form.text))
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("value=\"Chức năng, nhiệm vụ\""))
            let saved = try await browser.post(
                "/quan-tri/trang-tinh/moi",
                ["site": "tan-thoi", "title": "Chức năng, nhiệm vụ", "body": "<script>x</script> Nội dung", "in_menu": "1", "position": "2"],
                csrf: Browser.csrf(in: form.text))
            #expect(saved.status == .seeOther)
            let page = try await client.execute(uri: "/xa/tan-thoi/trang/chuc-nang-nhiem-vu", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("&lt;script&gt;x&lt;/script&gt; Nội dung"))
            #expect(page.text.contains("<a href=\"/xa/tan-thoi/trang/chuc-nang-nhiem-vu\" aria-current=\"page\">Chức năng, nhiệm vụ</a>"))
            // Someone else's site is refused and nothing is written.
            let other = try await browser.post(
                "/quan-tri/trang-tinh/moi", ["site": "tan-phu-dong", "title": "Lạ", "body": "x"], csrf: Browser.csrf(in: form.text))
            #expect(other.status == .forbidden)
            #expect(try await Page.query(on: app.db).count() == 2)
        }
    }
}
