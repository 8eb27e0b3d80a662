import FluentKit
import Foundation
import NIOCore
import SQLKit
import Synchronization

/// Rendered public pages held in memory (issue #3). An entry is valid while the database's content
/// version is the one it was rendered at; the version is read at most once a second, so a change made
/// by another instance or by `loa import` shows within a second, and a local change at once.
/// State sits behind a lock, not in an actor: a cache hit is a dictionary read on the request's own
/// thread, with no hop to a shared executor (the article page's throughput depends on it).
final class PageCache: Sendable {
    struct Entry: Sendable {
        var body: ByteBuffer
        var contentType: String
        var etag: String
        var version: Int64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var version: Int64 = 0
        var checkedAt: ContinuousClock.Instant?
        var refreshing = false
        /// Keys being rendered now, with the requests waiting for that render.
        var inFlight: [String: [CheckedContinuation<Void, Never>]] = [:]
    }

    private let db: any Database
    private let maxEntries: Int
    private let state = Mutex(State())

    /// How often the shared version is read when no notification says it changed.
    private let pollInterval: Duration

    init(db: any Database, maxEntries: Int = 5_000, pollInterval: Duration = .seconds(1)) {
        self.db = db
        self.maxEntries = maxEntries
        self.pollInterval = pollInterval
    }

    func get(_ key: String) async -> Entry? {
        await refreshVersionIfDue()
        return state.withLock { state in
            guard let entry = state.entries[key], entry.version == state.version else { return nil }
            return entry
        }
    }

    /// Stores a page rendered at `renderedAt`, the version read before rendering it.
    func put(_ key: String, body: ByteBuffer, contentType: String, etag: String, renderedAt: Int64) {
        state.withLock { state in
            if state.entries.count >= maxEntries { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(body: body, contentType: contentType, etag: etag, version: renderedAt)
        }
    }

    /// Single flight: the first request for a missing page renders it; requests for the same page that
    /// arrive meanwhile wait and then read the cache, instead of all rendering it at once (a cold
    /// search page under load would otherwise queue dozens of identical queries on SQLite).
    /// Returns true when the caller should render.
    func claimRender(_ key: String) async -> Bool {
        let claimed = state.withLock { state -> Bool in
            guard state.inFlight[key] == nil else { return false }
            state.inFlight[key] = []
            return true
        }
        if claimed { return true }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let stillRendering = state.withLock { state -> Bool in
                guard state.inFlight[key] != nil else { return false }
                state.inFlight[key]?.append(continuation)
                return true
            }
            if !stillRendering { continuation.resume() }
        }
        return false
    }

    /// Ends a render claimed with `claimRender`, stored or not, and wakes the requests waiting for it.
    func finishRender(_ key: String) {
        let waiters = state.withLock { $0.inFlight.removeValue(forKey: key) ?? [] }
        for waiter in waiters { waiter.resume() }
    }

    func currentVersion() async -> Int64 {
        await refreshVersionIfDue()
        return state.withLock { $0.version }
    }

    /// Runs `body` in a write transaction that also marks every cached page stale, so the change and
    /// the mark commit together or not at all (issue #9: a mark that failed after the commit answered
    /// 500 for a change that was saved); then drops this instance's pages at once.
    func changingContent<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let result = try await db.writeTransaction { db in
            let value = try await body(db)
            try await Self.bump(on: db)
            return value
        }
        invalidateLocally()
        return result
    }

    /// This instance's pages go at once; other instances see the new version within a second.
    func invalidateLocally() {
        state.withLock { state in
            state.entries.removeAll(keepingCapacity: true)
            state.checkedAt = nil
        }
    }

    static func bump(on db: any Database) async throws {
        try await db.sql.raw("UPDATE content_version SET version = version + 1 WHERE id = 1").run()
        if db.sql.dialect.name == "postgresql" {
            // Delivered when the transaction commits, never for one that rolls back: every instance's
            // listener hears the new version at once (ContentChangeListener, issue #10).
            try await db.sql.raw("SELECT pg_notify(\(literal: Self.notificationChannel), version::text) FROM content_version WHERE id = 1").run()
        }
    }

    static let notificationChannel = "loa_content"

    private let listening = Atomic<Bool>(false)

    /// Whether this instance's `ContentChangeListener` is connected (the health page and tests read it).
    var isListening: Bool { listening.load(ordering: .relaxed) }

    func setListening(_ value: Bool) { listening.store(value, ordering: .relaxed) }

    /// Another instance announced `version` (PostgreSQL `NOTIFY`): this instance's pages older than it
    /// go now instead of at the next poll.
    func heard(version: Int64) {
        state.withLock { state in
            guard version > state.version else { return }
            state.version = version
            state.entries.removeAll(keepingCapacity: true)
            state.checkedAt = ContinuousClock.now
        }
    }

    /// Reads the shared version when the last read is older than a second; one request does it while
    /// the others go on with the version they have.
    private func refreshVersionIfDue() async {
        let due = state.withLock { state -> Bool in
            let now = ContinuousClock.now
            guard !state.refreshing else { return false }
            if let checkedAt = state.checkedAt, now - checkedAt < pollInterval { return false }
            state.refreshing = true
            state.checkedAt = now
            return true
        }
        guard due else { return }
        let row = try? await db.sql.raw("SELECT version FROM content_version WHERE id = 1").first()
        let value = try? row?.decode(column: "version", as: Int64.self)
        state.withLock { state in
            state.refreshing = false
            if let value, value != state.version {
                state.version = value
                state.entries.removeAll(keepingCapacity: true)
            }
        }
    }
}
