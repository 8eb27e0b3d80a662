import FluentKit
import Hummingbird

/// The media library and its files, the home page's slides and its block of links.
struct MediaFeature: Feature {
    var migrations: [any Migration] { [M014_CreateMedia(), M015_CreateSlides(), M017_CreateSiteLinks()] }

    var adminMenu: [AdminMenuEntry] {
        [
            AdminMenuEntry(label: "Thư viện ảnh", page: .media, action: .writeDraft, order: 40),
            AdminMenuEntry(label: "Trình chiếu", page: .slides, action: .editOthersContent, order: 50),
            AdminMenuEntry(label: "Liên kết", page: .links, action: .editOthersContent, order: 60),
        ]
    }

    /// Image renditions are made after the upload has answered (issue #10).
    func jobHandlers(_ services: AppServices) -> [String: JobHandler] {
        let job = RenditionJob(library: services.media, pageCache: services.pageCache)
        return [RenditionJob.kind: { try await job.run($0) }]
    }

    func registerPublicRoutes(_ routes: PublicRoutes, services: AppServices) {
        // Files carry their own immutable cache headers; the page cache would only hold them twice.
        MediaController(library: services.media).register(on: routes.router)
    }

    func registerAdminRoutes(_ routes: AdminRoutes, services: AppServices) {
        AdminMediaController(
            database: services.database, renderer: services.renderer, sites: services.sites, library: services.media,
            pageCache: services.pageCache
        )
        .register(on: routes.signedIn)
        AdminLinksController(database: services.database, renderer: services.renderer, sites: services.sites, pageCache: services.pageCache)
            .register(on: routes.signedIn)
    }
}
