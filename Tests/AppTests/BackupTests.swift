import FluentKit
import Foundation
import SQLKit
import Testing

@testable import App

@Suite struct BackupTests {
    @Test func backupOfALiveSQLiteDatabaseIsACompleteCopy() async throws {
        try await TestApp.run(.sqlite) { app, _ in
            let destination = FileManager.default.temporaryDirectory.appendingPathComponent("loa-backup-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: destination) }
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
            let copyPath = destination.appendingPathComponent("loa.sqlite").path
            try await SQLiteBackup.copy(app.services.database, to: copyPath)

            let copy = try await DatabaseStack.open(.sqlite(path: copyPath), logger: TestDatabase.logger)
            let units = try await Unit.query(on: copy.db).count()
            let articles = try await Article.query(on: copy.db).count()
            let pending = try await copy.pendingMigrations()
            await copy.shutdown()
            #expect(units == (try await Unit.query(on: app.db).count()))
            #expect(articles == (try await Article.query(on: app.db).count()))
            #expect(pending.isEmpty)
        }
    }
}
