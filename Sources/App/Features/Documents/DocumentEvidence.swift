import FluentKit
import Foundation
import LoaCore

/// Documents posted on a site count as documents published by the site's unit.
struct DocumentEvidence: EvidenceSource {
    func records(indicators: Set<PlanIndicator>, units: Set<UUID>, from: Date, to: Date, on db: any Database) async throws -> [EvidenceRecord] {
        guard indicators.contains(.documentsPublished) else { return [] }
        let siteUnits = try await siteUnits(within: units, on: db)
        guard !siteUnits.isEmpty else { return [] }
        let first = CalendarDay(from).iso, last = CalendarDay(to).iso
        let documents = try await Document.query(on: db).filter(\.$site.$id ~~ Array(siteUnits.keys))
            .filter(\.$postedOn >= first).filter(\.$postedOn < last).all()
        return documents.compactMap { document in
            guard let unit = siteUnits[document.$site.id], let date = CalendarDay(iso: document.postedOn)?.date else { return nil }
            return EvidenceRecord(
                date: date, unitID: unit,
                indicator: .documentsPublished, quantity: 1, itemID: nil, channel: .portal,
                source: "Văn bản", title: "\(document.form) số \(document.number)")
        }
    }
}
