import FluentKit
import Foundation
import LoaCore

/// Citizens' questions and feedback as plan evidence (issue #15): each item received on a unit's site
/// counts for that unit on the day it arrived; each approved answer counts for the unit that answered,
/// on the day it was approved, as on time when that day is not after the item's answer deadline.
struct FeedbackEvidence: EvidenceSource {
    func records(indicators: Set<PlanIndicator>, units: Set<UUID>, from: Date, to: Date, on db: any Database) async throws -> [EvidenceRecord] {
        var records: [EvidenceRecord] = []
        if indicators.contains(.feedbackReceived) {
            let sites = try await siteUnits(within: units, on: db)
            if !sites.isEmpty {
                let received = try await FeedbackItemRecord.query(on: db).filter(\.$siteID ~~ Array(sites.keys))
                    .filter(\.$receivedAt >= from).filter(\.$receivedAt < to).all()
                records += received.compactMap { item in
                    sites[item.siteID].map { unit in
                        EvidenceRecord(
                            date: item.receivedAt, unitID: unit, indicator: .feedbackReceived, quantity: 1, itemID: nil, channel: .portal,
                            source: "Hỏi đáp, phản ánh", title: "\(item.code): \(item.title)")
                    }
                }
            }
        }
        let answeredIndicators = indicators.intersection([.feedbackAnsweredOnTime, .feedbackAnsweredLate])
        if !answeredIndicators.isEmpty, !units.isEmpty {
            let answered = try await FeedbackItemRecord.query(on: db).filter(\.$unitID ~~ Array(units))
                .filter(\.$answeredAt >= from).filter(\.$answeredAt < to).all()
            for item in answered {
                guard let at = item.answeredAt else { continue }
                let onTime = item.deadlines.map { CalendarDay(at) <= $0.answerBy } ?? true
                let indicator: PlanIndicator = onTime ? .feedbackAnsweredOnTime : .feedbackAnsweredLate
                guard answeredIndicators.contains(indicator) else { continue }
                records.append(
                    EvidenceRecord(
                        date: at, unitID: item.unitID, indicator: indicator, quantity: 1, itemID: nil, channel: .portal,
                        source: "Hỏi đáp, phản ánh", title: "\(item.code): \(item.title)"))
            }
        }
        return records
    }
}
