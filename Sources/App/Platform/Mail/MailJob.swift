import FluentKit
import Foundation

/// E-mail goes out as a queued job (issue #10's queue): the step that causes it commits the job in its
/// own transaction, and a slow or absent SMTP server delays the e-mail, never the page. A failed send
/// is retried with backoff and then kept as failed with the server's reply on the jobs page.
struct MailJob: Sendable {
    static let kind = "mail.send"
    let mailer: SMTPMailer?

    /// Queues `message` inside the caller's transaction; `dedupeKey` keeps a retried step from mailing twice.
    static func enqueue(_ message: MailMessage, dedupeKey: String, now: Date, on db: any Database) async throws {
        _ = try await JobQueue.enqueue(kind, payload: message, dedupeKey: dedupeKey, runAt: now, now: now, on: db)
    }

    func run(_ context: JobContext) async throws {
        guard let mailer else { throw SMTPMailer.Failure(description: "LOA_SMTP_URL is not set: e-mail cannot be sent") }
        try await mailer.send(try context.payload(MailMessage.self))
    }
}
