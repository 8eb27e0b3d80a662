import FluentKit
import Foundation
import LoaCore

/// Reads of the document library for public pages, the hub and the API (issue #4).
enum DocumentQueries {
    struct Filter: Sendable {
        var form: String?
        var issuingBody: String?
        var year: Int?
        var sector: String?
        var query: SearchQuery?
    }

    /// The site's documents posted up to `today`, newest issue first.
    static func list(siteID: UUID, filter: Filter = .init(), today: CalendarDay, db: any Database) async throws -> [Document] {
        var query = Document.query(on: db).filter(\.$site.$id == siteID).filter(\.$postedOn <= today.iso)
        if let form = filter.form { query = query.filter(\.$form == form) }
        if let body = filter.issuingBody { query = query.filter(\.$issuingBody == body) }
        if let sector = filter.sector { query = query.filter(\.$sector == sector) }
        if let year = filter.year {
            // Days are yyyy-MM-dd text, so a year is a range of text on both engines.
            query = query.filter(\.$issuedOn >= String(format: "%04d-01-01", year)).filter(\.$issuedOn <= String(format: "%04d-12-31", year))
        }
        for term in filter.query?.foldedTerms ?? [] {
            // Terms hold only letters and digits (SearchQuery), so they need no LIKE escaping.
            query = query.filter(\.$searchText, .custom("LIKE"), "%\(term)%")
        }
        return try await query.sort(\.$issuedOn, .descending).sort(\.$number).all()
    }

    /// The values the filters offer: forms, issuing bodies, years, sectors of the site's documents.
    static func facets(siteID: UUID, today: CalendarDay, db: any Database) async throws -> (forms: [String], bodies: [String], years: [Int], sectors: [String])
    {
        let all = try await list(siteID: siteID, today: today, db: db)
        let vietnamese = Locale(identifier: "vi_VN")
        func sorted(_ values: [String]) -> [String] {
            Array(Set(values)).sorted { $0.compare($1, locale: vietnamese) == .orderedAscending }
        }
        return (sorted(all.map(\.form)), sorted(all.map(\.issuingBody)), Array(Set(all.compactMap(\.year))).sorted(by: >), sorted(all.compactMap(\.sector)))
    }

    static func document(siteID: UUID, slug: String, today: CalendarDay, db: any Database) async throws -> Document? {
        try await Document.query(on: db).filter(\.$site.$id == siteID).filter(\.$slug == slug).filter(\.$postedOn <= today.iso).with(\.$files).first()
    }
}
