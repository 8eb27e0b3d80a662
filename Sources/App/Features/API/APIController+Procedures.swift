import FluentKit
import Foundation
import Hummingbird
import LoaCore

struct ProcedureSummaryDTO: ResponseEncodable, Sendable {
    var code: String
    var name: String
    var sector: String
    var levels: [String]
    var url: String
}

/// Every field of the national record; a missing one is absent, never "Không có thông tin".
struct ProcedureDTO: ResponseEncodable, Sendable {
    var code: String
    var name: String
    var decision: String?
    var levels: [String]
    var kind: String?
    var sector: String
    var steps: String?
    var method: String?
    var applicants: String?
    var processingAgency: String?
    var competentAgency: String?
    var coordinatingAgency: String?
    var receivingAddress: String?
    var result: String?
    var requirements: String?
    var channels: [ProcedureChannel]
    var components: [DossierComponent]
    var legalBasis: [LegalBasis]
    var inForce: Bool
    var url: String
}

/// `/api/v1/sites/:site/procedures`: the catalogue in force today (issue #4).
extension APIController {
    func procedures(_ request: Request, _ context: AppRequestContext) async throws -> PageDTO<ProcedureSummaryDTO> {
        let site = try await site(context)
        let parameters = request.uri.queryParameters
        let raw = FormFields(body: request.uri.query ?? "")["q"] ?? ""
        let query = SearchQuery(raw)
        var level: ProcedureLevel?
        if let value = parameters.get("level") {
            guard let parsed = ProcedureLevel(rawValue: String(value)) else { throw AppError.badRequest("level must be one of bo, tinh, huyen, xa, khac") }
            level = parsed
        }
        let sector = parameters.get("sector").map { String($0) }
        let (page, perPage) = try paging(request)
        let all = try await ProcedureQueries.inForce(
            siteID: site.id, on: CalendarDay(clients.now()),
            filter: .init(level: level, sectorSlug: sector, query: query.isEmpty ? nil : query), db: db)
        let (url, mount) = base(site)
        let items = all.dropFirst((page - 1) * perPage).prefix(perPage).map {
            ProcedureSummaryDTO(
                code: $0.code, name: $0.name, sector: $0.sector, levels: $0.levelList.map(\.rawValue),
                url: url + mount.path(.procedure(code: $0.code)))
        }
        return PageDTO(items: Array(items), page: page, perPage: perPage, total: all.count)
    }

    func procedure(_ context: AppRequestContext) async throws -> ProcedureDTO {
        let site = try await site(context)
        guard let code = context.parameters.get("code"), let procedure = try await ProcedureQueries.procedure(code: code, on: db) else {
            throw AppError.notFound
        }
        let id = try procedure.requireID()
        let spans = try await ProcedureQueries.spans(siteID: site.id, procedureID: id, on: db)
        guard !spans.isEmpty else { throw AppError.notFound }
        let inForce =
            try await ProcedureQueries.inForceIDs(siteID: site.id, on: CalendarDay(clients.now()), db: db).contains(id)
            && procedure.retiredAt == nil
        let r = procedure.record
        let (url, mount) = base(site)
        return ProcedureDTO(
            code: r.code, name: r.name, decision: r.decision, levels: r.levels.map(\.rawValue), kind: r.kind, sector: r.sector,
            steps: r.steps, method: r.method, applicants: r.applicants, processingAgency: r.processingAgency,
            competentAgency: r.competentAgency, coordinatingAgency: r.coordinatingAgency, receivingAddress: r.receivingAddress,
            result: r.result, requirements: r.requirements, channels: r.channels, components: r.components, legalBasis: r.legalBasis,
            inForce: inForce, url: url + mount.path(.procedure(code: r.code)))
    }
}
