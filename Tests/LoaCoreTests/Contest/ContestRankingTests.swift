import Foundation
import LoaCore
import Testing

/// The ranking order as tables: entries in, entry numbers out in ranking order, and the rule that
/// separated each entry from the one above it.
@Suite struct ContestRankingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var entries: [ContestEntry]
        var expectedOrder: [Int]
        var expectedDecidedBy: [ContestRanking.Criterion?]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "higher score wins even against a better prediction and time",
            entries: [
                Fixture.entry(1, score: 19, prediction: 1_000, milliseconds: 1_000),
                Fixture.entry(2, score: 20, prediction: 5_000, milliseconds: 900_000),
            ],
            expectedOrder: [2, 1], expectedDecidedBy: [nil, .score]),
        Case(
            name: "equal score: closer prediction wins against a shorter time",
            entries: [
                Fixture.entry(1, prediction: 990, milliseconds: 1_000),
                Fixture.entry(2, prediction: 1_005, milliseconds: 900_000),
            ],
            expectedOrder: [2, 1], expectedDecidedBy: [nil, .prediction]),
        Case(
            name: "same distance above and below the figure is a tie; duration decides",
            entries: [
                Fixture.entry(1, prediction: 1_010, milliseconds: 300_001),
                Fixture.entry(2, prediction: 990, milliseconds: 300_000),
            ],
            expectedOrder: [2, 1], expectedDecidedBy: [nil, .duration]),
        Case(
            name: "same distance above and below, same duration: earlier submission",
            entries: [
                Fixture.entry(1, prediction: 990, submittedAt: 300.002),
                Fixture.entry(2, prediction: 1_010, submittedAt: 300.001),
            ],
            expectedOrder: [2, 1], expectedDecidedBy: [nil, .submission]),
        Case(
            name: "same distance above and below and equal on everything else: entry id",
            entries: [Fixture.entry(2, prediction: 1_010), Fixture.entry(1, prediction: 990)],
            expectedOrder: [1, 2], expectedDecidedBy: [nil, .entryID]),
        Case(
            name: "one millisecond shorter wins",
            entries: [Fixture.entry(1, milliseconds: 61_000), Fixture.entry(2, milliseconds: 60_999)],
            expectedOrder: [2, 1], expectedDecidedBy: [nil, .duration]),
        Case(
            name: "exact tie on all four rules: smaller id first, whatever the input order",
            entries: [Fixture.entry(7), Fixture.entry(3), Fixture.entry(5)],
            expectedOrder: [3, 5, 7], expectedDecidedBy: [nil, .entryID, .entryID]),
        Case(
            name: "no prediction ranks after the farthest prediction",
            entries: [
                Fixture.entry(1, prediction: nil, milliseconds: 1),
                Fixture.entry(2, prediction: Int.max, milliseconds: 900_000),
            ],
            expectedOrder: [2, 1], expectedDecidedBy: [nil, .prediction]),
        Case(
            name: "two missing predictions tie on the prediction; duration decides",
            entries: [Fixture.entry(1, prediction: nil, milliseconds: 2), Fixture.entry(2, prediction: nil, milliseconds: 1)],
            expectedOrder: [2, 1], expectedDecidedBy: [nil, .duration]),
        Case(
            name: "extreme predictions do not overflow the distance",
            entries: [
                Fixture.entry(1, prediction: Int.min, actual: Int.max),
                Fixture.entry(2, prediction: Int.max, actual: Int.max),
                Fixture.entry(3, prediction: 0, actual: Int.max),
            ],
            expectedOrder: [2, 3, 1], expectedDecidedBy: [nil, .prediction, .prediction]),
        Case(
            name: "a round with ties at every level",
            entries: [
                Fixture.entry(1, score: 18),
                Fixture.entry(2, score: 20, prediction: 1_003),
                Fixture.entry(3, score: 20, prediction: 997, milliseconds: 200_000),
                Fixture.entry(4, score: 20, prediction: 997, milliseconds: 200_000, submittedAt: 299),
                Fixture.entry(5, score: 20, prediction: 1_003, milliseconds: 200_000, submittedAt: 299),
                Fixture.entry(6, score: 20, prediction: 1_000),
                Fixture.entry(7, score: 18, prediction: nil),
            ],
            expectedOrder: [6, 4, 5, 3, 2, 1, 7],
            expectedDecidedBy: [nil, .prediction, .entryID, .submission, .duration, .score, .prediction]),
    ]

    @Test(arguments: cases)
    func order(c: Case) {
        let ranking = ContestRanking.ranked(c.entries)
        #expect(ranking.map { Fixture.number($0.entry.id) } == c.expectedOrder)
        #expect(ranking.map(\.decidedBy) == c.expectedDecidedBy)
        #expect(ranking.map(\.position) == Array(1...c.entries.count))
        #expect(ContestRanking.ranked(c.entries.reversed()).map(\.entry) == ranking.map(\.entry))
    }

    @Test func predictionDistanceIsSymmetricAroundTheFigure() {
        #expect(Fixture.entry(1, prediction: 990, actual: 1_000).predictionDistance == 10)
        #expect(Fixture.entry(1, prediction: 1_010, actual: 1_000).predictionDistance == 10)
        #expect(Fixture.entry(1, prediction: nil).predictionDistance == nil)
        #expect(Fixture.entry(1, prediction: Int.min, actual: Int.max).predictionDistance == UInt.max)
    }

    @Test func durationFromInstantsIsWholeMillisecondsRoundedDown() {
        #expect(ContestEntry.milliseconds(from: Fixture.at(0), to: Fixture.at(61.2379)) == 61_237)
        #expect(ContestEntry.milliseconds(from: Fixture.at(5), to: Fixture.at(4)) == 0)
        let entry = ContestEntry(
            id: Fixture.id(1), participantID: Fixture.id(2), unitID: Fixture.id(3), score: 1,
            prediction: 5, actualFigure: 5, startedAt: Fixture.at(10), submittedAt: Fixture.at(70.5))
        #expect(entry.durationMilliseconds == 60_500)
    }

    /// Many entries drawn from few values, so ties at every level are common; every shuffle of them
    /// must give the same ranking, and neighbours must be strictly ordered.
    @Test func rankingDoesNotDependOnInputOrder() {
        var random = SeededRandom(seed: 12)
        let entries = (1...400).map { number in
            Fixture.entry(
                number, score: Int.random(in: 18...20, using: &random),
                prediction: Bool.random(using: &random) ? nil : 1_000 + Int.random(in: -3...3, using: &random),
                milliseconds: Int64.random(in: 60_000...60_003, using: &random),
                submittedAt: Double(Int.random(in: 0...2, using: &random)))
        }
        let reference = ContestRanking.ranked(entries)
        #expect(Set(reference.map(\.decidedBy)).isSuperset(of: [.score, .prediction, .duration, .submission, .entryID]))
        for (above, below) in zip(reference, reference.dropFirst()) {
            #expect(ContestRanking.ranksAbove(above.entry, below.entry))
            #expect(!ContestRanking.ranksAbove(below.entry, above.entry))
        }
        for _ in 0..<50 {
            var shuffled = entries
            shuffled.shuffle(using: &random)
            #expect(ContestRanking.ranked(shuffled) == reference)
        }
    }

    struct SelectionCase: Sendable, CustomTestStringConvertible {
        var name: String
        var attempts: [ContestEntry]
        var rule: AttemptCountingRule
        var expectedOrder: [Int]
        var testDescription: String { "\(rule): \(name)" }
    }

    /// Person 100 makes attempts 1 and 2, person 200 makes attempts 3 and 4.
    static let selectionCases: [SelectionCase] = [
        SelectionCase(
            name: "the better second attempt counts",
            attempts: [
                Fixture.entry(1, person: 100, score: 15, startedAt: 0),
                Fixture.entry(2, person: 100, score: 19, startedAt: 600),
                Fixture.entry(3, person: 200, score: 18, startedAt: 10),
            ],
            rule: .best, expectedOrder: [2, 3]),
        SelectionCase(
            name: "the first attempt counts even when the second is better",
            attempts: [
                Fixture.entry(2, person: 100, score: 19, startedAt: 600),
                Fixture.entry(1, person: 100, score: 15, startedAt: 0),
                Fixture.entry(3, person: 200, score: 18, startedAt: 10),
            ],
            rule: .first, expectedOrder: [3, 1]),
        SelectionCase(
            name: "best with equal scores: the order's later rules choose (shorter time)",
            attempts: [
                Fixture.entry(1, person: 100, milliseconds: 200_000),
                Fixture.entry(2, person: 100, milliseconds: 100_000),
                Fixture.entry(3, person: 200, milliseconds: 150_000),
                Fixture.entry(4, person: 200, milliseconds: 150_001),
            ],
            rule: .best, expectedOrder: [2, 3]),
        SelectionCase(
            name: "best with attempts equal on every rule: smaller id",
            attempts: [Fixture.entry(2, person: 100), Fixture.entry(1, person: 100)],
            rule: .best, expectedOrder: [1]),
        SelectionCase(
            name: "first with the same start instant: smaller id",
            attempts: [Fixture.entry(2, person: 100, score: 20), Fixture.entry(1, person: 100, score: 3)],
            rule: .first, expectedOrder: [1]),
    ]

    @Test(arguments: selectionCases)
    func countingAttempt(c: SelectionCase) {
        #expect(ContestRanking.ranking(of: c.attempts, rule: c.rule).map { Fixture.number($0.entry.id) } == c.expectedOrder)
        #expect(ContestRanking.ranking(of: c.attempts.reversed(), rule: c.rule).map { Fixture.number($0.entry.id) } == c.expectedOrder)
    }
}
