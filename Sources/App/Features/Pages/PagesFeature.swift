import FluentKit
import Hummingbird

/// Static pages of a site (introduction, contacts, guides) at `trang/<slug>`.
struct PagesFeature: Feature {
    var migrations: [any Migration] { [M013_CreatePages()] }

    var adminMenu: [AdminMenuEntry] {
        [AdminMenuEntry(label: "Trang tĩnh", page: .pages, action: .editOthersContent, order: 30)]
    }

    func registerPublicRoutes(_ routes: PublicRoutes, services: AppServices) {
        routes.site(.page, services.publicController.staticPage)
    }

    func registerAdminRoutes(_ routes: AdminRoutes, services: AppServices) {
        AdminPagesController(database: services.database, renderer: services.renderer, sites: services.sites, pageCache: services.pageCache)
            .register(on: routes.signedIn)
    }
}
