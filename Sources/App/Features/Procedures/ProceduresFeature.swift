import FluentKit
import Hummingbird

/// Administrative procedures (issue #4): the catalogue, posting sheets, the desk's kiosk, the CCHC hub,
/// and in the back office their records, decisions, forms and reports.
struct ProceduresFeature: Feature {
    var migrations: [any Migration] { [M020_CreateProcedures(), M021_CreateProcedurePostings(), M023_CreateProcedureForms()] }

    var adminMenu: [AdminMenuEntry] {
        [AdminMenuEntry(label: "Thủ tục hành chính", page: .procedures, action: .editOthersContent, order: 90)]
    }

    var evidenceSources: [any EvidenceSource] { [ProcedurePostingEvidence()] }

    func registerPublicRoutes(_ routes: PublicRoutes, services: AppServices) {
        let pages = services.publicController
        routes.site(.procedures, pages.procedures)
        routes.site(.procedure, pages.procedure)
        routes.site(.procedureForm, pages.procedureForm)
        routes.site(.procedureSheet, pages.procedureSheet)
        routes.site(.sectorSheet, pages.sectorSheet)
        routes.site(.kiosk, pages.kiosk)
        routes.site(.kioskSector, pages.kioskSector)
        routes.site(.kioskProcedure, pages.kioskProcedure)
        routes.site(.reformHub, pages.reformHub)
    }

    func registerAdminRoutes(_ routes: AdminRoutes, services: AppServices) {
        AdminProceduresController(
            database: services.database, renderer: services.renderer, sites: services.sites, clients: services.clients,
            pageCache: services.pageCache, configuration: services.configuration
        ).register(on: routes.signedIn)
    }
}
