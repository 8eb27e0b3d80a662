import Foundation

/// A link to a back-office page with its parameters (issue #9): like `SitePage`, a page that needs an id
/// cannot be linked without one. Each feature adds its pages as static factories in its `<Name>Routes.swift`.
struct AdminPage: Hashable, Sendable {
    /// The pattern this page is an instance of; the menu marks the entry whose pattern is the current one.
    let route: AdminRoute
    /// Absolute path of the page.
    let link: String

    init(_ route: AdminRoute, _ parameters: [String: String] = [:]) {
        self.route = route
        link = route.link(parameters)
    }
}
