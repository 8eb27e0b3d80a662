import FluentKit
import Foundation
import NIOCore
import SQLKit

/// Rendered public pages held in memory (issue #3). An entry is valid while the database's content
/// version is the one it was rendered at; the version is read at most once a second, so a change made
/// by another instance or by `loa import` shows within a second, and a local change at once.
actor PageCache {
    struct Entry: Sendable {
        var body: ByteBuffer
        var contentType: String
        var etag: String
        var version: Int64
    }

    private let db: any Database
    private let maxEntries: Int
    private var entries: [String: Entry] = [:]
    private var version: Int64 = 0
    private var checkedAt: ContinuousClock.Instant?

    init(db: any Database, maxEntries: Int = 5_000) {
        self.db = db
        self.maxEntries = maxEntries
    }

    func get(_ key: String) async -> Entry? {
        guard let entry = entries[key] else { return nil }
        await refreshVersion()
        return entry.version == version ? entry : nil
    }

    /// Stores a page rendered at `renderedAt`, the version read before rendering it.
    func put(_ key: String, body: ByteBuffer, contentType: String, etag: String, renderedAt: Int64) {
        if entries.count >= maxEntries { entries.removeAll(keepingCapacity: true) }
        entries[key] = Entry(body: body, contentType: contentType, etag: etag, version: renderedAt)
    }

    func currentVersion() async -> Int64 {
        await refreshVersion()
        return version
    }

    /// Marks every cached page stale, here and (through the database) on every other instance.
    func contentChanged() async throws {
        try await Self.bump(on: db)
        entries.removeAll(keepingCapacity: true)
        checkedAt = nil
    }

    static func bump(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("UPDATE content_version SET version = version + 1 WHERE id = 1").run()
    }

    private func refreshVersion() async {
        let now = ContinuousClock.now
        if let checkedAt, now - checkedAt < .seconds(1) { return }
        checkedAt = now
        if let row = try? await (db as! any SQLDatabase).raw("SELECT version FROM content_version WHERE id = 1").first(),
           let value = try? row.decode(column: "version", as: Int64.self), value != version {
            version = value
            entries.removeAll(keepingCapacity: true)
        }
    }
}
