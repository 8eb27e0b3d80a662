import Foundation

/// The order of a round's entries (issue #12, DOMAIN.md "Contests"):
/// 1. higher score;
/// 2. smaller distance between prediction and actual figure (no prediction comes after any distance;
///    a prediction above and one below the figure at the same distance are equal here);
/// 3. shorter duration (server start to submission, whole milliseconds);
/// 4. earlier submission instant;
/// 5. smaller entry id (UUID bytes compared in order).
///
/// The fifth rule is the reproducibility guarantee: the rulebooks stop at the fourth, but two entries
/// can still be equal on all four, and without a fixed last word the prize would depend on the order the
/// database returned rows in. With it the order is total: the same entries always give the same ranking,
/// whatever order they are passed in. `RankedEntry.decidedBy` shows where it was needed.
public enum ContestRanking {
    /// The rule that separated an entry from the one just above it.
    public enum Criterion: Int, CaseIterable, Comparable, Sendable {
        case score, prediction, duration, submission, entryID

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

        public var vietnameseName: String {
            switch self {
            case .score: "Điểm"
            case .prediction: "Dự đoán gần đúng hơn"
            case .duration: "Thời gian làm bài ngắn hơn"
            case .submission: "Nộp bài sớm hơn"
            case .entryID: "Mã bài thi (các tiêu chí khác bằng nhau)"
            }
        }
    }

    /// The first rule on which the two entries differ, or nil when they are the same attempt id.
    public static func firstDifference(_ a: ContestEntry, _ b: ContestEntry) -> Criterion? {
        if a.score != b.score { return .score }
        if a.predictionDistance != b.predictionDistance { return .prediction }
        if a.durationMilliseconds != b.durationMilliseconds { return .duration }
        if a.submittedAt != b.submittedAt { return .submission }
        if a.id != b.id { return .entryID }
        return nil
    }

    /// True when `a` ranks above `b`. A strict total order on entries with distinct ids.
    public static func ranksAbove(_ a: ContestEntry, _ b: ContestEntry) -> Bool {
        switch firstDifference(a, b) {
        case .score: a.score > b.score
        case .prediction: closer(a.predictionDistance, than: b.predictionDistance)
        case .duration: a.durationMilliseconds < b.durationMilliseconds
        case .submission: a.submittedAt < b.submittedAt
        case .entryID: UUIDOrder.precedes(a.id, b.id)
        case nil: false
        }
    }

    private static func closer(_ a: UInt?, than b: UInt?) -> Bool {
        switch (a, b) {
        case let (a?, b?): a < b
        case (.some, nil): true
        case (nil, _): false
        }
    }

    /// An entry with its place (1-based) and the rule that put it below the entry above.
    public struct RankedEntry: Hashable, Sendable {
        public var position: Int
        public var entry: ContestEntry
        /// nil for the first place.
        public var decidedBy: Criterion?
    }

    /// The entries in ranking order, one place each. Pass the counting entries (see `countingEntries`)
    /// to rank people; pass all attempts to rank attempts.
    public static func ranked(_ entries: [ContestEntry]) -> [RankedEntry] {
        let ordered = entries.sorted(by: ranksAbove)
        return ordered.indices.map { index in
            RankedEntry(
                position: index + 1, entry: ordered[index],
                decidedBy: index == 0 ? nil : firstDifference(ordered[index - 1], ordered[index]))
        }
    }

    /// The one attempt per participant that counts under the round's rule: `best` keeps the attempt
    /// that ranks highest in this order, `first` the one started earliest (equal starts: smaller id).
    /// The result is in no particular order; pass it to `ranked`.
    public static func countingEntries(_ attempts: [ContestEntry], rule: AttemptCountingRule) -> [ContestEntry] {
        var chosen: [UUID: ContestEntry] = [:]
        for attempt in attempts {
            guard let current = chosen[attempt.participantID] else {
                chosen[attempt.participantID] = attempt
                continue
            }
            if prefers(attempt, over: current, rule: rule) { chosen[attempt.participantID] = attempt }
        }
        return Array(chosen.values)
    }

    private static func prefers(_ a: ContestEntry, over b: ContestEntry, rule: AttemptCountingRule) -> Bool {
        switch rule {
        case .best:
            ranksAbove(a, b)
        case .first:
            a.startedAt != b.startedAt ? a.startedAt < b.startedAt : UUIDOrder.precedes(a.id, b.id)
        }
    }

    /// The round's ranking of people: one counting attempt each, in order.
    public static func ranking(of attempts: [ContestEntry], rule: AttemptCountingRule) -> [RankedEntry] {
        ranked(countingEntries(attempts, rule: rule))
    }
}

/// A fixed order on UUIDs: their 16 bytes compared from the first. Same as comparing `uuidString`s,
/// without building strings, and independent of whether the platform's UUID is `Comparable`.
public enum UUIDOrder {
    public static func precedes(_ a: UUID, _ b: UUID) -> Bool {
        withUnsafeBytes(of: a.uuid) { left in
            withUnsafeBytes(of: b.uuid) { right in
                left.lexicographicallyPrecedes(right)
            }
        }
    }
}
