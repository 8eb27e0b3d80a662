import FluentKit
import Foundation
import LoaCore

/// A plan with every item's progress on a day, computed once from the evidence sources: the dashboard,
/// the report, its spreadsheet and the public page all read this, so their numbers are the same.
struct PlanSummary: Sendable {
    struct Item: Sendable {
        var item: PlanItem
        var responsibleUnit: String
        var progress: PlanProgress
        var evidence: [EvidenceRecord]
    }

    struct UnitLine: Sendable {
        var unitName: String
        var items: Int
        var met: Int
        var overdue: Int
    }

    var plan: Plan
    var unitName: String
    var items: [Item]
    var day: Date

    var itemsMet: Int { items.filter { $0.progress.status == .met }.count }
    var itemsOverdue: Int { items.filter { $0.progress.status == .overdue }.count }

    /// Per responsible unit, in the order units first appear in the plan.
    var byUnit: [UnitLine] {
        var order: [String] = []
        var lines: [String: UnitLine] = [:]
        for entry in items {
            if lines[entry.responsibleUnit] == nil {
                order.append(entry.responsibleUnit)
                lines[entry.responsibleUnit] = UnitLine(unitName: entry.responsibleUnit, items: 0, met: 0, overdue: 0)
            }
            lines[entry.responsibleUnit]?.items += 1
            if entry.progress.status == .met { lines[entry.responsibleUnit]?.met += 1 }
            if entry.progress.status == .overdue { lines[entry.responsibleUnit]?.overdue += 1 }
        }
        return order.compactMap { lines[$0] }
    }

    /// Evidence counted in each month of the plan's period (the timeline).
    var monthlyEvidence: [(month: Int, count: Int)] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = VietnameseDate.timeZone
        var counts = [Int](repeating: 0, count: 12)
        var seen = Set<String>()
        for record in items.flatMap(\.evidence) {
            // A record credited to two items (same indicator, same unit) is one piece of work.
            let key = "\(record.date.timeIntervalSince1970)|\(record.title)|\(record.indicator.rawValue)"
            guard seen.insert(key).inserted else { continue }
            let month = calendar.component(.month, from: record.date)
            counts[month - 1] += 1
        }
        return counts.enumerated().map { ($0.offset + 1, $0.element) }
    }
}

struct PlanProgressService: Sendable {
    let db: any Database
    let sources: [any EvidenceSource]

    static func standardSources() -> [any EvidenceSource] {
        features.flatMap(\.evidenceSources)
    }

    /// Progress of every item of `plan` as of `day`, counting evidence up to the end of `periodEnd`
    /// (a quarter's report passes the quarter's end).
    func summary(of plan: Plan, on day: Date, until periodEnd: Date? = nil) async throws -> PlanSummary {
        let tree = try await UnitTree.load(on: db)
        let items = try await PlanItem.query(on: db).filter(\.$plan.$id == plan.requireID()).sort(\.$position).all()
        let end = min(periodEnd ?? plan.periodEnd, plan.periodEnd).addingTimeInterval(86_400)
        // Each item's responsible unit and its subtree are credited (a district item for "each commune").
        var credited: [UUID: Set<UUID>] = [:]
        for item in items where credited[item.$responsibleUnit.id] == nil {
            credited[item.$responsibleUnit.id] = tree.subtree(of: item.$responsibleUnit.id)
        }
        let units = credited.values.reduce(into: Set<UUID>()) { $0.formUnion($1) }
        let indicators = Set(items.map(\.indicatorKind))
        var records: [EvidenceRecord] = []
        for source in sources {
            records += try await source.records(indicators: indicators, units: units, from: plan.periodStart, to: end, on: db)
        }
        let summaryItems = try items.map { item -> PlanSummary.Item in
            let creditedUnits = credited[item.$responsibleUnit.id] ?? []
            let itemID = try item.requireID()
            let deadlineEnd = item.deadline.addingTimeInterval(86_400)
            let evidence = records.filter { record in
                record.indicator == item.indicatorKind && creditedUnits.contains(record.unitID) && record.date < deadlineEnd
                    && record.date < end && (record.itemID == nil || record.itemID == itemID)
                    && (record.channel == nil || record.channel == item.channelKind)
            }.sorted { $0.date < $1.date }
            let achieved = evidence.reduce(0) { $0 + $1.quantity }
            return PlanSummary.Item(
                item: item, responsibleUnit: tree.nodes[item.$responsibleUnit.id]?.name ?? "",
                progress: PlanProgress(target: item.target, achieved: achieved, periodStart: plan.periodStart, deadline: deadlineEnd, today: day),
                evidence: evidence)
        }
        return PlanSummary(plan: plan, unitName: tree.nodes[plan.$unit.id]?.name ?? "", items: summaryItems, day: day)
    }
}
