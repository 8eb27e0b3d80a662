import Foundation
import LoaCore
import Testing

/// Prize allocation as tables: a ranking (entry number, person, unit) and a plan in; the prizes
/// given (entry number → level) and the entries passed over out.
@Suite struct PrizeAllocationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// (entry number, person, unit), best first; scores decrease so the order is the given one.
        var ranking: [(entry: Int, person: Int, unit: Int)]
        var plan: PrizePlan
        var expectedAwards: [(entry: Int, level: PrizeLevel)]
        var expectedPassedOverForCap: [Int] = []
        var expectedPassedOverAsRepeat: [Int] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "levels filled in order down the ranking",
            ranking: [(1, 1, 50), (2, 2, 50), (3, 3, 51), (4, 4, 52), (5, 5, 53), (6, 6, 53)],
            plan: PrizePlan(counts: [.first: 1, .second: 1, .third: 2, .consolation: 1]),
            expectedAwards: [(1, .first), (2, .second), (3, .third), (4, .third), (5, .consolation)]),
        Case(
            name: "cap of one per unit: the next unit's person takes the prize",
            ranking: [(1, 1, 50), (2, 2, 50), (3, 3, 51), (4, 4, 50), (5, 5, 52)],
            plan: PrizePlan(counts: [.first: 1, .second: 1, .third: 1], capPerUnit: 1),
            expectedAwards: [(1, .first), (3, .second), (5, .third)],
            expectedPassedOverForCap: [2, 4]),
        Case(
            name: "cap of two per unit counts all levels together",
            ranking: [(1, 1, 50), (2, 2, 50), (3, 3, 50), (4, 4, 51)],
            plan: PrizePlan(counts: [.first: 1, .second: 1, .consolation: 2], capPerUnit: 2),
            expectedAwards: [(1, .first), (2, .second), (4, .consolation)],
            expectedPassedOverForCap: [3]),
        Case(
            name: "no cap: one unit may take every prize",
            ranking: [(1, 1, 50), (2, 2, 50), (3, 3, 50)],
            plan: PrizePlan(counts: [.first: 1, .second: 2]),
            expectedAwards: [(1, .first), (2, .second), (3, .second)]),
        Case(
            name: "a person ranked twice (attempts ranked) wins once",
            ranking: [(1, 7, 50), (2, 7, 50), (3, 8, 51)],
            plan: PrizePlan(counts: [.first: 1, .second: 1]),
            expectedAwards: [(1, .first), (3, .second)],
            expectedPassedOverAsRepeat: [2]),
        Case(
            name: "fewer people than prizes: the lower prizes stay unawarded",
            ranking: [(1, 1, 50), (2, 2, 51)],
            plan: PrizePlan(counts: [.first: 1, .second: 2, .third: 3]),
            expectedAwards: [(1, .first), (2, .second)]),
        Case(
            name: "a level with no prizes is skipped, not given as zero",
            ranking: [(1, 1, 50), (2, 2, 51), (3, 3, 52)],
            plan: PrizePlan(counts: [.first: 0, .second: 1, .consolation: 1]),
            expectedAwards: [(1, .second), (2, .consolation)]),
        Case(
            name: "passed over only counted while prizes remain",
            ranking: [(1, 1, 50), (2, 2, 50), (3, 3, 51), (4, 4, 50)],
            plan: PrizePlan(counts: [.first: 1, .second: 1], capPerUnit: 1),
            expectedAwards: [(1, .first), (3, .second)],
            expectedPassedOverForCap: [2]),
        Case(
            name: "an empty ranking gives nothing",
            ranking: [], plan: PrizePlan(counts: [.first: 1]), expectedAwards: []),
    ]

    static func ranking(_ rows: [(entry: Int, person: Int, unit: Int)]) -> [ContestRanking.RankedEntry] {
        ContestRanking.ranked(
            rows.enumerated().map { index, row in
                Fixture.entry(row.entry, person: row.person, unit: row.unit, score: 1_000 - index)
            })
    }

    @Test(arguments: cases)
    func allocation(c: Case) {
        let allocation = PrizeAllocation(ranking: Self.ranking(c.ranking), plan: c.plan)
        #expect(allocation.awards.map { Fixture.number($0.winner.entry.id) } == c.expectedAwards.map(\.entry))
        #expect(allocation.awards.map(\.level) == c.expectedAwards.map(\.level))
        #expect(allocation.passedOverForUnitCap.map { Fixture.number($0.entry.id) } == c.expectedPassedOverForCap)
        #expect(allocation.passedOverAsRepeatWinner.map { Fixture.number($0.entry.id) } == c.expectedPassedOverAsRepeat)
        #expect(Set(allocation.awards.map(\.winner.entry.participantID)).count == allocation.awards.count)
    }

    @Test func levelsAreOrderedAndNamed() {
        #expect(PrizeLevel.allCases.sorted() == [.first, .second, .third, .consolation])
        #expect(PrizeLevel.consolation.vietnameseName == "Giải Khuyến khích")
    }

    @Test func planEncodesLevelsByName() throws {
        let plan = PrizePlan(counts: [.first: 1], capPerUnit: 2)
        let json = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
        #expect(json.contains("\"first\":1"))
        #expect(try JSONDecoder().decode(PrizePlan.self, from: Data(json.utf8)) == plan)
    }

    @Test func badPlansAreRefusedPrecisely() {
        #expect(PrizePlan(counts: [.second: -1]).problems.map(\.message) == ["Số Giải Nhì không được âm."])
        #expect(PrizePlan(counts: [.first: 1], capPerUnit: 0).problems.map(\.field) == ["prizes.capPerUnit"])
        #expect(PrizePlan(counts: [.first: 1, .consolation: 10], capPerUnit: 2).problems.isEmpty)
    }
}
