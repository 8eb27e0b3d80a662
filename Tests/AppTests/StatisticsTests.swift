import FluentKit
import Foundation
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

@Suite struct StatisticsTests {
    @Test(arguments: TestDatabase.engines)
    func articleViewsAreCountedPerDayInBatches(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let slug = "tap-huan-nghiep-vu-kiem-soat-thu-tuc-hanh-chinh-cho-can-bo-mot-cua-cac-xa"
            for _ in 0..<3 { _ = try await client.execute(uri: "/tin-tuc/\(slug)", method: .get) }  // the 2nd and 3rd from the cache
            _ = try await client.execute(uri: "/tin-tuc/\(slug)", method: .get, headers: [.userAgent: "Googlebot/2.1"])
            _ = try await client.execute(uri: "/xa/tan-thoi/tin-tuc/xa-tan-thoi-niem-yet-cong-khai-bo-thu-tuc-hanh-chinh-cap-xa", method: .get)
            _ = try await client.execute(uri: "/tin-tuc/khong-co", method: .get)
            // Nothing is written per view; a flush writes the batch.
            #expect(try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM article_views").first()?.decode(column: "n", as: Int.self) == 0)
            try await app.services.viewCounter.flush()
            _ = try await client.execute(uri: "/tin-tuc/\(slug)", method: .get)
            try await app.services.viewCounter.flush()

            let browser = try await SignInFlowTests.signInAsAdmin(app, client)
            let page = try await browser.get("/quan-tri/thong-ke")
            #expect(page.status == .ok)
            #expect(page.text.contains("<strong>5</strong> lượt xem"))
            #expect(page.text.contains("<th scope=\"row\">15/03/2026</th><td>5</td>"))
            #expect(
                page.text.contains(
                    "<th scope=\"row\">Tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho cán bộ một cửa các xã</th><td>Trang thông tin điện tử huyện Tân Phú Đông</td><td>4</td>"
                ))
        }
    }
}
