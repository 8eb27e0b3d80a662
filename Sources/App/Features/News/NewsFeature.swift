import FluentKit
import Hummingbird
import Logging
import ServiceLifecycle

/// Articles with their categories, tags, revisions and workflow; search, feeds, previews, the import,
/// the view counter and scheduled publication.
struct NewsFeature: Feature {
    var migrations: [any Migration] {
        [
            M005_CreateArticles(), M006_CreateCategories(), M007_ExtendArticles(), M008_CreateArticleTagsAndSlugs(),
            M009_CreateSearchIndex(), M011_CreateRevisions(), M012_CreateArticleViews(), M026_AddPendingRevisions(),
        ]
    }

    var adminMenu: [AdminMenuEntry] {
        [
            AdminMenuEntry(label: "Tin bài", page: .articles, action: .readContent, order: 20),
            AdminMenuEntry(label: "Thống kê truy cập", page: .statistics, action: .readContent, order: 110),
        ]
    }

    var evidenceSources: [any EvidenceSource] { [ArticleEvidence()] }

    func registerPublicRoutes(_ routes: PublicRoutes, services: AppServices) {
        let pages = services.publicController
        routes.site(.news, pages.news)
        routes.site(.article, pages.article)
        routes.site(.articleDownload, pages.articleDownload)
        routes.site(.category, pages.category)
        routes.site(.search, pages.search)
        routes.site(.feed, pages.feed)
        routes.site(.categoryFeed, pages.categoryFeed)
        // A preview link shows an unpublished article: never cached.
        pages.registerPreview(on: routes.router)
    }

    func registerAdminRoutes(_ routes: AdminRoutes, services: AppServices) {
        AdminArticlesController(
            database: services.database, renderer: services.renderer, clients: services.clients, sites: services.sites,
            pageCache: services.pageCache, baseURL: services.configuration.baseURL
        ).register(on: routes.signedIn)
        AdminStatisticsController(database: services.database, renderer: services.renderer, sites: services.sites, clients: services.clients)
            .register(on: routes.signedIn)
    }

    func backgroundServices(_ services: AppServices, options: BuildOptions, logger: Logger) -> [any Service] {
        [ViewCounterService(counter: services.viewCounter, interval: options.viewFlushInterval, logger: logger)]
    }

    /// Scheduled publication and expiry run on one instance only (issue #10).
    func singletonTasks(_ services: AppServices, options: BuildOptions, logger: Logger) -> [SingletonTask] {
        [services.scheduledPublication.singletonTask(interval: options.scheduleInterval)]
    }
}
