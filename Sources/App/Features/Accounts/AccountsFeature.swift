import FluentKit
import Hummingbird

/// Signing in, the units and the users who work in them (the tables they keep are the platform's:
/// identity, the unit tree and the site directory read them on every request).
struct AccountsFeature: Feature {
    var adminMenu: [AdminMenuEntry] {
        [
            AdminMenuEntry(label: "Đơn vị", page: .units, action: .manageUnits, order: 120),
            AdminMenuEntry(label: "Người dùng", page: .users, action: .manageUsers, order: 130),
            AdminMenuEntry(label: "Đổi mật khẩu", page: .changePassword, action: .accessBackOffice, order: 160),
        ]
    }

    func registerAdminRoutes(_ routes: AdminRoutes, services: AppServices) {
        let authController = AdminAuthController(
            auth: services.auth, renderer: services.renderer, clients: services.clients, usesHTTPS: services.configuration.usesHTTPS)
        authController.registerPublic(on: routes.admin)
        authController.registerSignedIn(on: routes.signedIn)
        AdminUnitsController(
            database: services.database, renderer: services.renderer, clients: services.clients, sites: services.sites,
            pageCache: services.pageCache
        )
        .register(on: routes.signedIn)
        AdminUsersController(database: services.database, renderer: services.renderer, clients: services.clients, configuration: services.configuration)
            .register(on: routes.signedIn)
    }
}
