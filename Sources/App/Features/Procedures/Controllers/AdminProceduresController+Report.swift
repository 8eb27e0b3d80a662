import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// The Office's report on the catalogue (issue #4): what is missing, which sites are behind, what each decision did.
extension AdminProceduresController {
    struct ReportPage: Sendable {
        struct Missing: Sendable { var code, name, site, fields: String; var editHref: String? }
        struct Stale: Sendable { var site, latest, newest, newestSite: String }
        struct Decision: Sendable { var site, number, day: String; var posted, replaced: Int }
        var shell: AdminShell
        var missing: [Missing]
        var stale: [Stale]
        var decisions: [Decision]
    }

    /// Procedures in force on the identity's sites that lack desk fields, and sites whose latest decision
    /// is older than the newest decision posted on any site of the same kind of unit.
    func report(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let editable = try await editableSites(identity, tree: tree)
        guard !editable.isEmpty else { throw AppError.forbidden(Self.noRights) }
        let today = CalendarDay(clients.now())
        var missing: [ReportPage.Missing] = []
        for site in editable {
            for procedure in try await ProcedureQueries.inForce(siteID: site.id, on: today, db: db) {
                let absent = procedure.record.missingFields
                guard !absent.isEmpty else { continue }
                let labels = absent.map { key in ProcedureRecord.deskFields.first { $0.key == key }?.label ?? Self.tableLabels[key] ?? key }
                missing.append(
                    .init(
                        code: procedure.code, name: procedure.name, site: site.name, fields: labels.joined(separator: ", "),
                        editHref: identity.can(.editOthersContent, in: tree, unit: procedure.$ownerUnit.id)
                            ? AdminPage.procedure(id: try procedure.requireID().uuidString).link : nil))
            }
        }
        let units = try await Unit.query(on: db).all()
        let kindOf = Dictionary(units.compactMap { unit in unit.id.map { ($0, unit.kind) } }, uniquingKeysWith: { a, _ in a })
        let decisions = try await ProcedureDecision.query(on: db).all()
        let allSites = try await sites.all()
        let latestBySite = Dictionary(grouping: decisions, by: { $0.$site.id }).mapValues { $0.max { $0.decidedOn < $1.decidedOn }! }
        var stale: [ReportPage.Stale] = []
        for site in editable {
            let kind = kindOf[site.unitID]
            let peers = allSites.filter { kindOf[$0.unitID] == kind }
            guard let newest = peers.compactMap({ latestBySite[$0.id] }).max(by: { $0.decidedOn < $1.decidedOn }) else { continue }
            let own = latestBySite[site.id]
            guard own.map({ $0.decidedOn < newest.decidedOn }) ?? true else { continue }
            stale.append(
                .init(
                    site: site.name, latest: own.map { "\($0.number) (\($0.day?.vietnamese ?? $0.decidedOn))" } ?? "Chưa công bố",
                    newest: "\(newest.number) (\(newest.day?.vietnamese ?? newest.decidedOn))",
                    newestSite: allSites.first { $0.id == newest.$site.id }?.name ?? ""))
        }
        // What each decision of the identity's sites did: procedures it posted, earlier postings it replaced.
        let editableIDs = Set(editable.map(\.id))
        let postings = try await ProcedurePosting.query(on: db).filter(\.$site.$id ~~ Array(editableIDs)).all()
        let decisionRows = decisions.filter { editableIDs.contains($0.$site.id) }
            .sorted { ($0.decidedOn, $0.number) > ($1.decidedOn, $1.number) }
            .map { decision in
                ReportPage.Decision(
                    site: allSites.first { $0.id == decision.$site.id }?.name ?? "", number: decision.number,
                    day: decision.day?.vietnamese ?? decision.decidedOn,
                    posted: postings.filter { $0.$decision.id == decision.id }.count,
                    replaced: postings.filter { $0.$replacedBy.id == decision.id }.count)
            }
        let page = ReportPage(
            shell: AdminShell(identity: identity, title: "Báo cáo thủ tục", current: .procedures), missing: missing, stale: stale,
            decisions: decisionRows)
        return try renderer.response(page, template: "admin/procedure-report")
    }

    static let tableLabels = ["tables.hinh_thuc_nop": "Hình thức nộp", "tables.thanh_phan_ho_so": "Thành phần hồ sơ"]
}
