import FluentKit
import Hummingbird

/// The communication plan (issue #5): plans and their items, units' reports, events, the inspector's
/// evaluation and the plan report. It counts other features' work only through their evidence sources.
struct PlanFeature: Feature {
    var migrations: [any Migration] {
        [M018_CreatePlans(), M019_CreateActivities(), M024_CreateReportAttachments(), M025_CreateEventMaterials()]
    }

    var adminMenu: [AdminMenuEntry] {
        [
            AdminMenuEntry(label: "Kế hoạch tuyên truyền", page: .plans, action: .readContent, order: 70),
            AdminMenuEntry(label: "Đánh giá", page: .evaluation, action: .evaluate, order: 80),
        ]
    }

    var evidenceSources: [any EvidenceSource] { [EventEvidence(), ManualReportEvidence()] }

    func registerPublicRoutes(_ routes: PublicRoutes, services: AppServices) {
        let pages = services.publicController
        routes.site(.plans, pages.plans)
        routes.site(.events, pages.events)
    }

    func registerAdminRoutes(_ routes: AdminRoutes, services: AppServices) {
        AdminPlansController(
            database: services.database, renderer: services.renderer, clients: services.clients, pageCache: services.pageCache,
            configuration: services.configuration
        )
        .register(on: routes.signedIn)
        AdminEventsController(database: services.database, renderer: services.renderer, clients: services.clients, pageCache: services.pageCache)
            .register(on: routes.signedIn)
        AdminEvaluationController(database: services.database, renderer: services.renderer, clients: services.clients)
            .register(on: routes.signedIn)
    }
}
