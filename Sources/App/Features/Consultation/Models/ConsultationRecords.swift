import FluentKit
import Foundation
import LoaCore

/// A draft open for comments on a site for a period (issue #15).
final class ConsultationRecord: Model, @unchecked Sendable {
    static let schema = "consultations"

    @ID(key: .id) var id: UUID?
    @Field(key: "site_id") var siteID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @OptionalField(key: "document_id") var documentID: UUID?
    @Field(key: "title") var title: String
    /// ISO days: comments are taken from the start of `opensOn` to the end of `closesOn`, in Vietnam.
    @Field(key: "opens_on") var opensOn: String
    @Field(key: "closes_on") var closesOn: String
    /// How comments were taken into account, published at the close.
    @Field(key: "summary") var summary: String
    @OptionalField(key: "closed_at") var closedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var opens: CalendarDay { CalendarDay(iso: opensOn) ?? CalendarDay(createdAt) }
    var closes: CalendarDay { CalendarDay(iso: closesOn) ?? CalendarDay(createdAt) }
}

final class ConsultationSectionRecord: Model, @unchecked Sendable {
    static let schema = "consultation_sections"

    @ID(key: .id) var id: UUID?
    @Field(key: "consultation_id") var consultationID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "heading") var heading: String
    @Field(key: "text") var text: String

    init() {}
}

/// A comment on a part of the draft. The contact is for the drafting unit only, never shown.
final class ConsultationCommentRecord: Model, @unchecked Sendable {
    static let schema = "consultation_comments"

    @ID(key: .id) var id: UUID?
    @Field(key: "consultation_id") var consultationID: UUID
    @Field(key: "section_id") var sectionID: UUID
    @Field(key: "author_name") var authorName: String
    @Field(key: "contact") var contact: String
    @Field(key: "content") var content: String
    @Field(key: "moderation") var moderation: String
    @OptionalField(key: "decision") var decision: String?
    @Field(key: "reason") var reason: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var moderationState: CommentModeration { CommentModeration(rawValue: moderation) ?? .pending }
    var decisionValue: CommentDecision? { decision.flatMap(CommentDecision.init(rawValue:)) }
}
