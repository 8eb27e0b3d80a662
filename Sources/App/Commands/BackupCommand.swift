import ArgumentParser
import Foundation
import SQLKit

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the live SQLite database (consistently, while the server runs) and the uploaded files into a folder.",
        discussion: "For PostgreSQL use pg_dump; see the README.")

    @Argument(help: "Destination folder (created; must not already hold a backup).") var path: String

    func run() async throws {
        let configuration = try loadConfiguration()
        guard case .sqlite = configuration.database else {
            throw ValidationError("loa backup copies the embedded SQLite database; for PostgreSQL use pg_dump (see README, Backup and restore)")
        }
        let destination = URL(fileURLWithPath: path)
        let databaseCopy = destination.appendingPathComponent("loa.sqlite")
        guard !FileManager.default.fileExists(atPath: databaseCopy.path) else {
            throw CommandError("\(databaseCopy.path) already exists; choose an empty folder")
        }
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        try await withServices(configuration, migrate: false) { services in
            try await SQLiteBackup.copy(services.database, to: databaseCopy.path)
        }
        let uploads = URL(fileURLWithPath: configuration.uploadsDirectory)
        var copiedUploads = false
        if FileManager.default.fileExists(atPath: uploads.path) {
            try FileManager.default.copyItem(at: uploads, to: destination.appendingPathComponent("uploads"))
            copiedUploads = true
        }
        print("Backup written to \(destination.path): loa.sqlite\(copiedUploads ? " and uploads/" : " (no uploads yet)")")
    }
}

enum SQLiteBackup {
    /// VACUUM INTO writes a transactionally consistent snapshot while the server keeps writing.
    static func copy(_ database: DatabaseStack, to path: String) async throws {
        try await database.sql.raw("VACUUM INTO \(bind: path)").run()
    }
}
