import Foundation

/// One submitted attempt as the ranking sees it: everything the order depends on, and nothing else,
/// so a stored ranking can be recomputed from these fields alone (issue #12: "reproducible from the data").
public struct ContestEntry: Hashable, Sendable {
    /// The attempt's id. The last tie-breaker, so it must never change once the attempt exists.
    public var id: UUID
    /// The person who made the attempt; used to keep one counting attempt per person.
    public var participantID: UUID
    /// The participant's unit, for prize caps per unit and the published results.
    public var unitID: UUID
    /// Right answers.
    public var score: Int
    /// The answer to the prediction question; nil (not answered) ranks after every prediction.
    public var prediction: Int?
    /// The figure the prediction is judged against. The same for every entry of a round; carried per
    /// entry so that one stored row holds everything needed to recheck its place.
    public var actualFigure: Int
    /// Server time from the attempt's start to its submission, in whole milliseconds.
    public var durationMilliseconds: Int64
    /// Server instant of the start; decides which attempt counts under `AttemptCountingRule.first`.
    public var startedAt: Date
    /// Server instant of the submission, as `AttemptRules.recordedSubmission` gives it (at most the deadline).
    public var submittedAt: Date

    public init(
        id: UUID, participantID: UUID, unitID: UUID, score: Int, prediction: Int?, actualFigure: Int,
        durationMilliseconds: Int64, startedAt: Date, submittedAt: Date
    ) {
        self.id = id
        self.participantID = participantID
        self.unitID = unitID
        self.score = score
        self.prediction = prediction
        self.actualFigure = actualFigure
        self.durationMilliseconds = durationMilliseconds
        self.startedAt = startedAt
        self.submittedAt = submittedAt
    }

    /// Duration computed from the two server instants, so every caller rounds the same way.
    public init(
        id: UUID, participantID: UUID, unitID: UUID, score: Int, prediction: Int?, actualFigure: Int,
        startedAt: Date, submittedAt: Date
    ) {
        self.init(
            id: id, participantID: participantID, unitID: unitID, score: score, prediction: prediction,
            actualFigure: actualFigure,
            durationMilliseconds: Self.milliseconds(from: startedAt, to: submittedAt),
            startedAt: startedAt, submittedAt: submittedAt)
    }

    /// Whole milliseconds between two instants, rounded down; never negative. Rounding down (not to the
    /// nearest) keeps the figure shown to the participant equal to the one ranked.
    public static func milliseconds(from start: Date, to end: Date) -> Int64 {
        let seconds = end.timeIntervalSince(start)
        guard seconds > 0 else { return 0 }
        return Int64((seconds * 1000).rounded(.down))
    }

    /// |prediction − actual figure|, exact for every pair of `Int`s (the difference of two extreme
    /// values does not fit in `Int`, it does in `UInt`). Nil when there is no prediction.
    public var predictionDistance: UInt? {
        guard let prediction else { return nil }
        return prediction >= actualFigure
            ? UInt(bitPattern: prediction &- actualFigure)
            : UInt(bitPattern: actualFigure &- prediction)
    }
}

/// Which of a person's attempts in a round counts: a rule of the round.
public enum AttemptCountingRule: String, CaseIterable, Codable, Sendable {
    /// The attempt ranked highest in `ContestRanking`'s order.
    case best
    /// The attempt started earliest (ties in start instant broken by attempt id).
    case first

    public var vietnameseName: String {
        switch self {
        case .best: "Tính lượt thi có kết quả cao nhất"
        case .first: "Tính lượt thi đầu tiên"
        }
    }
}
