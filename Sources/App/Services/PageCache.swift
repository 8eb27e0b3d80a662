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
    /// Keys being rendered now, with the requests waiting for that render.
    private var inFlight: [String: [CheckedContinuation<Void, Never>]] = [:]

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

    /// Single flight: the first request for a missing page renders it; requests for the same page that
    /// arrive meanwhile wait and then read the cache, instead of all rendering it at once (a cold
    /// search page under load would otherwise queue dozens of identical queries on SQLite).
    /// Returns true when the caller should render.
    func claimRender(_ key: String) async -> Bool {
        guard inFlight[key] != nil else {
            inFlight[key] = []
            return true
        }
        await withCheckedContinuation { continuation in inFlight[key, default: []].append(continuation) }
        return false
    }

    /// Ends a render claimed with `claimRender`, stored or not, and wakes the requests waiting for it.
    func finishRender(_ key: String) {
        for waiter in inFlight.removeValue(forKey: key) ?? [] { waiter.resume() }
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
