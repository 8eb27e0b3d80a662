import FluentKit
import Foundation
import LoaCore
import SQLKit

/// Citizens' questions and feedback (issue #15): receiving them with a tracking code, following one
/// with its code and the sender's contact, the steps the back office takes, and the published answers.
struct FeedbackDesk: Sendable {
    let db: any Database
    let clients: Clients
    let calendar: WorkingCalendar
    /// A published answer is on the site's pages: publishing bumps the content version in its transaction.
    let pageCache: PageCache
    /// Whether an SMTP server is configured: senders who gave an e-mail address get their code, a
    /// refusal's reason and the answer by e-mail.
    let mailsSenders: Bool

    /// Why a step was refused, in Vietnamese, and whether the page was stale.
    struct Refusal: Error, Sendable {
        var message: String
        var stale = false
    }

    // MARK: Receiving

    /// Stores a checked submission and returns its code. The number is taken from the year's counter
    /// in the same transaction, so two senders at the same moment never share a code, on either engine.
    func receive(
        siteID: UUID, unitID: UUID, _ submission: FeedbackSubmission, checked: FeedbackSubmission.Checked, subject: FeedbackSubject? = nil,
        siteName: String = "", trackURL: String = "", attachments: [CheckedAttachment] = [], folder: UploadFolder? = nil
    ) async throws -> TrackingCode {
        let now = clients.now()
        let day = CalendarDay(now)
        let deadlines = FeedbackDeadlines(received: day, calendar: calendar)
        // Files first, then the rows in one transaction; if anything fails the written files go again.
        var written: [(CheckedAttachment, String)] = []
        do {
            if let folder {
                for attachment in attachments { written.append((attachment, try folder.write(attachment.data, extension: attachment.fileExtension).name)) }
            }
            return try await store(
                siteID: siteID, unitID: unitID, submission, checked: checked, subject: subject, siteName: siteName, trackURL: trackURL,
                files: written, now: now, deadlines: deadlines)
        } catch {
            for (_, name) in written { folder?.remove(name) }
            throw error
        }
    }

    /// The folder of citizens' attachments under the data folder.
    static func attachmentFolder(_ configuration: AppConfiguration) -> UploadFolder { UploadFolder(configuration: configuration, name: "feedback") }

    private func store(
        siteID: UUID, unitID: UUID, _ submission: FeedbackSubmission, checked: FeedbackSubmission.Checked, subject: FeedbackSubject?,
        siteName: String, trackURL: String, files: [(CheckedAttachment, String)], now: Date, deadlines: FeedbackDeadlines
    ) async throws -> TrackingCode {
        let day = CalendarDay(now)
        return try await db.writeTransaction { [self] db in
            let row = try await db.sql.raw(
                """
                INSERT INTO feedback_counters (year, last) VALUES (\(bind: day.year), 1)
                ON CONFLICT (year) DO UPDATE SET last = feedback_counters.last + 1
                RETURNING last
                """
            ).first()
            let number = try row?.decode(column: "last", as: Int.self) ?? 1
            let item = FeedbackItemRecord(
                siteID: siteID, unitID: unitID, code: TrackingCode(year: day.year, number: number), kind: checked.kind,
                title: Self.clean(submission.title), content: Self.clean(submission.content),
                sender: (Self.clean(submission.name), checked.phone, checked.email, Self.clean(submission.address)), received: now,
                deadlines: deadlines, subject: subject)
            try await item.create(on: db)
            for (file, storedName) in files {
                try await FeedbackAttachmentRecord(
                    itemID: item.requireID(), displayName: file.displayName, storedName: storedName, mediaType: file.mediaType, size: file.data.count,
                    createdAt: now
                ).create(on: db)
            }
            try await event(item, step: "receive", from: .received, to: .received, actor: nil, note: "", on: db)
            if mailsSenders, let email = checked.email {
                let body = """
                    Kính gửi \(item.senderName),

                    \(siteName.isEmpty ? "Cơ quan" : siteName) đã tiếp nhận câu hỏi, phản ánh của bạn: "\(item.title)".
                    Mã số: \(item.code)
                    Hạn trả lời: \(deadlines.answerBy.vietnamese)

                    Bạn có thể tra cứu kết quả bằng mã số này cùng địa chỉ email của bạn\(trackURL.isEmpty ? "." : " tại \(trackURL)").
                    """
                try await MailJob.enqueue(
                    MailMessage(to: email, subject: "Đã tiếp nhận câu hỏi, phản ánh \(item.code)", body: body), dedupeKey: "mail:\(item.code):receive",
                    now: now, on: db)
            }
            return item.code
        }
    }

    private static func clean(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The item with `code` when `contact` is its sender's phone or e-mail; nil otherwise, without
    /// saying which of the two did not match.
    func track(code: TrackingCode, contact: String) async throws -> FeedbackItemRecord? {
        guard
            let item = try await FeedbackItemRecord.query(on: db).filter(\.$year == code.year).filter(\.$number == code.number).first()
        else { return nil }
        let typed = contact.trimmingCharacters(in: .whitespacesAndNewlines)
        if let phone = item.senderPhone, let canonical = try? VietnamesePhoneNumber(typed).canonical, canonical == phone { return item }
        if let email = item.senderEmail, !typed.isEmpty, typed.lowercased() == email { return item }
        return nil
    }

    // MARK: The back office's steps

    static let staleStep = Refusal(message: "Câu hỏi này vừa được người khác xử lý. Trang đã hiện trạng thái mới nhất; vui lòng xem lại.", stale: true)

    /// What a step carries besides itself.
    struct StepInput: Sendable {
        var note = ""
        var forwardTo: UUID?
        var answer = ""
        var topic = ""
        var publish = false
    }

    /// Takes `step` on the item as it was at `version` (the page the clerk saw): refused when someone
    /// changed it since, when the step is not open from its state, or when what it needs is missing.
    /// The state change, its history line and the audit entry commit together.
    @discardableResult
    func take(
        _ step: FeedbackStep, on item: FeedbackItemRecord, version: Int, input: StepInput, actor: Identity, ip: String,
        unitName: (UUID) -> String?
    ) async throws -> FeedbackState {
        let from = item.workflowState
        guard version == item.version else { throw Self.staleStep }
        guard let to = FeedbackWorkflow.next(from: from, by: step) else {
            throw Refusal(message: "Không thể “\(step.vietnameseName)” khi câu hỏi đang ở trạng thái “\(from.vietnameseName)”.")
        }
        let note = Self.clean(input.note)
        var changes: [(String, SQLBind)] = [("state", SQLBind(to.rawValue))]
        switch step {
        case .refuse:
            guard !note.isEmpty else { throw Refusal(message: "Vui lòng ghi lý do không thụ lý; người gửi sẽ đọc lý do này.") }
            changes.append(("refusal_reason", SQLBind(String(note.prefix(2000)))))
        case .forward:
            guard let target = input.forwardTo, target != item.unitID, unitName(target) != nil else {
                throw Refusal(message: "Vui lòng chọn đơn vị có thẩm quyền khác với đơn vị đang xử lý.")
            }
            changes.append(("unit_id", SQLBind(target)))
        case .submitAnswer:
            let answer = Self.clean(input.answer)
            guard !answer.isEmpty else { throw Refusal(message: "Vui lòng viết nội dung trả lời trước khi gửi duyệt.") }
            guard answer.count <= 10_000 else { throw Refusal(message: "Nội dung trả lời dài quá 10.000 ký tự.") }
            changes.append(("answer_draft", SQLBind(answer)))
        case .approveAnswer:
            let topic = String(Self.clean(input.topic).prefix(200))
            changes += [
                ("answer", SQLBind(item.answerDraft)), ("answered_at", SQLBind(clients.now())),
                ("answered_by", SQLBind(unitName(item.unitID) ?? "")), ("published", SQLBind(input.publish)),
                ("topic", SQLBind(topic.isEmpty ? item.topic : topic)),
            ]
        case .returnAnswer:
            guard !note.isEmpty else { throw Refusal(message: "Vui lòng ghi điều cần sửa trong dự thảo trả lời.") }
        case .accept, .startHandling, .close:
            break
        }
        let detail = step == .forward ? "→ \(input.forwardTo.flatMap(unitName) ?? "")" + (note.isEmpty ? "" : ": \(note)") : note
        let itemID = try item.requireID()
        let publishes = step == .approveAnswer && input.publish
        let columns = changes
        let message = mailsSenders ? item.senderEmail.flatMap { mail(after: step, on: item, note: note, unitName: unitName, to: $0) } : nil
        try await db.writeTransaction { db in
            var update = db.sql.update("feedback_items")
            for (column, value) in columns { update = update.set(SQLIdentifier(column), to: value) }
            let updated = try await update.set(SQLIdentifier("version"), to: SQLBind(version + 1))
                .where("id", .equal, SQLBind(itemID)).where("version", .equal, SQLBind(version)).returning("id").all()
            guard !updated.isEmpty else { throw Self.staleStep }
            try await event(item, step: step.rawValue, from: from, to: to, actor: actor, note: String(detail.prefix(2000)), on: db)
            try await AuditLog(db: db, clients: clients).record(
                .feedbackStep, actor: actor.actor, subject: item.code.description, ip: ip, detail: "\(step.vietnameseName): \(to.vietnameseName)")
            if publishes {
                guard let published = try await FeedbackItemRecord.find(itemID, on: db) else { return }
                try await FeedbackSearch.update(published, on: db)
                try await PageCache.bump(on: db, site: item.siteID)
            }
            if let message {
                try await MailJob.enqueue(message, dedupeKey: "mail:\(item.code):\(step.rawValue):\(version)", now: clients.now(), on: db)
            }
        }
        if publishes { pageCache.invalidateLocally(site: item.siteID) }
        return to
    }

    /// What the sender is told by e-mail after `step`: a refusal and its reason, or the approved answer.
    private func mail(after step: FeedbackStep, on item: FeedbackItemRecord, note: String, unitName: (UUID) -> String?, to email: String)
        -> MailMessage?
    {
        switch step {
        case .refuse:
            return MailMessage(
                to: email, subject: "Câu hỏi, phản ánh \(item.code) không được thụ lý",
                body: "Kính gửi \(item.senderName),\n\nCâu hỏi, phản ánh \"\(item.title)\" (\(item.code)) không được thụ lý.\nLý do: \(note)\n")
        case .approveAnswer:
            return MailMessage(
                to: email, subject: "Trả lời câu hỏi, phản ánh \(item.code)",
                body: "Kính gửi \(item.senderName),\n\n\(unitName(item.unitID) ?? "Cơ quan") trả lời câu hỏi, phản ánh \"\(item.title)\" (\(item.code)):\n\n"
                    + item.answerDraft + "\n")
        default:
            return nil
        }
    }

    /// A moderator's correction of the title or content (typos, personal details the sender put in
    /// the text): the sender's original wording is kept the first time and never overwritten.
    func edit(_ item: FeedbackItemRecord, version: Int, title: String, content: String, actor: Identity, ip: String) async throws {
        let title = Self.clean(title)
        let content = Self.clean(content)
        if let problem = FieldCheck.text(title, field: "title", label: "Tiêu đề", required: true, max: FeedbackSubmission.titleMax)
            ?? FieldCheck.text(content, field: "content", label: "Nội dung", required: true, max: FeedbackSubmission.contentMax)
        {
            throw Refusal(message: problem.message)
        }
        let itemID = try item.requireID()
        try await db.writeTransaction { db in
            let updated = try await db.sql.update("feedback_items")
                .set("title", to: SQLBind(title)).set("content", to: SQLBind(content))
                .set("original_title", to: SQLBind(item.originalTitle ?? item.title))
                .set("original_content", to: SQLBind(item.originalContent ?? item.content))
                .set("version", to: SQLBind(version + 1))
                .where("id", .equal, SQLBind(itemID)).where("version", .equal, SQLBind(version)).returning("id").all()
            guard !updated.isEmpty else {
                throw Refusal(message: "Câu hỏi này vừa được người khác sửa. Trang đã hiện nội dung mới nhất; vui lòng sửa lại.", stale: true)
            }
            try await event(item, step: "edit", from: item.workflowState, to: item.workflowState, actor: actor, note: "Biên tập nội dung", on: db)
            try await AuditLog(db: db, clients: clients).record(.feedbackEdited, actor: actor.actor, subject: item.code.description, ip: ip)
            if item.published, let edited = try await FeedbackItemRecord.find(itemID, on: db) {
                try await FeedbackSearch.update(edited, on: db)
                try await PageCache.bump(on: db, site: item.siteID)
            }
        }
        if item.published { pageCache.invalidateLocally(site: item.siteID) }
    }

    private func event(
        _ item: FeedbackItemRecord, step: String, from: FeedbackState, to: FeedbackState, actor: Identity?, note: String, on db: any Database
    ) async throws {
        let event = FeedbackEventRecord()
        event.itemID = try item.requireID()
        event.at = clients.now()
        event.actorID = actor?.userID
        event.actorName = actor?.name ?? "Người gửi"
        event.step = step
        event.fromState = from.rawValue
        event.toState = to.rawValue
        event.note = note
        try await event.create(on: db)
    }

    // MARK: Published answers

    /// The published answers of a site, newest first; at most `limit`.
    func published(siteID: UUID, limit: Int = 200) async throws -> [FeedbackItemRecord] {
        try await FeedbackItemRecord.query(on: db).filter(\.$siteID == siteID).filter(\.$published == true)
            .sort(\.$answeredAt, .descending).limit(limit).all()
    }

    func published(siteID: UUID, code: TrackingCode) async throws -> FeedbackItemRecord? {
        try await FeedbackItemRecord.query(on: db).filter(\.$siteID == siteID).filter(\.$published == true)
            .filter(\.$year == code.year).filter(\.$number == code.number).first()
    }
}
