import Foundation

/// A unit's participation in a round: distinct people of the unit who submitted, and its size
/// (the headcount the organiser registered for it).
public struct UnitParticipation: Hashable, Sendable {
    public var unitID: UUID
    public var participants: Int
    public var unitSize: Int

    public init(unitID: UUID, participants: Int, unitSize: Int) {
        self.unitID = unitID
        self.participants = participants
        self.unitSize = unitSize
    }

    /// Participants ÷ size, for display only; comparisons use exact cross-multiplication.
    public var rate: Double { unitSize > 0 ? Double(participants) / Double(unitSize) : 0 }
}

/// The participation rate a unit must reach, by its size: units with fewer than `sizeBelow` people
/// (nil = any size) need at least `minimumPercent` percent.
public struct ParticipationBand: Hashable, Codable, Sendable {
    public var sizeBelow: Int?
    public var minimumPercent: Int

    public init(sizeBelow: Int?, minimumPercent: Int) {
        self.sizeBelow = sizeBelow
        self.minimumPercent = minimumPercent
    }
}

/// The rule for collective prizes: thresholds by size band and how many units win.
public struct CollectivePrizeRule: Hashable, Codable, Sendable {
    /// Bands in ascending `sizeBelow`; a unit falls in the first band it is below. A unit bigger than
    /// every bounded band, with no unbounded band, cannot win.
    public var bands: [ParticipationBand]
    public var prizeCount: Int

    public init(bands: [ParticipationBand], prizeCount: Int) {
        self.bands = bands
        self.prizeCount = prizeCount
    }

    /// Problems with the rule as typed by the organiser (empty = acceptable).
    public var problems: [FieldProblem] {
        var problems: [FieldProblem] = []
        if prizeCount < 0 {
            problems.append(FieldProblem(field: "collective.prizeCount", message: "Số giải tập thể không được âm."))
        }
        for band in bands where !(0...100).contains(band.minimumPercent) {
            problems.append(
                FieldProblem(field: "collective.bands", message: "Tỷ lệ tham gia tối thiểu phải từ 0 đến 100 %, không phải \(band.minimumPercent) %."))
        }
        let bounds = bands.map { $0.sizeBelow ?? Int.max }
        if bounds != bounds.sorted() || Set(bounds).count != bounds.count {
            problems.append(
                FieldProblem(
                    field: "collective.bands",
                    message: "Các nhóm quy mô đơn vị phải xếp theo số người tăng dần và không trùng nhau; nhóm không giới hạn đặt cuối cùng."))
        }
        return problems
    }

    /// The band a unit of this size falls in, if any.
    public func band(forSize size: Int) -> ParticipationBand? {
        bands.first { band in band.sizeBelow.map { size < $0 } ?? true }
    }

    /// Every unit with its threshold and place; eligible units first in prize order (higher rate,
    /// then more participants, then smaller unit id), then the others in the same order.
    public func standings(_ units: [UnitParticipation]) -> [UnitStanding] {
        let judged = units.map { unit -> UnitStanding in
            let band = unit.unitSize > 0 ? band(forSize: unit.unitSize) : nil
            // participants / size ≥ percent / 100, exactly: no division, no overflow.
            let eligible =
                band.map {
                    !Self.isLess(unit.participants.multipliedFullWidth(by: 100), $0.minimumPercent.multipliedFullWidth(by: unit.unitSize))
                } ?? false
            return UnitStanding(unit: unit, minimumPercent: band?.minimumPercent, eligible: eligible, prize: false)
        }
        var ordered = judged.sorted { a, b in
            if a.eligible != b.eligible { return a.eligible }
            return Self.ranksAbove(a.unit, b.unit)
        }
        for index in ordered.indices where ordered[index].eligible && index < prizeCount {
            ordered[index].prize = true
        }
        return ordered
    }

    /// Higher rate, then more participants, then smaller unit id: a total order, so the winners do
    /// not depend on the order units are passed in.
    public static func ranksAbove(_ a: UnitParticipation, _ b: UnitParticipation) -> Bool {
        // a.p / a.s > b.p / b.s  ⇔  a.p × b.s > b.p × a.s (sizes positive); full width cannot overflow.
        let left = a.participants.multipliedFullWidth(by: max(b.unitSize, 1))
        let right = b.participants.multipliedFullWidth(by: max(a.unitSize, 1))
        if left != right { return isLess(right, left) }
        if a.participants != b.participants { return a.participants > b.participants }
        return UUIDOrder.precedes(a.unitID, b.unitID)
    }
}

extension CollectivePrizeRule {
    /// Orders the double-width products of `multipliedFullWidth`.
    fileprivate static func isLess(_ a: (high: Int, low: UInt), _ b: (high: Int, low: UInt)) -> Bool {
        (a.high, a.low) < (b.high, b.low)
    }
}

/// A unit's result for the collective prize.
public struct UnitStanding: Hashable, Sendable {
    public var unit: UnitParticipation
    /// The threshold of the unit's size band; nil when no band applies (or the size is unknown).
    public var minimumPercent: Int?
    /// Reached the threshold.
    public var eligible: Bool
    /// Among the `prizeCount` best eligible units.
    public var prize: Bool
}
