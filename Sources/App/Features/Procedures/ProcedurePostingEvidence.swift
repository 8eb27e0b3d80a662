import FluentKit
import Foundation
import LoaCore

/// Each procedure a publishing decision posts on a site counts as a procedure publicly posted by the
/// site's unit, on the decision's date (a set brought up to date counts its procedures again).
struct ProcedurePostingEvidence: EvidenceSource {
    func records(indicators: Set<PlanIndicator>, units: Set<UUID>, from: Date, to: Date, on db: any Database) async throws -> [EvidenceRecord] {
        guard indicators.contains(.proceduresPosted) else { return [] }
        let siteUnits = try await siteUnits(within: units, on: db)
        guard !siteUnits.isEmpty else { return [] }
        let first = CalendarDay(from).iso, last = CalendarDay(to).iso
        let decisions = try await ProcedureDecision.query(on: db).filter(\.$site.$id ~~ Array(siteUnits.keys))
            .filter(\.$decidedOn >= first).filter(\.$decidedOn < last).all()
        guard !decisions.isEmpty else { return [] }
        let postings = try await ProcedurePosting.query(on: db).filter(\.$decision.$id ~~ decisions.compactMap(\.id)).all()
        return decisions.compactMap { decision in
            guard let unit = siteUnits[decision.$site.id], let date = decision.day?.date else { return nil }
            let count = postings.filter { $0.$decision.id == decision.id }.count
            guard count > 0 else { return nil }
            return EvidenceRecord(
                date: date, unitID: unit,
                indicator: .proceduresPosted, quantity: count, itemID: nil, channel: .posting,
                source: "Quyết định công bố", title: "Niêm yết \(count) thủ tục theo Quyết định số \(decision.number)")
        }
    }
}
