import Foundation
import HummingbirdTesting
import Testing

@testable import App

/// `{{value}}` must be escaped as a browser reads HTML, scalar by scalar, in every template
/// (`ScalarHTMLContentType`).
@Suite struct TemplateEscapingTests {
    static var templates: [URL] {
        get throws {
            let root = try #require(AppResources.url("Templates"))
            let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
            return files.filter { $0.pathExtension == "mustache" }
        }
    }

    /// A partial does not inherit its caller's escaping: a template without the pragma would fall back
    /// to swift-mustache's own escaping, which lets `"` + a combining mark through.
    @Test func everyTemplateChoosesTheScalarEscaping() throws {
        let templates = try Self.templates
        #expect(templates.count > 50)
        let missing = try templates.filter {
            try String(contentsOf: $0, encoding: .utf8).split(separator: "\n", maxSplits: 1).first.map(String.init)
                != ScalarHTMLContentType.pragma
        }
        #expect(missing.map(\.lastPathComponent) == [])
    }

    /// The search box echoes the query into `value="…"`: a quote carrying a combining acute accent
    /// must not close the attribute, on the page itself and in the partials it includes.
    @Test(arguments: TestDatabase.engines)
    func aQuoteWithACombiningMarkCannotLeaveAnAttribute(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { _, client in
            // q = "́ autofocus x="
            let page = try await client.execute(uri: "/tim-kiem?q=%22%CC%81+autofocus+x%3D", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("&quot;\u{301} autofocus x="))
            #expect(!page.text.unicodeScalars.split(separator: "\"").dropFirst().contains { $0.first == "\u{301}" })
        }
    }
}
