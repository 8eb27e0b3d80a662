@testable import App
import Foundation
import HummingbirdTesting
import Testing

/// Whole pages and request/response pairs in the pinned world (fixed clock, deterministic tokens).
/// Snapshots use SQLite only: the same pages on PostgreSQL are covered by the other suites.
@Suite struct SnapshotTests {
    @Test func basePageOfTheDistrictPortal() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let response = try await client.execute(uri: "/gioi-thieu", method: .get)
            try assertSnapshot(response.snapshotText(request: "GET /gioi-thieu", includeBody: true), named: "public-about-page")
        }
    }

    @Test func signInFlowRequestsAndResponses() async throws {
        try await TestApp.run(.sqlite) { app, client in
            let browser = Browser(client)
            var transcript: [String] = []
            let form = try await browser.get("/quan-tri")
            transcript.append(form.snapshotText(request: "GET /quan-tri (no session)", includeBody: false))
            let signInPage = try await browser.get("/quan-tri/dang-nhap?tiep=%2Fquan-tri")
            transcript.append(signInPage.snapshotText(request: "GET /quan-tri/dang-nhap", includeBody: false))
            let first = try #require(app.firstStart)
            let signIn = try await browser.post(
                "/quan-tri/dang-nhap", ["email": first.adminEmail, "password": first.oneTimePassword],
                csrf: Browser.csrf(in: signInPage.text))
            transcript.append(signIn.snapshotText(request: "POST /quan-tri/dang-nhap (one-time password)", includeBody: false))
            let forced = try await browser.get("/quan-tri")
            transcript.append(forced.snapshotText(request: "GET /quan-tri (password not yet changed)", includeBody: false))
            let wrong = try await Browser(client).post(
                "/quan-tri/dang-nhap", ["email": first.adminEmail, "password": "x"], csrf: nil)
            transcript.append(wrong.snapshotText(request: "POST /quan-tri/dang-nhap (no CSRF token)", includeBody: false))
            try assertSnapshot(transcript.joined(separator: "\n\n"), named: "sign-in-flow")
        }
    }
}
