import FluentKit
import Foundation
import LoaCore
import SQLKit
import Synchronization
import Testing

@testable import App

/// Issue #8, fault drill: `loa import` beside a running server that writes. The server is a second,
/// independent DatabaseStack on the same database (as another process has its own connection); it
/// writes in a loop, as the view counter and editors do, for as long as the import runs.
@Suite struct ImportBesideAWriterTests {
    @Test(arguments: TestDatabase.engines)
    func anImportFinishesWhileAnotherConnectionKeepsWriting(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let other = try await DatabaseStack.open(app.services.configuration.database, logger: TestDatabase.logger)
            let writer = Writer()
            let writing = Task {
                while !writer.isDone {
                    do {
                        // Lone writes, as the server's view flush and page-cache bumps are.
                        try await PageCache.bump(on: other.db)
                        writer.wrote()
                        try await Task.sleep(for: .milliseconds(5))  // pacing like a busy server, not a timing check
                    } catch {
                        writer.failed("\(error)")
                    }
                }
            }
            while writer.count == 0 { await Task.yield() }

            let lines = (1...600).map { ArticleImportFaultTests.line("ben-\($0)", title: "Bài nhập song song \($0)") }
            let (records, _) = ArticleImportTests.parse(lines)
            var importer = ArticleImporter(db: app.db, clients: app.pinned.clients)
            importer.batchSize = 20  // many transactions, each reading before it writes
            let outcome: Result<ArticleImporter.Report, any Error>
            do { outcome = .success(try await importer.run(records, defaultSite: nil)) } catch { outcome = .failure(error) }
            writer.finish()
            await writing.value
            await other.shutdown()

            let report = try outcome.get()
            #expect(report.created == 600)
            #expect(report.errors.isEmpty)
            #expect(try await Article.query(on: app.db).filter(\.$externalID ~~ (1...600).map { "ben-\($0)" }).count() == 600)
            // The other connection wrote while the import ran. Its own writes are not asserted: on a loaded
            // machine one of them may still wait out the busy timeout behind a slow batch (decision 0013).
            #expect(writer.count > 0)
        }
    }
}

/// The other process's writes, counted so the test knows they overlapped the import.
private final class Writer: Sendable {
    private let state = Mutex<(count: Int, done: Bool, failures: [String])>((0, false, []))
    var count: Int { state.withLock { $0.count } }
    var isDone: Bool { state.withLock { $0.done } }
    var failures: [String] { state.withLock { $0.failures } }
    func wrote() { state.withLock { $0.count += 1 } }
    func failed(_ error: String) { state.withLock { $0.failures.append(error) } }
    func finish() { state.withLock { $0.done = true } }
}
