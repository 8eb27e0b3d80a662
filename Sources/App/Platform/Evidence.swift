import FluentKit
import Foundation
import LoaCore

/// One counted piece of work: what the dashboard adds up and the timeline shows.
struct EvidenceRecord: Sendable, Equatable {
    var date: Date
    /// The unit credited with it.
    var unitID: UUID
    var indicator: PlanIndicator
    var quantity: Int
    /// Set when the record belongs to one plan item only (a manual report); nil when it counts for any
    /// item of the unit with that indicator (an article, an event, a posting).
    var itemID: UUID?
    /// The channel the work went through, when the source knows it: an item counts only records of its
    /// own channel (a training item does not count a conference's participants).
    var channel: PlanChannel?
    var source: String
    var title: String
}

/// Where evidence comes from. Each module that records work (newsroom, events, manual reports, and
/// later the radio and contests) adds one implementation; the plan module never asks how they store it.
protocol EvidenceSource: Sendable {
    /// Records of `indicators` credited to any of `units`, dated within `from ..< to`.
    func records(indicators: Set<PlanIndicator>, units: Set<UUID>, from: Date, to: Date, on db: any Database) async throws -> [EvidenceRecord]
}

/// Sites owned by any of `units`, with their unit: what a feature records per site counts for the site's unit.
func siteUnits(within units: Set<UUID>, on db: any Database) async throws -> [UUID: UUID] {
    guard !units.isEmpty else { return [:] }
    let sites = try await Site.query(on: db).filter(\.$unit.$id ~~ Array(units)).all()
    return Dictionary(uniqueKeysWithValues: sites.compactMap { site in site.id.map { ($0, site.$unit.id) } })
}
