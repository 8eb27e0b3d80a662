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

/// Published articles of the administrative-reform category count as portal news items of the unit
/// their writer belongs to (the site's unit when the writer is unknown, as for imported news).
struct ArticleEvidence: EvidenceSource {
    /// The category every site's CCHC news is filed under (the demo world and imports use this slug).
    static let reformCategorySlug = "cai-cach-hanh-chinh"

    func records(indicators: Set<PlanIndicator>, units: Set<UUID>, from: Date, to: Date, on db: any Database) async throws -> [EvidenceRecord] {
        guard indicators.contains(.newsItems) else { return [] }
        let categories = try await Category.query(on: db).filter(\.$slug == Self.reformCategorySlug).all().compactMap(\.id)
        guard !categories.isEmpty else { return [] }
        let articles = try await Article.query(on: db)
            .filter(\.$category.$id ~~ categories)
            .filter(\.$status == ArticleState.published.rawValue)
            .filter(\.$publishedAt >= from).filter(\.$publishedAt < to)
            .all()
        let writerIDs = Set(articles.compactMap(\.createdBy))
        let writers = writerIDs.isEmpty ? [] : try await User.query(on: db).filter(\.$id ~~ Array(writerIDs)).all()
        let writerUnit = Dictionary(uniqueKeysWithValues: writers.compactMap { user in user.id.map { ($0, user.$unit.id) } })
        return articles.compactMap { article in
            let unit = article.createdBy.flatMap { writerUnit[$0] } ?? article.$unit.id
            guard units.contains(unit), let published = article.publishedAt else { return nil }
            return EvidenceRecord(
                date: published, unitID: unit, indicator: .newsItems, quantity: 1, itemID: nil, channel: .portal,
                source: "Tin bài", title: article.title)
        }
    }
}

/// Events count as training classes, conferences or contests, and their actual participants.
struct EventEvidence: EvidenceSource {
    func records(indicators: Set<PlanIndicator>, units: Set<UUID>, from: Date, to: Date, on db: any Database) async throws -> [EvidenceRecord] {
        let wanted: Set<PlanIndicator> = [.trainingClasses, .conferences, .contests, .participants]
        guard !indicators.isDisjoint(with: wanted), !units.isEmpty else { return [] }
        let events = try await Event.query(on: db).filter(\.$unit.$id ~~ Array(units))
            .filter(\.$startsAt >= from).filter(\.$startsAt < to).all()
        return events.flatMap { event -> [EvidenceRecord] in
            let (kind, channel): (PlanIndicator, PlanChannel) = switch event.eventKind {
            case .training: (.trainingClasses, .training)
            case .meeting, .conference: (.conferences, .conference)
            case .contest: (.contests, .contest)
            }
            var records = [EvidenceRecord(
                date: event.startsAt, unitID: event.$unit.id, indicator: kind, quantity: 1, itemID: nil, channel: channel,
                source: event.eventKind.vietnameseName, title: event.title)]
            if event.actualParticipants > 0 {
                records.append(EvidenceRecord(
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

/// Sites owned by any of `units`, with their unit: documents and postings are the site's.
private func siteUnits(within units: Set<UUID>, on db: any Database) async throws -> [UUID: UUID] {
    guard !units.isEmpty else { return [:] }
    let sites = try await Site.query(on: db).filter(\.$unit.$id ~~ Array(units)).all()
    return Dictionary(uniqueKeysWithValues: sites.compactMap { site in site.id.map { ($0, site.$unit.id) } })
}
