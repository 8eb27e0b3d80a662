import FluentKit
import Foundation
import HummingbirdTesting
import Testing

@testable import App

/// Several instances on one PostgreSQL (issue #10): what one changes, the others serve at once.
@Suite struct InstancesTests {
    @Test func aMenuPageCreatedThroughOneInstanceIsServedByAnotherThroughItsNotification() async throws {
        guard let engine = TestDatabase.engines.first(where: { if case .postgres = $0 { true } else { false } }) else {
            print("⚠️  LOA_TEST_POSTGRES_URL not set: the cross-instance notification test needs PostgreSQL")
            return
        }
        try await TestApp.run(engine) { a, _ in
            // Instance B polls the shared version only once an hour: only A's notification can tell it.
            var options = TestApp.options(demo: true, idleTimeout: .seconds(30))
            options.contentPollInterval = .seconds(3_600)
            let b = try await buildApplication(a.services.configuration, options: options, clients: a.pinned.clients, logger: TestDatabase.logger)
            try await b.application.test(.router) { clientB in
                let before = try await clientB.execute(uri: "/", method: .get)
                #expect(before.status == .ok)
                #expect(!before.text.contains("Hỏi đáp thử nghiệm"))
                // Once B's listener is up, its cached home page stays until told otherwise.
                try await Self.waitUntil { b.services.pageCache.isListening }

                let site = try #require(try await Site.query(on: a.db).filter(\.$isPrimary == true).first())
                try await a.services.pageCache.changingContent(on: a.db) { db in
                    try await Page(
                        siteID: site.requireID(), slug: "hoi-dap-thu-nghiem", title: "Hỏi đáp thử nghiệm", body: "Nội dung", inMenu: true, position: 9
                    )
                    .create(on: db)
                }
                // Not a timing assertion: B must show it at all, and nothing but the notification can
                // make it (the menu comes from B's site directory, the page from B's page cache).
                try await Self.waitUntil {
                    let page = try await clientB.execute(uri: "/", method: .get)
                    return page.text.contains("Hỏi đáp thử nghiệm")
                }
            }
        }
    }

    /// Polls `condition` for up to 20 s; fails the test if it never holds.
    static func waitUntil(_ condition: () async throws -> Bool) async throws {
        for _ in 0..<200 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("condition never held within 20 s")
    }
}
