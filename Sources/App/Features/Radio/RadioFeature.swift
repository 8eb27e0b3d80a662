import FluentKit
import Hummingbird
import Logging
import ServiceLifecycle

/// The commune radio (issue #11): stations of units with their loudspeaker clusters and heartbeats,
/// bulletins with their audio and approval, and the as-run log counted as the plan's broadcasts.
struct RadioFeature: Feature {
    var migrations: [any Migration] { [M040_CreateRadio(), M045_CreateArticleAudio(), M046_AddBulletinRecordings()] }

    var adminMenu: [AdminMenuEntry] {
        [AdminMenuEntry(label: "Truyền thanh", page: .radioStations, action: .readContent, order: 95)]
    }

    var evidenceSources: [any EvidenceSource] { [RadioEvidence()] }

    func registerPublicRoutes(_ routes: PublicRoutes, services: AppServices) {
        ClusterHeartbeatController(database: services.database, clients: services.clients).register(on: routes.router)
        PublicRadioController(
            pages: services.publicController, audioDirectory: BulletinRenderer.directory(uploads: services.configuration.uploadsDirectory)
        ).register(on: routes.router, sites: services.sites)
    }

    func registerAdminRoutes(_ routes: AdminRoutes, services: AppServices) {
        AdminRadioStationsController(database: services.database, renderer: services.renderer, clients: services.clients)
            .register(on: routes.signedIn)
        AdminRadioSlotsController(database: services.database, renderer: services.renderer, clients: services.clients)
            .register(on: routes.signedIn)
        AdminRadioReportController(database: services.database, renderer: services.renderer, clients: services.clients)
            .register(on: routes.signedIn)
        AdminRadioBulletinsController(
            database: services.database, renderer: services.renderer, clients: services.clients,
            bulletinRenderer: Self.bulletinRenderer(services)
        ).register(on: routes.signedIn)
    }

    /// Bulletin audio is rendered by queued jobs, on whichever instance claims them (issue #10).
    func jobHandlers(_ services: AppServices) -> [String: JobHandler] {
        let job = BulletinRenderJob(renderer: Self.bulletinRenderer(services))
        let articleAudio = Self.articleAudio(services)
        return [BulletinRenderJob.kind: { try await job.run($0) }, ArticleAudioJob.kind: { try await articleAudio.run($0) }]
    }

    /// Finds published articles to read aloud, on one instance; the renders are jobs any instance runs.
    func singletonTasks(_ services: AppServices, options: BuildOptions, logger: Logger) -> [SingletonTask] {
        guard services.configuration.articleAudio else { return [] }
        let articleAudio = Self.articleAudio(services)
        return [SingletonTask(name: ArticleAudioJob.sweepName, interval: max(60, options.scheduleSeconds)) { try await articleAudio.sweep() }]
    }

    static func articleAudio(_ services: AppServices) -> ArticleAudioJob {
        ArticleAudioJob(renderer: bulletinRenderer(services), clients: services.clients, pageCache: services.pageCache)
    }

    func backgroundServices(_ services: AppServices, options: BuildOptions, logger: Logger) -> [any Service] {
        let lease = Lease(name: RadioPlayoutService.leaseName, holder: services.instanceID, ttl: 10, now: services.clients.now)
        // Five decisions per scheduling tick (2 s by default): an emergency reaches the mounts well within 5 s.
        return [
            RadioPlayoutService(
                engine: Self.playoutEngine(services, logger: logger), lease: lease, interval: options.scheduleInterval / 5, logger: logger)
        ]
    }

    /// The playout, streaming when `LOA_ICECAST_URL` is set and ffmpeg was found.
    static func playoutEngine(_ services: AppServices, logger: Logger) -> RadioPlayoutEngine {
        let streamer: IcecastStreamer? = services.configuration.icecastURL.flatMap { url in
            services.tools.path(of: "ffmpeg").map { IcecastStreamer(ffmpeg: $0, server: url, logger: logger) }
        }
        return RadioPlayoutEngine(
            db: services.database.db, clients: services.clients,
            audioDirectory: BulletinRenderer.directory(uploads: services.configuration.uploadsDirectory), streamer: streamer)
    }

    /// espeak-ng, ffmpeg and ffprobe as found at start (`ToolReport`), writing under the uploads folder.
    static func bulletinRenderer(_ services: AppServices) -> BulletinRenderer {
        BulletinRenderer(
            db: services.database.db, synthesizer: EspeakSynthesizer(tool: ExternalTool(executable: services.tools.path(of: "espeak-ng"))),
            audio: RadioAudio.make(ffmpeg: services.tools.path(of: "ffmpeg"), ffprobe: services.tools.path(of: "ffprobe")),
            directory: BulletinRenderer.directory(uploads: services.configuration.uploadsDirectory))
    }
}
