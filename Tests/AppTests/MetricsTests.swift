import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import App

/// The Prometheus endpoint (issue #10): only with its token, with requests by route, the page cache's
/// hits, the job queue and the database.
@Suite struct MetricsTests {
    static let token = "metrics-token-for-the-tests-0123456789"

    static func value(_ text: String, _ series: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    @Test(arguments: TestDatabase.engines)
    func theEndpointNeedsItsTokenAndShowsRequestsCacheJobsAndDatabase(engine: TestDatabase) async throws {
        try await TestApp.run(engine, configure: { $0.metricsToken = Self.token }) { app, client in
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .unauthorized)
            let wrong = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer nope"])
            #expect(wrong.status == .unauthorized)

            #expect(try await client.execute(uri: "/tin-tuc", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/tin-tuc", method: .get).status == .ok)
            let now = app.pinned.clients.now()
            #expect(try await JobQueue.enqueue("test.nothing", payload: [String](), runAt: now, now: now, on: app.db))
            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(Self.token)"])
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let text = metrics.text
            // By route pattern, with the status and a duration histogram.
            #expect(text.contains("hb_requests{"))
            #expect(text.contains(#"http_route="/tin-tuc""#))
            #expect(text.contains("http_server_request_duration_bucket{"))
            #expect((Self.value(text, "loa_page_cache_hits_total") ?? 0) >= 1)
            #expect((Self.value(text, "loa_page_cache_misses_total") ?? 0) >= 1)
            #expect(Self.value(text, #"loa_jobs{state="queued"}"#) == 1)
            #expect(Self.value(text, #"loa_jobs{state="failed"}"#) == 0)
            #expect(Self.value(text, "loa_database_up") == 1)
            if case .postgres = engine {
                #expect(text.contains("loa_db_connections{"))
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func withoutATokenThereIsNoEndpoint(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { _, client in
            let response = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(Self.token)"])
            #expect(response.status == .notFound)
        }
    }

    @Test func aShortTokenIsRefused() {
        #expect {
            try AppConfiguration.load(environment: ["LOA_METRICS_TOKEN": "short"])
        } throws: { error in
            ((error as? ConfigurationError)?.problems ?? []).contains { $0.hasPrefix("LOA_METRICS_TOKEN:") }
        }
    }
}
