import FluentKit
import Hummingbird

/// The frame every site shares (home, about, contact, its map), the machine endpoints (health, sitemap.xml,
/// robots.txt) and the back office's overview (dashboard, security log, system).
struct SiteFeature: Feature {
    var adminMenu: [AdminMenuEntry] {
        [
            AdminMenuEntry(label: "Bảng điều khiển", page: .dashboard, action: .accessBackOffice, order: 10),
            AdminMenuEntry(label: "Nhật ký bảo mật", page: .audit, action: .viewAuditLog, order: 140),
            AdminMenuEntry(label: "Hệ thống", page: .system, action: .viewSystem, order: 150),
        ]
    }

    func registerPublicRoutes(_ routes: PublicRoutes, services: AppServices) {
        var system = SystemController(database: services.database, sites: services.sites, configuration: services.configuration, clients: services.clients)
        if !services.database.isSQLite {
            let pageCache = services.pageCache
            system.isListening = { pageCache.isListening }
        }
        system.register(on: routes.router, cached: routes.cached)
        let pages = services.publicController
        routes.site(.home, pages.home)
        routes.site(.about, pages.about)
        routes.site(.contact, pages.contact)
        routes.site(.siteMap, pages.siteMap)
    }

    func registerAdminRoutes(_ routes: AdminRoutes, services: AppServices) {
        AdminOverviewController(database: services.database, renderer: services.renderer, tools: services.tools, configuration: services.configuration)
            .register(on: routes.signedIn)
        AdminJobsController(database: services.database, renderer: services.renderer, clients: services.clients).register(on: routes.signedIn)
    }
}
