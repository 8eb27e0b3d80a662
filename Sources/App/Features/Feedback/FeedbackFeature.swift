import FluentKit
import Hummingbird
import LoaCore

/// Citizens' questions and feedback (issue #15): a public form with a tracking code, an inbox per unit
/// with the steps and working-day deadlines of NĐ 20/2008, answers approved by a leader and published
/// without the sender's details.
struct FeedbackFeature: Feature {
    var migrations: [any Migration] { [M049_CreateFeedback()] }

    var evidenceSources: [any EvidenceSource] { [FeedbackEvidence()] }

    var adminMenu: [AdminMenuEntry] {
        [AdminMenuEntry(label: "Hỏi đáp", page: .feedbackInbox, action: .readContent, order: 97)]
    }

    static func desk(_ services: AppServices) -> FeedbackDesk {
        FeedbackDesk(
            db: services.database.db, clients: services.clients, calendar: WorkingCalendar(holidays: services.configuration.holidays),
            pageCache: services.pageCache)
    }

    func registerPublicRoutes(_ routes: PublicRoutes, services: AppServices) {
        PublicFeedbackController(pages: services.publicController, desk: Self.desk(services)).register(routes)
    }

    func registerAdminRoutes(_ routes: AdminRoutes, services: AppServices) {
        AdminFeedbackController(
            database: services.database, renderer: services.renderer, clients: services.clients, unitTrees: services.unitTrees,
            desk: Self.desk(services)
        ).register(on: routes.signedIn)
    }
}
