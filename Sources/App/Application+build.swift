import FluentKit
import FluentPostgresDriver
import Foundation
import Hummingbird
import Logging
import NIOCore

/// How `buildApplication` treats migrations and first start.
public struct BuildOptions: Sendable {
    public enum MigrationPolicy: Sendable {
        /// Apply pending migrations (the embedded SQLite default).
        case automatic
        /// Refuse to start while migrations are pending (PostgreSQL: `loa migrate` is explicit).
        case refuseIfPending
    }

    public var hostname = "127.0.0.1"
    public var port = 8080
    public var demo = true
    public var migrations: MigrationPolicy?
    /// How often counted article views are written; tests that flush by hand set it out of reach.
    public var viewFlushInterval: Duration = .seconds(10)
    /// A connection with no request in progress for this long is closed, and so is one whose request
    /// head has not arrived in full by then (slow-header clients holding connections open, issue #8).
    public var idleTimeout: Duration = .seconds(30)
    /// How often scheduled publication and expiry are applied; tests that tick by hand set it out of reach.
    public var scheduleInterval: Duration = .seconds(10)

    /// `scheduleInterval` in seconds, as singleton tasks measure their intervals on the injectable clock.
    var scheduleSeconds: TimeInterval {
        Double(scheduleInterval.components.seconds) + Double(scheduleInterval.components.attoseconds) / 1e18
    }
    /// How often the page cache reads the shared content version when no notification came; the
    /// cross-instance test sets it out of reach to prove the notification alone suffices.
    public var contentPollInterval: Duration = .seconds(1)

    public init(
        hostname: String = "127.0.0.1", port: Int = 8080, demo: Bool = true, migrations: MigrationPolicy? = nil,
        viewFlushInterval: Duration = .seconds(10), idleTimeout: Duration = .seconds(30), scheduleInterval: Duration = .seconds(10)
    ) {
        self.scheduleInterval = scheduleInterval
        self.idleTimeout = idleTimeout
        self.hostname = hostname
        self.port = port
        self.demo = demo
        self.migrations = migrations
        self.viewFlushInterval = viewFlushInterval
    }
}

/// Pending migrations found where `serve` may not apply them.
public struct PendingMigrationsError: Error, CustomStringConvertible {
    public var names: [String]
    public var description: String {
        "The database has \(names.count) pending migration(s): \(names.joined(separator: ", ")). Run `loa migrate` first."
    }
}

/// What the composition root builds: the application to run and the parts the CLI and tests use.
public struct BuiltApplication<App: ApplicationProtocol>: Sendable {
    public let application: App
    let services: AppServices
    /// Set on the very first start: the administrator's one-time password to print once.
    public let firstStart: FirstStartInfo?
}

public struct FirstStartInfo: Sendable {
    public var adminEmail: String
    public var oneTimePassword: String
    public var seededDemo: Bool
}

/// Every feature of Loa (issue #9). Adding one (radio, contests, feedback) means adding it here and
/// nowhere else: routes, menu entries, migrations, evidence sources and background work are gathered
/// from this list. The order is the order of registration and of the plan's evidence sources; the menu
/// and the migrations keep their own explicit order.
let features: [any Feature] = [
    SiteFeature(),
    AccountsFeature(),
    NewsFeature(),
    PagesFeature(),
    MediaFeature(),
    PlanFeature(),
    DocumentsFeature(),
    ProceduresFeature(),
    APIFeature(),
    RadioFeature(),
    ContestsFeature(),
    FeedbackFeature(),
    ConsultationFeature(),
]

/// The back-office menu: every feature's entries by their explicit order.
let adminMenu: [AdminMenuEntry] = features.flatMap(\.adminMenu).sorted { $0.order < $1.order }

/// The one composition root (STYLE.md habit 1): `loa serve`, the CLI and the tests all build Loa here.
public func buildApplication(
    _ configuration: AppConfiguration, options: BuildOptions = .init(), logger: Logger? = nil
) async throws -> BuiltApplication<some ApplicationProtocol> {
    try await buildApplication(configuration, options: options, clients: .live, logger: logger)
}

func buildApplication(
    _ configuration: AppConfiguration, options: BuildOptions, clients: Clients, logger: Logger?
) async throws -> BuiltApplication<some ApplicationProtocol> {
    var logger = logger ?? Logger(label: "loa")
    logger.logLevel = configuration.logLevel
    let services = try await AppServices.open(configuration, clients: clients, logger: logger, contentPollInterval: options.contentPollInterval)
    do {
        let policy = options.migrations ?? (services.database.isSQLite ? .automatic : .refuseIfPending)
        switch policy {
        case .automatic:
            let applied = try await services.database.migrate()
            if !applied.isEmpty { logger.info("applied migrations", metadata: ["migrations": "\(applied.joined(separator: ", "))"]) }
        case .refuseIfPending:
            let pending = try await services.database.pendingMigrations()
            guard pending.isEmpty else { throw PendingMigrationsError(names: pending) }
        }
        let firstStart = try await FirstStart(db: services.database.db, clients: clients, configuration: configuration, media: services.media)
            .runIfNeeded(demo: options.demo)
        let router = buildRouter(services)
        var application = Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: TimeAmount(options.idleTimeout))),
            configuration: .init(address: .hostname(options.hostname, port: options.port), serverName: nil),
            logger: logger)
        // Shut down in reverse order: the server drains, view counts are written, then the database closes.
        application.addServices(DatabaseShutdownService(stack: services.database))
        if case .postgres(let url, let searchPath) = configuration.database {
            var postgres = try SQLPostgresConfiguration(url: url)
            postgres.searchPath = searchPath
            application.addServices(ContentChangeListener(configuration: postgres, pageCache: services.pageCache, logger: logger))
        }
        for feature in features {
            for service in feature.backgroundServices(services, options: options, logger: logger) {
                application.addServices(service)
            }
        }
        // Added after the features' services, so on shutdown they stop first: running jobs finish and the
        // singleton lease is released while the database is still open (issue #10).
        application.addServices(
            JobWorker(
                queue: services.jobs, interval: configuration.jobPollInterval, concurrency: configuration.jobConcurrency, logger: logger),
            SingletonService(scheduler: services.singletonScheduler(options: options), renewInterval: .seconds(3)))
        return BuiltApplication(
            application: application, services: services,
            firstStart: firstStart.map { FirstStartInfo(adminEmail: $0.adminEmail, oneTimePassword: $0.oneTimePassword, seededDemo: $0.seededDemo) })
    } catch {
        await services.database.shutdown()
        throw error
    }
}

/// Middleware order: the request log sees final statuses; security headers cover error pages;
/// sessions and CSRF run only where there are accounts (the back office), so public pages stay cheap.
func buildRouter(_ services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: ClientAddressMiddleware(trustedProxies: services.configuration.trustedProxies))
    router.add(middleware: RequestLogMiddleware())
    // Requests by route pattern (never by raw path, so the series stay few) with their durations.
    _ = LoaMetrics.registry
    router.add(middleware: MetricsMiddleware())
    MetricsController(database: services.database, configuration: services.configuration).register(on: router)
    router.add(middleware: SecurityHeadersMiddleware(usesHTTPS: services.configuration.usesHTTPS))
    router.add(middleware: ErrorPageMiddleware(renderer: services.renderer, usesHTTPS: services.configuration.usesHTTPS))
    if let assets = AppResources.url("Public")?.path {
        router.add(
            middleware: FileMiddleware(
                assets, urlBasePath: "/static", cacheControl: .init([(MediaType(type: .any), [.public, .maxAge(3600)])]), logger: services.logger))
    }

    // Public pages and feeds go through the page cache; /healthz and the back office never do.
    let cached = router.group()
        .add(middleware: ViewCountMiddleware(counter: services.viewCounter))
        .add(middleware: PublicCacheMiddleware(cache: services.pageCache))
    let publicRoutes = PublicRoutes(router: router, cached: cached, sites: services.sites)
    for feature in features {
        feature.registerPublicRoutes(publicRoutes, services: services)
    }

    let admin = router.group(RouterPath(String(AdminRoute.base.dropFirst())))
        .add(middleware: NoStoreMiddleware())
        .add(middleware: SessionMiddleware(auth: services.auth))
        .add(middleware: CSRFMiddleware())
    let signedIn = admin.group().add(
        middleware: AdminGuardMiddleware(stash: FormStash(db: services.database.db, now: services.clients.now), unitTrees: services.unitTrees))
    let adminRoutes = AdminRoutes(admin: admin, signedIn: signedIn)
    for feature in features {
        feature.registerAdminRoutes(adminRoutes, services: services)
    }
    return router
}

/// The parts every controller and command shares, opened once.
struct AppServices: Sendable {
    let configuration: AppConfiguration
    let clients: Clients
    let database: DatabaseStack
    let renderer: PageRenderer
    let sites: SiteDirectory
    let pageCache: PageCache
    let unitTrees: UnitTreeCache
    let viewCounter: ViewCounter
    let tools: ToolReport
    let logger: Logger
    /// Names this process in job locks and the singleton lease: host, process id and a random part.
    var instanceID = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8).lowercased())"
    /// `qrencode`, found at start (issue #4).
    var qr = QRCodeGenerator.detect()
    /// `pdftotext`, found at start (issue #4).
    var pdfText = PDFTextExtractor.detect()

    var media: MediaLibrary {
        MediaLibrary(
            db: database.db, uploadsDirectory: configuration.uploadsDirectory, vipsthumbnail: tools.path(of: "vipsthumbnail"), vips: tools.path(of: "vips"),
            now: clients.now)
    }

    var auth: AuthService { AuthService(db: database.db, clients: clients, configuration: configuration) }

    /// The public pages' handlers; each feature registers its own of them (issue #9).
    var publicController: PublicController {
        PublicController(database: database, renderer: renderer, sites: sites, configuration: configuration, clients: clients, qr: qr)
    }

    /// The job queue with every feature's handlers (issue #10).
    var jobs: JobQueue {
        let handlers = Dictionary(features.flatMap { $0.jobHandlers(self).map { ($0.key, $0.value) } }) { _, _ in
            preconditionFailure("two features register the same job kind")
        }
        var queue = JobQueue(database: database, instanceID: instanceID, handlers: handlers, now: clients.now, logger: logger)
        queue.lockDuration = TimeInterval(configuration.jobLockSeconds)
        return queue
    }

    /// Every feature's singleton work under one lease, renewed every 3 s for 10 s: when this instance
    /// dies another takes over within 13 s (issue #10 asks for 15).
    func singletonScheduler(options: BuildOptions) -> SingletonScheduler {
        SingletonScheduler(
            lease: Lease(name: SingletonScheduler.leaseName, holder: instanceID, ttl: 10, now: clients.now), database: database,
            tasks: features.flatMap { $0.singletonTasks(self, options: options, logger: logger) }, logger: logger)
    }

    var scheduledPublication: ScheduledPublication { ScheduledPublication(database: database, pageCache: pageCache, now: clients.now) }

    static func open(
        _ configuration: AppConfiguration, clients: Clients, logger: Logger, contentPollInterval: Duration = .seconds(1)
    ) async throws -> AppServices {
        let database = try await DatabaseStack.open(
            configuration.database, logger: logger, poolSize: configuration.databasePoolSize,
            poolTimeout: .seconds(Int64(configuration.databasePoolTimeoutSeconds)))
        do {
            let tools = ToolReport.detect()
            for tool in tools.tools where !tool.found {
                logger.notice("optional tool not found; its feature degrades", metadata: ["tool": "\(tool.name)", "purpose": "\(tool.purpose)"])
            }
            let pageCache = PageCache(db: database.db, pollInterval: contentPollInterval)
            let sites = SiteDirectory(db: database.db, now: clients.now, contentVersion: { await pageCache.currentVersion() })
            return AppServices(
                configuration: configuration, clients: clients, database: database, renderer: try await PageRenderer.load(),
                sites: sites, pageCache: pageCache, unitTrees: UnitTreeCache(db: database.db, pageCache: pageCache),
                viewCounter: ViewCounter(db: database.db, sites: sites, now: clients.now),
                tools: tools, logger: logger)
        } catch {
            await database.shutdown()
            throw error
        }
    }
}
