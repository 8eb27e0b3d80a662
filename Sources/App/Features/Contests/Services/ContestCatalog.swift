import FluentKit
import Foundation
import LoaCore
import Synchronization

/// Contests with their rounds and question banks, held in memory per shared content version (issue
/// #12, decision 0029). Every participant's request needs its contest, its round and the text of its
/// question; they change only in the back office, and reading and decoding them on each of the
/// thousands of requests a round's opening brings was most of the server's work. Every change of a
/// contest, a round or the bank bumps the content version in its own transaction
/// (`ContestChanges`), so an entry cached under the current version is what the database holds, on
/// every instance, within the second the page cache takes to read the version.
///
/// The records are shared between requests: read them, never change them.
final class ContestCatalog: Sendable {
    struct Entry: @unchecked Sendable {
        let contest: ContestRecord
        /// By opening time.
        let rounds: [ContestRoundRecord]
        let questions: [UUID: ContestQuestionRecord]
        /// The bank as the draw sees it, in a fixed order; built once per load, not on every start.
        let bank: [BankQuestion]

        init(contest: ContestRecord, rounds: [ContestRoundRecord], questions: [UUID: ContestQuestionRecord]) {
            self.contest = contest
            self.rounds = rounds
            self.questions = questions
            bank = questions.map { BankQuestion(id: $0.key, categoryID: $0.value.$category.id) }.sorted { $0.id.uuidString < $1.id.uuidString }
        }

        func round(_ id: UUID) -> ContestRoundRecord? { rounds.first { $0.id == id } }
    }

    private let db: any Database
    private let version: @Sendable () async -> Int64
    private let cached = Mutex<(version: Int64, entries: [String: Entry])>((.min, [:]))
    /// Contests are few; a bound keeps a crawler of made-up slugs from growing anything (misses are
    /// not cached at all).
    private static let maxEntries = 500

    init(db: any Database, version: @escaping @Sendable () async -> Int64) {
        self.db = db
        self.version = version
    }

    convenience init(db: any Database, pageCache: PageCache) {
        self.init(db: db, version: { await pageCache.currentVersion() })
    }

    func contest(slug: String) async throws -> Entry? {
        let current = await version()
        if let hit = cached.withLock({ $0.version == current ? $0.entries[slug] : nil }) { return hit }
        guard let contest = try await ContestRecord.query(on: db).filter(\.$slug == slug).first() else { return nil }
        let contestID = try contest.requireID()
        let entry = Entry(
            contest: contest,
            rounds: try await ContestRoundRecord.query(on: db).filter(\.$contest.$id == contestID).sort(\.$opensAt).all(),
            questions: Dictionary(
                try await ContestQuestionRecord.query(on: db).filter(\.$contest.$id == contestID).all().compactMap { question in
                    question.id.map { ($0, question) }
                }
            ) { first, _ in first })
        cached.withLock { state in
            // A load that a newer version overtook is used for this request only.
            if state.version < current { state = (current, [:]) }
            guard state.version == current else { return }
            if state.entries.count >= Self.maxEntries { state.entries.removeAll(keepingCapacity: true) }
            state.entries[slug] = entry
        }
        return entry
    }
}
