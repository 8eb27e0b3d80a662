import FluentKit
import Hummingbird
import LoaCore
import Logging
import ServiceLifecycle

/// A unit of Loa (news, media, procedures, documents, the plan, and radio, contests and feedback to come):
/// everything it adds to the running application, so the composition root registers features in loops and
/// adding one touches no central list but the root's `features` (issue #9).
protocol Feature: Sendable {
    /// Its own numbered migrations. The root orders every feature's migrations by their number, so the
    /// global order (stored in databases already) does not depend on the order of the features.
    var migrations: [any Migration] { get }
    /// Its entries in the back-office menu; `AdminMenuEntry.order` places them among other features'.
    var adminMenu: [AdminMenuEntry] { get }
    /// The work it records that counts for the communication plan (issue #5).
    var evidenceSources: [any EvidenceSource] { get }
    /// What it adds to a site's search box besides articles (questions answered, and later procedures…).
    var searchSources: [any SearchSource] { get }
    /// Public pages, feeds and files, on the page-cached group or the plain router.
    func registerPublicRoutes(_ routes: PublicRoutes, services: AppServices)
    /// Back-office pages.
    func registerAdminRoutes(_ routes: AdminRoutes, services: AppServices)
    /// Long-running work started and stopped with the server (flushing view counts, scheduled publication).
    func backgroundServices(_ services: AppServices, options: BuildOptions, logger: Logger) -> [any Service]
    /// Its kinds of queued jobs, by kind ("media.renditions"), run by whichever instance claims them (issue #10).
    func jobHandlers(_ services: AppServices) -> [String: JobHandler]
    /// Its periodic work that must run on one instance only, run by the holder of the singleton lease (issue #10).
    func singletonTasks(_ services: AppServices, options: BuildOptions, logger: Logger) -> [SingletonTask]
}

extension Feature {
    var migrations: [any Migration] { [] }
    var adminMenu: [AdminMenuEntry] { [] }
    var evidenceSources: [any EvidenceSource] { [] }
    var searchSources: [any SearchSource] { [] }
    func registerPublicRoutes(_ routes: PublicRoutes, services: AppServices) {}
    func registerAdminRoutes(_ routes: AdminRoutes, services: AppServices) {}
    func backgroundServices(_ services: AppServices, options: BuildOptions, logger: Logger) -> [any Service] { [] }
    func jobHandlers(_ services: AppServices) -> [String: JobHandler] { [:] }
    func singletonTasks(_ services: AppServices, options: BuildOptions, logger: Logger) -> [SingletonTask] { [] }
}

/// A link in the back-office menu, shown to those who may do `action` somewhere.
struct AdminMenuEntry: Sendable {
    var label: String
    var page: AdminPage
    var action: Action
    /// Position in the menu, smallest first; features leave gaps so a new one can slot in between.
    var order: Int
}

/// Where a feature puts its public routes.
struct PublicRoutes {
    /// Outside the page cache: health, previews, uploaded files.
    let router: Router<AppRequestContext>
    /// Public pages and feeds: through the view counter and the page cache.
    let cached: RouterGroup<AppRequestContext>
    let sites: SiteDirectory

    /// Registers a page every site has, once at `/` (host-matched or primary site) and once under
    /// `/xa/:site/` (issue #2), on the page-cached group.
    func site(_ route: SiteRoute, _ handler: @escaping @Sendable (PublicRequest) async throws -> Response) {
        let sites = self.sites
        cached.get(RouterPath(route.rawValue)) { request, context in
            let site = try await sites.site(forHost: request.head.authority)
            guard let site else { throw AppError.notFound }
            return try await handler(PublicRequest(site: site, mount: .root, request: request, context: context))
        }
        cached.group(RouterPath("\(SiteMount.prefixSegment)/:site")).get(RouterPath(route.rawValue)) { request, context in
            guard let slug = context.parameters.get("site"), let site = try await sites.site(slug: slug) else { throw AppError.notFound }
            return try await handler(PublicRequest(site: site, mount: .underPrefix(slug), request: request, context: context))
        }
    }

    /// Registers a page every site has, at `/` and under `/xa/:site/`, outside the page cache: forms with a
    /// CSRF cookie, a sender's own item, anything that must not be shared between visitors.
    func uncachedSite(
        _ route: SiteRoute, method: HTTPRequest.Method, _ handler: @escaping @Sendable (PublicRequest) async throws -> Response
    ) {
        let sites = self.sites
        router.on(RouterPath(route.rawValue), method: method) { request, context in
            guard let site = try await sites.site(forHost: request.head.authority) else { throw AppError.notFound }
            return try await handler(PublicRequest(site: site, mount: .root, request: request, context: context))
        }
        router.group(RouterPath("\(SiteMount.prefixSegment)/:site")).on(RouterPath(route.rawValue), method: method) { request, context in
            guard let slug = context.parameters.get("site"), let site = try await sites.site(slug: slug) else { throw AppError.notFound }
            return try await handler(PublicRequest(site: site, mount: .underPrefix(slug), request: request, context: context))
        }
    }
}

/// A public request resolved to the site it addresses and where that site is mounted.
struct PublicRequest {
    var site: SiteInfo
    var mount: SiteMount
    var request: Request
    var context: AppRequestContext
}

/// Where a feature puts its back-office routes, both under `/quan-tri` with sessions and CSRF.
struct AdminRoutes {
    /// Reachable signed out (the sign-in pages).
    let admin: RouterGroup<AppRequestContext>
    /// Only for a signed-in user (and the form stash after an expired session).
    let signedIn: RouterGroup<AppRequestContext>
}
