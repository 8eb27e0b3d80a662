import FluentKit
import Foundation
import Hummingbird
import LoaCore

struct DocumentSummaryDTO: ResponseEncodable, Sendable {
    var slug: String
    var form: String
    var number: String
    var issuingBody: String
    var issuedOn: String
    var summary: String
    var url: String
}

struct DocumentFileDTO: ResponseEncodable, Sendable {
    var name: String
    var kind: String
    var size: Int
    var url: String
}

struct DocumentDTO: ResponseEncodable, Sendable {
    var slug: String
    var form: String
    var number: String
    var issuingBody: String
    var signer: String?
    var issuedOn: String
    var effectiveOn: String?
    var expiresOn: String?
    var summary: String
    var sector: String?
    var files: [DocumentFileDTO]
    var url: String
}

/// `/api/v1/sites/:site/documents`: the document library (issue #4).
extension APIController {
    func documents(_ request: Request, _ context: AppRequestContext) async throws -> PageDTO<DocumentSummaryDTO> {
        let site = try await site(context)
        let fields = FormFields(body: request.uri.query ?? "")
        func value(_ name: String) -> String? { fields.text(name).isEmpty ? nil : fields.text(name) }
        let query = SearchQuery(fields["q"] ?? "")
        var year: Int?
        if let raw = value("year") {
            guard let parsed = RequestNumber.parse(raw, in: 1900...2200) else { throw AppError.badRequest("year must be a year such as 2026") }
            year = parsed
        }
        let (page, perPage) = try paging(request)
        let all = try await DocumentQueries.list(
            siteID: site.id,
            filter: .init(form: value("form"), issuingBody: value("issuing_body"), year: year, sector: value("sector"), query: query.isEmpty ? nil : query),
            today: CalendarDay(clients.now()), db: db)
        let (url, mount) = base(site)
        let items = all.dropFirst((page - 1) * perPage).prefix(perPage).map {
            DocumentSummaryDTO(
                slug: $0.slug, form: $0.form, number: $0.number, issuingBody: $0.issuingBody, issuedOn: $0.issuedOn, summary: $0.summary,
                url: url + mount.path(.document(slug: $0.slug)))
        }
        return PageDTO(items: Array(items), page: page, perPage: perPage, total: all.count)
    }

    func document(_ context: AppRequestContext) async throws -> DocumentDTO {
        let site = try await site(context)
        guard let slug = context.parameters.get("slug"),
            let document = try await DocumentQueries.document(siteID: site.id, slug: slug, today: CalendarDay(clients.now()), db: db)
        else { throw AppError.notFound }
        let (url, mount) = base(site)
        return DocumentDTO(
            slug: document.slug, form: document.form, number: document.number, issuingBody: document.issuingBody, signer: document.signer,
            issuedOn: document.issuedOn, effectiveOn: document.effectiveOn, expiresOn: document.expiresOn, summary: document.summary,
            sector: document.sector,
            files: document.files.map {
                DocumentFileDTO(
                    name: $0.displayName, kind: $0.kind, size: $0.size,
                    url: url + mount.path(.documentFile(slug: document.slug, file: $0.id?.uuidString.lowercased() ?? "")))
            },
            url: url + mount.path(.document(slug: document.slug)))
    }
}
