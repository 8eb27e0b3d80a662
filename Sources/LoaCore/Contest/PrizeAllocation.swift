import Foundation

/// The individual prize levels of a round, highest first.
public enum PrizeLevel: String, CaseIterable, Codable, CodingKeyRepresentable, Comparable, Sendable {
    case first, second, third, consolation

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public var vietnameseName: String {
        switch self {
        case .first: "Giải Nhất"
        case .second: "Giải Nhì"
        case .third: "Giải Ba"
        case .consolation: "Giải Khuyến khích"
        }
    }
}

/// How many prizes of each level a round gives, and the most one unit may receive (rulebooks cap
/// prizes per unit so one large office cannot take them all). Levels not listed give no prize.
public struct PrizePlan: Hashable, Codable, Sendable {
    public var counts: [PrizeLevel: Int]
    /// The most prizes, all levels together, that people of one unit may receive; nil = no cap.
    public var capPerUnit: Int?

    public init(counts: [PrizeLevel: Int], capPerUnit: Int? = nil) {
        self.counts = counts
        self.capPerUnit = capPerUnit
    }

    /// Problems with the plan as typed by the organiser (empty = acceptable).
    public var problems: [FieldProblem] {
        var problems: [FieldProblem] = []
        for level in PrizeLevel.allCases {
            if let count = counts[level], count < 0 {
                problems.append(FieldProblem(field: "prizes.\(level.rawValue)", message: "Số \(level.vietnameseName) không được âm."))
            }
        }
        if let capPerUnit, capPerUnit < 1 {
            problems.append(
                FieldProblem(field: "prizes.capPerUnit", message: "Số giải tối đa của một đơn vị phải từ 1 trở lên, hoặc để trống nếu không giới hạn."))
        }
        return problems
    }
}

/// One prize given to one person.
public struct PrizeAward: Hashable, Sendable {
    public var level: PrizeLevel
    /// The counting entry of the winner, with its place in the ranking.
    public var winner: ContestRanking.RankedEntry
}

/// The individual prizes of a round and the entries that were passed over, so the published list
/// can explain why the 9th place has no prize while the 10th has one.
public struct PrizeAllocation: Hashable, Sendable {
    public var awards: [PrizeAward]
    /// Entries skipped, while prizes remained, because their unit had reached `capPerUnit`.
    public var passedOverForUnitCap: [ContestRanking.RankedEntry]
    /// Entries skipped, while prizes remained, because their person already had a prize (only when
    /// the caller ranked attempts rather than people).
    public var passedOverAsRepeatWinner: [ContestRanking.RankedEntry]

    /// Walks the ranking from the top: each entry takes the highest level that still has a prize,
    /// unless its person already won one (a person appears once) or its unit reached the cap; then the
    /// next entry takes that prize. Stops when every prize is given or the ranking ends, so prizes
    /// may stay unawarded when there are fewer eligible people than prizes.
    public init(ranking: [ContestRanking.RankedEntry], plan: PrizePlan) {
        var remaining = PrizeLevel.allCases.map { (level: $0, count: max(0, plan.counts[$0] ?? 0)) }
        var winners: Set<UUID> = []
        var prizesPerUnit: [UUID: Int] = [:]
        var awards: [PrizeAward] = []
        var passedOverForUnitCap: [ContestRanking.RankedEntry] = []
        var passedOverAsRepeatWinner: [ContestRanking.RankedEntry] = []
        for ranked in ranking {
            remaining.removeAll { $0.count == 0 }
            guard !remaining.isEmpty else { break }
            let entry = ranked.entry
            if winners.contains(entry.participantID) {
                passedOverAsRepeatWinner.append(ranked)
                continue
            }
            if let cap = plan.capPerUnit, prizesPerUnit[entry.unitID, default: 0] >= cap {
                passedOverForUnitCap.append(ranked)
                continue
            }
            awards.append(PrizeAward(level: remaining[0].level, winner: ranked))
            remaining[0].count -= 1
            winners.insert(entry.participantID)
            prizesPerUnit[entry.unitID, default: 0] += 1
        }
        self.awards = awards
        self.passedOverForUnitCap = passedOverForUnitCap
        self.passedOverAsRepeatWinner = passedOverAsRepeatWinner
    }
}
