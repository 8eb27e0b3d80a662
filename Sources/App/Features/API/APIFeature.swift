import FluentKit
import Hummingbird

/// The read-only JSON API under `/api/v1` (issue #3), over news, procedures and documents.
struct APIFeature: Feature {
    func registerPublicRoutes(_ routes: PublicRoutes, services: AppServices) {
        APIController(database: services.database, sites: services.sites, configuration: services.configuration, clients: services.clients)
            .register(on: routes.cached)
    }
}
