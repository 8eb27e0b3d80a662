import FluentKit
import Hummingbird
import LoaCore

/// Public consultation on drafts (issue #15): a draft opened for comments for a period of at least
/// `LOA_CONSULTATION_MIN_DAYS`, comments per part moderated and each decided, and the summary of how
/// they were taken into account published at the close.
struct ConsultationFeature: Feature {
    var migrations: [any Migration] { [M051_CreateConsultations()] }

    var adminMenu: [AdminMenuEntry] {
        [AdminMenuEntry(label: "Lấy ý kiến", page: .consultations, action: .readContent, order: 98)]
    }

    static func desk(_ services: AppServices) -> ConsultationDesk {
        ConsultationDesk(db: services.database.db, clients: services.clients, minimumDays: services.configuration.consultationMinimumDays)
    }

    func registerPublicRoutes(_ routes: PublicRoutes, services: AppServices) {
        PublicConsultationController(pages: services.publicController, desk: Self.desk(services)).register(routes)
    }

    func registerAdminRoutes(_ routes: AdminRoutes, services: AppServices) {
        AdminConsultationsController(
            database: services.database, renderer: services.renderer, unitTrees: services.unitTrees, sites: services.sites, desk: Self.desk(services)
        ).register(on: routes.signedIn)
    }
}
