import FluentKit
import Foundation
import LoaCore

/// A citizen's question or feedback (issue #15). The sender's contact details are read only in the
/// back office and to match a tracking request; no public page shows them.
final class FeedbackItemRecord: Model, @unchecked Sendable {
    static let schema = "feedback_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "site_id") var siteID: UUID
    /// The unit handling it now: the site's unit at first, the competent one after a forward.
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "year") var year: Int
    @Field(key: "number") var number: Int
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "content") var content: String
    @OptionalField(key: "original_title") var originalTitle: String?
    @OptionalField(key: "original_content") var originalContent: String?
    @Field(key: "sender_name") var senderName: String
    @OptionalField(key: "sender_phone") var senderPhone: String?
    @OptionalField(key: "sender_email") var senderEmail: String?
    @Field(key: "sender_address") var senderAddress: String
    @Field(key: "consented_at") var consentedAt: Date
    @Field(key: "state") var state: String
    @Field(key: "refusal_reason") var refusalReason: String
    @Field(key: "received_at") var receivedAt: Date
    /// ISO days (`yyyy-MM-dd`), from `FeedbackDeadlines` at receipt.
    @Field(key: "decide_by") var decideBy: String
    @Field(key: "answer_by") var answerBy: String
    @Field(key: "answer_draft") var answerDraft: String
    /// The approved answer, shown to the sender and, when published, to everyone.
    @Field(key: "answer") var answer: String
    @OptionalField(key: "answered_at") var answeredAt: Date?
    /// The approving leader's unit-facing signature ("Phòng Nội vụ"), never a personal account.
    @Field(key: "answered_by") var answeredBy: String
    @Field(key: "topic") var topic: String
    @Field(key: "published") var published: Bool
    @Field(key: "version") var version: Int
    /// What it is about: "procedure" (`subjectRef` a code), "document" (a slug) or "" (nothing named).
    @Field(key: "subject_kind") var subjectKind: String
    @Field(key: "subject_ref") var subjectRef: String
    @Field(key: "subject_title") var subjectTitle: String

    init() {}

    /// A newly received item: in its first state, with its deadlines counted from the day it came in.
    /// The sender's text is stored as given; callers clean it first.
    init(
        siteID: UUID, unitID: UUID, code: TrackingCode, kind: FeedbackKind, title: String, content: String,
        sender: (name: String, phone: String?, email: String?, address: String), received: Date, deadlines: FeedbackDeadlines,
        subject: FeedbackSubject? = nil
    ) {
        self.siteID = siteID
        self.unitID = unitID
        year = code.year
        number = code.number
        self.kind = kind.rawValue
        self.title = title
        self.content = content
        senderName = sender.name
        senderPhone = sender.phone
        senderEmail = sender.email
        senderAddress = sender.address
        consentedAt = received
        state = FeedbackState.received.rawValue
        refusalReason = ""
        receivedAt = received
        decideBy = deadlines.decideBy.iso
        answerBy = deadlines.answerBy.iso
        answerDraft = ""
        answer = ""
        answeredBy = ""
        topic = kind.vietnameseName
        published = false
        version = 1
        subjectKind = subject?.kind.rawValue ?? ""
        subjectRef = subject?.ref ?? ""
        subjectTitle = subject?.title ?? ""
    }

    var code: TrackingCode { TrackingCode(year: year, number: number) }
    var workflowState: FeedbackState { FeedbackState(rawValue: state) ?? .received }
    var feedbackKind: FeedbackKind { FeedbackKind(rawValue: kind) ?? .other }

    var deadlines: FeedbackDeadlines? {
        guard let decide = CalendarDay(iso: decideBy), let answer = CalendarDay(iso: answerBy) else { return nil }
        return FeedbackDeadlines(decideBy: decide, answerBy: answer)
    }
}

/// One step taken on an item, who took it and why: the item's history in the back office.
final class FeedbackEventRecord: Model, @unchecked Sendable {
    static let schema = "feedback_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "step") var step: String
    @Field(key: "from_state") var fromState: String
    @Field(key: "to_state") var toState: String
    @Field(key: "note") var note: String

    init() {}
}

/// A file the sender attached, checked by its content when it came in; read in the back office only.
final class FeedbackAttachmentRecord: Model, @unchecked Sendable {
    static let schema = "feedback_attachments"

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    /// The name the sender's browser gave, for display; the file on disk is `storedName`.
    @Field(key: "display_name") var displayName: String
    @Field(key: "stored_name") var storedName: String
    @Field(key: "media_type") var mediaType: String
    @Field(key: "size") var size: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(itemID: UUID, displayName: String, storedName: String, mediaType: String, size: Int, createdAt: Date) {
        self.itemID = itemID
        self.displayName = displayName
        self.storedName = storedName
        self.mediaType = mediaType
        self.size = size
        self.createdAt = createdAt
    }
}
