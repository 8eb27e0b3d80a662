import FluentKit
import Foundation
import LoaCore

/// Contests as plan evidence (issue #12): each round that has opened counts one contest for the
/// organising unit (through the contest channel), and the distinct people who submitted an attempt in
/// it count as participants, dated at the round's opening.
struct ContestEvidence: EvidenceSource {
    func records(indicators: Set<PlanIndicator>, units: Set<UUID>, from: Date, to: Date, on db: any Database) async throws -> [EvidenceRecord] {
        guard !indicators.isDisjoint(with: [.contests, .participants]), !units.isEmpty else { return [] }
        let contests = try await ContestRecord.query(on: db).filter(\.$unit.$id ~~ Array(units)).all()
        let byID = Dictionary(uniqueKeysWithValues: contests.compactMap { contest in contest.id.map { ($0, contest) } })
        guard !byID.isEmpty else { return [] }
        let rounds = try await ContestRoundRecord.query(on: db).filter(\.$contest.$id ~~ Array(byID.keys))
            .filter(\.$opensAt >= from).filter(\.$opensAt < to).all()
        var records: [EvidenceRecord] = []
        for round in rounds {
            guard let contest = byID[round.$contest.id], let roundID = round.id else { continue }
            let title = "\(contest.title) — \(round.name)"
            if indicators.contains(.contests) {
                records.append(
                    EvidenceRecord(
                        date: round.opensAt, unitID: contest.$unit.id, indicator: .contests, quantity: 1, itemID: nil, channel: .contest,
                        source: "Cuộc thi trực tuyến", title: title))
            }
            if indicators.contains(.participants) {
                let people = try await ContestAttemptRecord.query(on: db).filter(\.$round.$id == roundID).filter(\.$submittedAt != nil)
                    .unique().all(\.$participant.$id).count
                if people > 0 {
                    records.append(
                        EvidenceRecord(
                            date: round.opensAt, unitID: contest.$unit.id, indicator: .participants, quantity: people, itemID: nil,
                            channel: .contest, source: "Cuộc thi trực tuyến", title: title))
                }
            }
        }
        return records
    }
}
