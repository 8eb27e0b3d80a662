import Foundation
import LoaCore
import Testing

/// Collective prizes as tables: units (number, participants, size) in; the order, who is eligible
/// and who wins out.
@Suite struct CollectivePrizeTests {
    /// Under 50 people: 80 %; under 200: 60 %; any size: 40 %.
    static let bands = [
        ParticipationBand(sizeBelow: 50, minimumPercent: 80),
        ParticipationBand(sizeBelow: 200, minimumPercent: 60),
        ParticipationBand(sizeBelow: nil, minimumPercent: 40),
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var units: [(unit: Int, participants: Int, size: Int)]
        var prizeCount: Int
        var expectedOrder: [Int]
        var expectedEligible: [Int]
        var expectedWinners: [Int]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "thresholds by size band, exactly at the threshold is enough",
            units: [
                (1, 40, 50),  // 80 % but in the 50–199 band: needs 60 %, eligible
                (2, 39, 49),  // 79.6 % in the under-50 band: not eligible
                (3, 119, 199),  // 59.8 % in the under-200 band: not eligible
                (4, 80, 200),  // 40 % in the open band: eligible
                (5, 8, 10),
            ],  // 80 % in the under-50 band: eligible
            prizeCount: 3, expectedOrder: [1, 5, 4, 2, 3], expectedEligible: [1, 5, 4], expectedWinners: [1, 5, 4]),
        Case(
            name: "equal rate: more participants first, then smaller unit id",
            units: [(9, 9, 10), (8, 45, 50), (7, 90, 100), (6, 90, 100)],
            prizeCount: 2, expectedOrder: [6, 7, 8, 9], expectedEligible: [6, 7, 8, 9], expectedWinners: [6, 7]),
        Case(
            name: "an ineligible unit with a high rate never takes a prize",
            units: [(1, 39, 49), (2, 100, 150)],  // 79.6 % below its 80 %; 66.7 % above its 60 %
            prizeCount: 2, expectedOrder: [2, 1], expectedEligible: [2], expectedWinners: [2]),
        Case(
            name: "a unit of unknown size (0) cannot win",
            units: [(1, 5, 0), (2, 5, 5)],
            prizeCount: 2, expectedOrder: [2, 1], expectedEligible: [2], expectedWinners: [2]),
        Case(
            name: "more participants than the registered size still ranks by rate",
            units: [(1, 12, 10), (2, 10, 10)],
            prizeCount: 1, expectedOrder: [1, 2], expectedEligible: [1, 2], expectedWinners: [1]),
        Case(
            name: "no prizes: standings only",
            units: [(1, 10, 10)], prizeCount: 0, expectedOrder: [1], expectedEligible: [1], expectedWinners: []),
    ]

    static func participation(_ rows: [(unit: Int, participants: Int, size: Int)]) -> [UnitParticipation] {
        rows.map { UnitParticipation(unitID: Fixture.id($0.unit), participants: $0.participants, unitSize: $0.size) }
    }

    @Test(arguments: cases)
    func standings(c: Case) {
        let rule = CollectivePrizeRule(bands: Self.bands, prizeCount: c.prizeCount)
        let units = Self.participation(c.units)
        for input in [units, units.reversed()] {
            let standings = rule.standings(input)
            #expect(standings.map { Fixture.number($0.unit.unitID) } == c.expectedOrder)
            #expect(standings.filter(\.eligible).map { Fixture.number($0.unit.unitID) } == c.expectedEligible)
            #expect(standings.filter(\.prize).map { Fixture.number($0.unit.unitID) } == c.expectedWinners)
        }
    }

    @Test func bandBySize() {
        let rule = CollectivePrizeRule(bands: Self.bands, prizeCount: 1)
        #expect(rule.band(forSize: 49)?.minimumPercent == 80)
        #expect(rule.band(forSize: 50)?.minimumPercent == 60)
        #expect(rule.band(forSize: 10_000)?.minimumPercent == 40)
        #expect(CollectivePrizeRule(bands: Array(Self.bands.prefix(2)), prizeCount: 1).band(forSize: 200) == nil)
    }

    @Test func badRulesAreRefusedPrecisely() {
        #expect(CollectivePrizeRule(bands: Self.bands, prizeCount: 3).problems.isEmpty)
        #expect(CollectivePrizeRule(bands: Self.bands, prizeCount: -1).problems.map(\.message) == ["Số giải tập thể không được âm."])
        #expect(
            CollectivePrizeRule(bands: [ParticipationBand(sizeBelow: nil, minimumPercent: 120)], prizeCount: 1).problems.map(\.message)
                == ["Tỷ lệ tham gia tối thiểu phải từ 0 đến 100 %, không phải 120 %."])
        #expect(CollectivePrizeRule(bands: Self.bands.reversed(), prizeCount: 1).problems.map(\.field) == ["collective.bands"])
    }

    @Test func hugeFiguresCompareExactly() {
        // (n − 1)/n grows with n, but in Double both rates are 1.0 and the cross products overflow Int.
        let larger = UnitParticipation(unitID: Fixture.id(2), participants: Int.max - 1, unitSize: Int.max)
        let smaller = UnitParticipation(unitID: Fixture.id(1), participants: Int.max - 2, unitSize: Int.max - 1)
        #expect(larger.rate == smaller.rate)
        #expect(CollectivePrizeRule.ranksAbove(larger, smaller))
        #expect(!CollectivePrizeRule.ranksAbove(smaller, larger))
        let standings = CollectivePrizeRule(bands: Self.bands, prizeCount: 1).standings([smaller, larger])
        #expect(standings.map(\.prize) == [true, false])
        #expect(standings.map(\.unit) == [larger, smaller])
    }

    @Test(arguments: [
        (
            "50: 80\n200: 60\n*: 40",
            [
                ParticipationBand(sizeBelow: 50, minimumPercent: 80), ParticipationBand(sizeBelow: 200, minimumPercent: 60),
                ParticipationBand(sizeBelow: nil, minimumPercent: 40),
            ]
        ),
        ("dưới 50 người: 80 %\n\ncòn lại: 50%", [ParticipationBand(sizeBelow: 50, minimumPercent: 80), ParticipationBand(sizeBelow: nil, minimumPercent: 50)]),
        ("", []),
    ])
    func thresholdsAreReadAsTheOrganiserTypesThem(text: String, expected: [ParticipationBand]) throws {
        let bands = try CollectivePrizeRule.bands(fromText: text).get()
        #expect(bands == expected)
        #expect(try CollectivePrizeRule.bands(fromText: CollectivePrizeRule(bands: bands, prizeCount: 1).bandsText).get() == bands)
    }

    @Test(arguments: ["50 80", "50: tám mươi", "năm mươi: 80"])
    func aThresholdLineThatCannotBeReadIsNamed(text: String) {
        guard case .failure(let problem) = CollectivePrizeRule.bands(fromText: "*: 40\n" + text) else {
            Issue.record("“\(text)” was accepted")
            return
        }
        #expect(problem.message.hasPrefix("Dòng 2"))
    }
}
