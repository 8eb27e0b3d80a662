import FluentKit
import Hummingbird
import LoaCore

/// Citizens' questions and feedback (issue #15): a public form with a tracking code, an inbox per unit
/// with the steps and working-day deadlines of NĐ 20/2008, answers approved by a leader and published
/// without the sender's details.
struct FeedbackFeature: Feature {
    var migrations: [any Migration] { [M049_CreateFeedback(), M050_CreateFeedbackSearch(), M052_AddFeedbackSubjects(), M053_CreateFeedbackAttachments()] }

    var evidenceSources: [any EvidenceSource] { [FeedbackEvidence()] }
    var searchSources: [any SearchSource] { [FeedbackSearch()] }

    var adminMenu: [AdminMenuEntry] {
        [AdminMenuEntry(label: "Hỏi đáp", page: .feedbackInbox, action: .readContent, order: 97)]
    }

    static func desk(_ services: AppServices) -> FeedbackDesk {
        FeedbackDesk(
            db: services.database.db, clients: services.clients, calendar: WorkingCalendar(holidays: services.configuration.holidays),
            pageCache: services.pageCache, mailsSenders: services.configuration.smtpURL != nil)
    }

    /// Citizens' e-mail is the only mail Loa sends so far; the job kind is the platform's (`MailJob`).
    func jobHandlers(_ services: AppServices) -> [String: JobHandler] {
        let job = MailJob(mailer: SMTPMailer(url: services.configuration.smtpURL, from: services.configuration.mailFrom))
        return [MailJob.kind: { try await job.run($0) }]
    }

    func registerPublicRoutes(_ routes: PublicRoutes, services: AppServices) {
        PublicFeedbackController(pages: services.publicController, desk: Self.desk(services)).register(routes)
    }

    func registerAdminRoutes(_ routes: AdminRoutes, services: AppServices) {
        AdminFeedbackController(
            database: services.database, renderer: services.renderer, clients: services.clients, unitTrees: services.unitTrees,
            desk: Self.desk(services), attachments: FeedbackDesk.attachmentFolder(services.configuration)
        ).register(on: routes.signedIn)
    }
}
