import FluentKit
import Hummingbird

/// The document library (issue #4): legal and administrative documents with their files.
struct DocumentsFeature: Feature {
    var migrations: [any Migration] { [M022_CreateDocuments()] }

    var adminMenu: [AdminMenuEntry] {
        [AdminMenuEntry(label: "Văn bản", page: .documents, action: .editOthersContent, order: 100)]
    }

    var evidenceSources: [any EvidenceSource] { [DocumentEvidence()] }

    func registerPublicRoutes(_ routes: PublicRoutes, services: AppServices) {
        let pages = services.publicController
        routes.site(.documents, pages.documents)
        routes.site(.document, pages.document)
        routes.site(.documentFile, pages.documentFile)
    }

    func registerAdminRoutes(_ routes: AdminRoutes, services: AppServices) {
        AdminDocumentsController(
            database: services.database, renderer: services.renderer, sites: services.sites, clients: services.clients,
            pageCache: services.pageCache, configuration: services.configuration, pdfText: services.pdfText
        ).register(on: routes.signedIn)
    }
}
