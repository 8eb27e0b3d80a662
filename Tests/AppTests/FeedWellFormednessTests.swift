import FluentKit
import Foundation
import Testing

@testable import App

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Issue #8, item 9: text stored before the importers checked it may hold control characters; the RSS
/// feeds must stay well-formed XML whatever an article holds.
@Suite struct FeedWellFormednessTests {
    @Test(arguments: TestDatabase.engines)
    func anArticleWithControlCharactersStillYieldsAWellFormedFeed(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let site = try #require(try await Site.query(on: app.db).filter(\.$slug == "tan-thoi").first())
            // Saved straight through the model, as rows written before the checks existed were.
            try await Article(
                siteID: site.requireID(), unitID: site.$unit.id, title: "Thông báo\u{0B} lịch\u{1B} họp", slug: "thong-bao-lich-hop",
                summary: "Tóm tắt\u{01} có ký tự điều khiển\u{FFFE}", body: "Nội dung", authorName: "Tổ\u{08} biên tập",
                publishedAt: app.pinned.clients.now().addingTimeInterval(-60)
            ).create(on: app.db)

            let response = try await client.execute(uri: "/xa/tan-thoi/rss.xml", method: .get)
            #expect(response.status == .ok)
            let parser = XMLParser(data: Data(response.text.utf8))
            let titles = TitleCollector()
            parser.delegate = titles
            #expect(parser.parse(), "feed is not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
            #expect(titles.titles.contains("Thông báo lịch họp"))
        }
    }
}

/// The text of every <title>, to show the article is in the feed with only the forbidden characters gone.
private final class TitleCollector: NSObject, XMLParserDelegate, @unchecked Sendable {
    var titles: [String] = []
    private var current: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "title" { current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current? += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "title", let current { titles.append(current) }
        current = nil
    }
}
