import FluentKit
import Foundation
import LoaCore
import SQLKit

/// Public consultation on drafts (issue #15): opening one, people's comments, their moderation and
/// decisions, and the close that publishes the summary.
struct ConsultationDesk: Sendable {
    let db: any Database
    let clients: Clients
    let minimumDays: Int

    var today: CalendarDay { CalendarDay(clients.now()) }

    /// What opening one needs.
    struct Draft: Sendable {
        var siteID: UUID
        var unitID: UUID
        var documentID: UUID?
        var title: String
        var opensOn: String
        var closesOn: String
        var text: String
    }

    /// Opens a consultation with the draft split into its parts; every problem at once otherwise.
    func open(_ draft: Draft, by actor: Identity, ip: String) async throws -> Result<ConsultationRecord, ConsultationProblems> {
        var problems = [
            FieldCheck.text(draft.title, field: "title", label: "Tên dự thảo", required: true, max: 300),
            FieldCheck.text(draft.text, field: "text", label: "Nội dung dự thảo", required: true, max: 200_000),
        ].compactMap { $0 }
        let opens = CalendarDay(iso: draft.opensOn)
        let closes = CalendarDay(iso: draft.closesOn)
        if opens == nil { problems.append(FieldProblem(field: "opens", message: "Ngày bắt đầu không hợp lệ.")) }
        if closes == nil { problems.append(FieldProblem(field: "closes", message: "Ngày kết thúc không hợp lệ.")) }
        if let opens, let closes, let problem = ConsultationRules.periodProblem(opens: opens, closes: closes, today: today, minimumDays: minimumDays) {
            problems.append(FieldProblem(field: "closes", message: problem))
        }
        let sections = DraftSection.split(draft.text)
        if problems.isEmpty, sections.isEmpty { problems.append(FieldProblem(field: "text", message: "Dự thảo không có nội dung.")) }
        if problems.isEmpty, sections.count > 500 { problems.append(FieldProblem(field: "text", message: "Dự thảo chia được quá 500 phần.")) }
        guard problems.isEmpty, let opens, let closes else { return .failure(ConsultationProblems(problems: problems)) }
        let consultation = ConsultationRecord()
        consultation.siteID = draft.siteID
        consultation.unitID = draft.unitID
        consultation.documentID = draft.documentID
        consultation.title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        consultation.opensOn = opens.iso
        consultation.closesOn = closes.iso
        consultation.summary = ""
        consultation.createdAt = clients.now()
        try await db.writeTransaction { db in
            try await consultation.create(on: db)
            for (index, part) in sections.enumerated() {
                let section = ConsultationSectionRecord()
                section.consultationID = try consultation.requireID()
                section.position = index
                section.heading = part.heading
                section.text = part.text
                try await section.create(on: db)
            }
            try await AuditLog(db: db, clients: clients).record(
                .consultationOpened, actor: actor.actor, subject: consultation.title, ip: ip, detail: "\(opens.iso) – \(closes.iso)")
        }
        return .success(consultation)
    }

    func sections(of consultation: ConsultationRecord) async throws -> [ConsultationSectionRecord] {
        try await ConsultationSectionRecord.query(on: db).filter(\.$consultationID == consultation.requireID()).sort(\.$position).all()
    }

    func comments(of consultation: ConsultationRecord, approvedOnly: Bool) async throws -> [ConsultationCommentRecord] {
        var query = try ConsultationCommentRecord.query(on: db).filter(\.$consultationID == consultation.requireID())
        if approvedOnly { query = query.filter(\.$moderation == CommentModeration.approved.rawValue) }
        return try await query.sort(\.$createdAt).limit(5000).all()
    }

    /// A person's comment on one part, waiting for moderation. Refused outside the period.
    func comment(on consultation: ConsultationRecord, sectionID: UUID?, name: String, contact: String, content: String) async throws -> [FieldProblem] {
        guard ConsultationRules.isOpen(opens: consultation.opens, closes: consultation.closes, today: today), consultation.closedAt == nil else {
            return [
                FieldProblem(
                    field: "", message: "Dự thảo này không còn nhận góp ý (từ \(consultation.opens.vietnamese) đến \(consultation.closes.vietnamese)).")
            ]
        }
        var problems = [
            FieldCheck.text(name, field: "name", label: "Họ và tên", required: true, max: 100),
            FieldCheck.text(contact, field: "contact", label: "Số điện thoại hoặc email", required: false, max: 254),
            FieldCheck.text(content, field: "content", label: "Nội dung góp ý", required: true, max: 5000),
        ].compactMap { $0 }
        var section: ConsultationSectionRecord?
        if let sectionID {
            section = try await ConsultationSectionRecord.query(on: db).filter(\.$id == sectionID).filter(\.$consultationID == consultation.requireID())
                .first()
        }
        if section == nil { problems.append(FieldProblem(field: "section", message: "Vui lòng chọn phần của dự thảo bạn góp ý.")) }
        guard problems.isEmpty, let section else { return problems }
        let comment = ConsultationCommentRecord()
        comment.consultationID = try consultation.requireID()
        comment.sectionID = try section.requireID()
        comment.authorName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        comment.contact = contact.trimmingCharacters(in: .whitespacesAndNewlines)
        comment.content = content.trimmingCharacters(in: .whitespacesAndNewlines)
        comment.moderation = CommentModeration.pending.rawValue
        comment.reason = ""
        comment.createdAt = clients.now()
        try await comment.create(on: db)
        return []
    }

    /// Moderates a comment, or records how it was taken into account; nothing changes once closed.
    func review(
        _ comment: ConsultationCommentRecord, of consultation: ConsultationRecord, moderation: CommentModeration?, decision: CommentDecision?, reason: String,
        by actor: Identity, ip: String
    )
        async throws -> String?
    {
        guard consultation.closedAt == nil else { return "Đợt lấy ý kiến đã kết thúc; không thể thay đổi góp ý." }
        if let moderation { comment.moderation = moderation.rawValue }
        if let decision {
            guard comment.moderationState == .approved else { return "Chỉ góp ý đã duyệt hiển thị mới cần quyết định tiếp thu." }
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            if decision.needsReason, reason.isEmpty { return "Vui lòng ghi lý do khi không tiếp thu hoặc chỉ tiếp thu một phần." }
            comment.decision = decision.rawValue
            comment.reason = String(reason.prefix(2000))
        }
        // Who let a comment be shown, hid it, or decided how it was taken into account, is on record.
        let detail = [moderation.map { "moderation=\($0.rawValue)" }, decision.map { "decision=\($0.rawValue)" }].compactMap { $0 }
        try await db.writeTransaction { [clients] db in
            try await comment.save(on: db)
            try await AuditLog(db: db, clients: clients).record(
                .consultationCommentReviewed, actor: actor.actor, subject: consultation.title, ip: ip,
                detail: (detail + ["comment=\(comment.id?.uuidString ?? "")"]).joined(separator: " "))
        }
        return nil
    }

    /// Closes and publishes the summary when every rule of `ConsultationRules.closeProblem` holds.
    func close(_ consultation: ConsultationRecord, summary: String, by actor: Identity, ip: String) async throws -> String? {
        guard consultation.closedAt == nil else { return "Đợt lấy ý kiến này đã kết thúc." }
        let comments = try await comments(of: consultation, approvedOnly: false).map {
            ConsultationRules.Comment(moderation: $0.moderationState, decision: $0.decisionValue, reason: $0.reason)
        }
        if let problem = ConsultationRules.closeProblem(closes: consultation.closes, today: today, comments: comments, summary: summary) { return problem }
        consultation.summary = String(summary.trimmingCharacters(in: .whitespacesAndNewlines).prefix(50_000))
        consultation.closedAt = clients.now()
        try await db.writeTransaction { [clients] db in
            try await consultation.save(on: db)
            try await AuditLog(db: db, clients: clients).record(.consultationClosed, actor: actor.actor, subject: consultation.title, ip: ip)
        }
        return nil
    }
}

struct ConsultationProblems: Error, Sendable {
    var problems: [FieldProblem]
}
