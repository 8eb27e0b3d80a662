import FluentKit
import Foundation
import LoaCore

/// Events count as training classes, conferences or contests, and their actual participants.
struct EventEvidence: EvidenceSource {
    func records(indicators: Set<PlanIndicator>, units: Set<UUID>, from: Date, to: Date, on db: any Database) async throws -> [EvidenceRecord] {
        let wanted: Set<PlanIndicator> = [.trainingClasses, .conferences, .contests, .participants]
        guard !indicators.isDisjoint(with: wanted), !units.isEmpty else { return [] }
        let events = try await Event.query(on: db).filter(\.$unit.$id ~~ Array(units))
            .filter(\.$startsAt >= from).filter(\.$startsAt < to).all()
        return events.flatMap { event -> [EvidenceRecord] in
            let (kind, channel): (PlanIndicator, PlanChannel) =
                switch event.eventKind {
                case .training: (.trainingClasses, .training)
                case .meeting, .conference: (.conferences, .conference)
                case .contest: (.contests, .contest)
                }
            var records = [
                EvidenceRecord(
                    date: event.startsAt, unitID: event.$unit.id, indicator: kind, quantity: 1, itemID: nil, channel: channel,
                    source: event.eventKind.vietnameseName, title: event.title)
            ]
            if event.actualParticipants > 0 {
                records.append(
                    EvidenceRecord(
                        date: event.startsAt, unitID: event.$unit.id, indicator: .participants, quantity: event.actualParticipants,
                        itemID: nil, channel: channel, source: event.eventKind.vietnameseName, title: event.title))
            }
            return records.filter { indicators.contains($0.indicator) }
        }
    }
}

/// Units' own reports count for the item they were filed against, unless the inspector questioned them.
struct ManualReportEvidence: EvidenceSource {
    func records(indicators: Set<PlanIndicator>, units: Set<UUID>, from: Date, to: Date, on db: any Database) async throws -> [EvidenceRecord] {
        guard !units.isEmpty else { return [] }
        let reports = try await ActivityReport.query(on: db).filter(\.$unit.$id ~~ Array(units))
            .filter(\.$occurredOn >= from).filter(\.$occurredOn < to).with(\.$item).all()
        return reports.compactMap { report in
            guard report.reviewState.counts, indicators.contains(report.item.indicatorKind) else { return nil }
            return EvidenceRecord(
                date: report.occurredOn, unitID: report.$unit.id, indicator: report.item.indicatorKind, quantity: report.quantity,
                itemID: report.$item.id, channel: nil, source: "Báo cáo của đơn vị", title: report.description)
        }
    }
}
