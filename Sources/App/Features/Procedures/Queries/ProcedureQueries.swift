import FluentKit
import Foundation
import LoaCore

/// Reads of the procedure catalogue for public pages, the kiosk, the API and the back office.
enum ProcedureQueries {
    /// One posting with the days it starts and ends (the replacing decision's day).
    struct PostingSpan: Sendable {
        var procedureID: UUID
        var decision: String
        var from: CalendarDay
        var replacedBy: String?
        var until: CalendarDay?
    }

    static func spans(siteID: UUID, procedureID: UUID? = nil, on db: any Database) async throws -> [PostingSpan] {
        let decisions = try await ProcedureDecision.query(on: db).filter(\.$site.$id == siteID).all()
        let byID = Dictionary(decisions.compactMap { decision in decision.id.map { ($0, decision) } }, uniquingKeysWith: { a, _ in a })
        var query = ProcedurePosting.query(on: db).filter(\.$site.$id == siteID)
        if let procedureID { query = query.filter(\.$procedure.$id == procedureID) }
        return try await query.all().compactMap { posting in
            guard let decision = byID[posting.$decision.id], let from = decision.day else { return nil }
            let replacing = posting.$replacedBy.id.flatMap { byID[$0] }
            return PostingSpan(
                procedureID: posting.$procedure.id, decision: decision.number, from: from,
                replacedBy: replacing?.number, until: replacing?.day)
        }
    }

    /// Ids of the procedures a site had in force on a day: posted by a decision dated on or before it,
    /// not yet replaced on it, and not retired.
    static func inForceIDs(siteID: UUID, on day: CalendarDay, db: any Database) async throws -> [UUID] {
        let ids = Set(
            try await spans(siteID: siteID, on: db).filter { span in
                span.from <= day && (span.until.map { day < $0 } ?? true)
            }.map(\.procedureID))
        return Array(ids)
    }

    struct Filter: Sendable {
        var level: ProcedureLevel?
        var sectorSlug: String?
        var query: SearchQuery?
    }

    /// The procedures in force on a site on a day, filtered, by sector then name then code.
    static func inForce(siteID: UUID, on day: CalendarDay, filter: Filter = .init(), db: any Database) async throws -> [Procedure] {
        let ids = try await inForceIDs(siteID: siteID, on: day, db: db)
        guard !ids.isEmpty else { return [] }
        var query = Procedure.query(on: db).filter(\.$id ~~ ids)
        if let level = filter.level { query = query.filter(\.$levels, .custom("LIKE"), "%|\(level.rawValue)|%") }
        if let slug = filter.sectorSlug { query = query.filter(\.$sectorSlug == slug) }
        for term in filter.query?.foldedTerms ?? [] {
            // Terms hold only letters and digits (SearchQuery), so they need no LIKE escaping.
            query = query.filter(\.$searchText, .custom("LIKE"), "%\(term)%")
        }
        let procedures = try await query.sort(\.$sector).sort(\.$name).sort(\.$code).all()
        return procedures.filter { procedure in
            procedure.retiredAt.map { CalendarDay($0) > day } ?? true
        }
    }

    struct Count: Sendable {
        var key: String
        var label: String
        var count: Int
    }

    /// Procedures per level (a procedure of several levels counts in each) and per sector.
    static func counts(_ procedures: [Procedure]) -> (levels: [Count], sectors: [Count]) {
        let levels = ProcedureLevel.allCases.compactMap { level -> Count? in
            let n = procedures.filter { $0.levelList.contains(level) }.count
            return n == 0 ? nil : Count(key: level.rawValue, label: level.label, count: n)
        }
        var sectors: [String: Count] = [:]
        for procedure in procedures {
            sectors[procedure.sectorSlug, default: Count(key: procedure.sectorSlug, label: procedure.sector, count: 0)].count += 1
        }
        return (levels, sectors.values.sorted { $0.label.compare($1.label, locale: Locale(identifier: "vi_VN")) == .orderedAscending })
    }

    static func procedure(code: String, on db: any Database) async throws -> Procedure? {
        try await Procedure.query(on: db).filter(\.$code == code).first()
    }
}
