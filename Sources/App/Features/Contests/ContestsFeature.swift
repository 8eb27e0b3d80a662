import FluentKit
import Hummingbird
import Logging

/// Online contests on administrative reform (issue #12): contests of units with rounds and a question
/// bank, participants who register and sign in with their phone number, server-timed attempts with
/// answers saved as chosen, rankings and prizes computed by LoaCore when a round closes, and the number
/// of participants counted for the plan.
struct ContestsFeature: Feature {
    var migrations: [any Migration] { [M041_CreateContests(), M048_AddCollectivePrizes()] }

    var adminMenu: [AdminMenuEntry] {
        [AdminMenuEntry(label: "Cuộc thi", page: .contests, action: .readContent, order: 96)]
    }

    var evidenceSources: [any EvidenceSource] { [ContestEvidence()] }

    func registerPublicRoutes(_ routes: PublicRoutes, services: AppServices) {
        PublicContestController(
            pages: services.publicController, hasher: PasswordHasher(cost: services.configuration.bcryptCost),
            catalog: ContestCatalog(db: services.database.db, pageCache: services.pageCache), unitTrees: services.unitTrees
        ).register(routes)
    }

    func registerAdminRoutes(_ routes: AdminRoutes, services: AppServices) {
        AdminContestsController(
            database: services.database, renderer: services.renderer, clients: services.clients,
            hasher: PasswordHasher(cost: services.configuration.bcryptCost), sites: services.sites, pageCache: services.pageCache
        ).register(on: routes.signedIn)
    }

    /// Overdue attempts (deadline and grace passed, never submitted) are closed from their saved
    /// answers by one instance: the holder of the singleton lease (issue #10).
    func singletonTasks(_ services: AppServices, options: BuildOptions, logger: Logger) -> [SingletonTask] {
        let attempts = ContestAttempts(db: services.database.db, now: services.clients.now)
        return [
            // Every scheduling interval (10 s by default), like scheduled publication; tests choose when.
            SingletonTask(name: "contests.close-overdue", interval: options.scheduleSeconds) {
                let closed = try await attempts.closeOverdue()
                if closed > 0 { logger.info("closed overdue contest attempts", metadata: ["count": "\(closed)"]) }
            }
        ]
    }
}
