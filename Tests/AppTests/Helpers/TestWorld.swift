import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Synchronization

@testable import App

/// A pinned world: fixed clock (movable by tests) and deterministic tokens, so pages and
/// request/response pairs are reproducible.
final class PinnedClients: Sendable {
    static let start = ISO8601DateFormatter().date(from: "2026-03-15T01:00:00Z")!
    private let state: Mutex<(now: Date, counter: Int)>

    /// `tokensUsed`: tokens already handed out in the world this clock continues (a copied template).
    init(tokensUsed: Int = 0) {
        state = Mutex((Self.start, tokensUsed))
    }

    var tokensUsed: Int { state.withLock { $0.counter } }

    var clients: Clients {
        Clients(
            now: { self.state.withLock { $0.now } },
            randomToken: { bytes in
                self.state.withLock { state in
                    state.counter += 1
                    return "tok\(state.counter)" + String(repeating: "x", count: max(0, bytes - 4))
                }
            })
    }

    func advance(by seconds: TimeInterval) {
        state.withLock { $0.now = $0.now.addingTimeInterval(seconds) }
    }
}

/// Runs `body` against a freshly built app on a fresh database of the given engine.
struct TestApp {
    let services: AppServices
    let pinned: PinnedClients
    let firstStart: FirstStartInfo?

    var db: any Database { services.database.db }

    static func configuration(_ kind: AppConfiguration.DatabaseKind, dataDirectory: String) -> AppConfiguration {
        var configuration = AppConfiguration(
            database: kind, dataDirectory: dataDirectory, baseURL: URL(string: "http://loa.test")!,
            logLevel: .error, bcryptCost: 4)
        // The suite runs many apps at once on a shared two-core machine: a connection may take longer
        // to come than the production default allows, and that is not what the tests are about.
        configuration.databasePoolTimeoutSeconds = 30
        // Jobs run when a test drains the queue (`app.services.jobs.runDue()`), never by the worker's timer.
        configuration.jobPollInterval = .seconds(86_400)
        // No article is read aloud unless a test asks (ArticleAudioTests): the sweep would queue jobs
        // that other tests' `runDue()` would then run.
        configuration.articleAudio = false
        // Registration forms still carry a real proof-of-work; 8 bits keep solving it instant.
        configuration.proofOfWorkBits = 8
        return configuration
    }

    /// Views are written when a test flushes them, and scheduled work when a test ticks it, never by a
    /// timer in the middle of a slow run.
    static func options(demo: Bool, idleTimeout: Duration) -> BuildOptions {
        .init(
            demo: demo, migrations: .automatic, viewFlushInterval: .seconds(86_400), idleTimeout: idleTimeout,
            scheduleInterval: .seconds(86_400))
    }

    /// `setup: .live` runs a real server on a loopback port (for what only real connections show).
    static func run<T: Sendable>(
        _ engine: TestDatabase, demo: Bool = true, setup: TestingSetup = .router, idleTimeout: Duration = .seconds(30),
        configure: (inout AppConfiguration) -> Void = { _ in },
        _ body: @Sendable (TestApp, any TestClientProtocol) async throws -> T
    ) async throws -> T {
        // A copy of the world a first start makes, made once per run (TemplateWorlds).
        let fresh = try await TemplateWorlds.shared.copy(engine, demo: demo)
        let pinned = PinnedClients(tokensUsed: fresh.template.tokensUsed)
        do {
            var configuration = configuration(fresh.kind, dataDirectory: fresh.dataDirectory)
            configure(&configuration)
            let built = try await buildApplication(
                configuration, options: options(demo: demo, idleTimeout: idleTimeout), clients: pinned.clients, logger: TestDatabase.logger)
            let app = TestApp(services: built.services, pinned: pinned, firstStart: built.firstStart ?? fresh.template.firstStart)
            // The demo's first start queues the audio of its radio bulletins; a test drains only the jobs it causes.
            try await built.services.database.db.sql.raw("DELETE FROM jobs").run()
            let result = try await built.application.test(setup) { client in try await body(app, client) }
            await fresh.cleanUp()
            return result
        } catch {
            await fresh.cleanUp()
            throw error
        }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// Set-Cookie values by cookie name.
    var cookies: [String: String] {
        var result: [String: String] = [:]
        for header in headers[values: .setCookie] {
            guard let pair = header.split(separator: ";").first else { continue }
            let parts = pair.split(separator: "=", maxSplits: 1)
            result[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return result
    }
}
