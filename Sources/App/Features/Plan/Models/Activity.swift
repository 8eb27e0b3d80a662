import FluentKit
import Foundation
import LoaCore

/// A training, meeting, conference or in-person contest a unit organised.
final class Event: Model, @unchecked Sendable {
    static let schema = "events"

    enum Kind: String, CaseIterable, Sendable {
        case training, meeting, conference, contest

        var vietnameseName: String {
            switch self {
            case .training: "Lớp tập huấn, bồi dưỡng"
            case .meeting: "Cuộc họp"
            case .conference: "Hội nghị"
            case .contest: "Hội thi"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: Unit
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "place") var place: String
    @Field(key: "audience") var audience: String
    @Field(key: "planned_participants") var plannedParticipants: Int
    @Field(key: "actual_participants") var actualParticipants: Int
    @Field(key: "minutes") var minutes: String
    /// Listed in the public events calendar of the unit's site.
    @Field(key: "is_public") var isPublic: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) var deletedAt: Date?

    init() {}

    init(
        unitID: UUID, kind: Kind, title: String, startsAt: Date, place: String, audience: String, planned: Int, actual: Int, minutes: String = "",
        isPublic: Bool = true
    ) {
        self.$unit.id = unitID
        self.kind = kind.rawValue
        self.title = title
        self.startsAt = startsAt
        self.place = place
        self.audience = audience
        self.plannedParticipants = planned
        self.actualParticipants = actual
        self.minutes = minutes
        self.isPublic = isPublic
    }

    var eventKind: Kind { Kind(rawValue: kind) ?? .meeting }
}

/// A unit's own account of work on a channel Loa does not run (leaflets, panels, social media, radio
/// before the radio module), against one plan item; the inspector verifies or questions it.
final class ActivityReport: Model, @unchecked Sendable {
    static let schema = "activity_reports"

    @ID(key: .id) var id: UUID?
    @Parent(key: "plan_item_id") var item: PlanItem
    @Parent(key: "unit_id") var unit: Unit
    @Field(key: "quantity") var quantity: Int
    @Field(key: "occurred_on") var occurredOn: Date
    @Field(key: "description") var description: String
    @Field(key: "review") var review: String
    @Field(key: "review_comment") var reviewComment: String
    /// The unit's approver who confirmed the report.
    @OptionalField(key: "confirmed_by") var confirmedBy: UUID?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) var deletedAt: Date?

    init() {}

    init(itemID: UUID, unitID: UUID, quantity: Int, occurredOn: Date, description: String, createdBy: UUID?) {
        self.$item.id = itemID
        self.$unit.id = unitID
        self.quantity = quantity
        self.occurredOn = occurredOn
        self.description = description
        self.review = ReportReview.pending.rawValue
        self.reviewComment = ""
        self.createdBy = createdBy
    }

    var reviewState: ReportReview { ReportReview(rawValue: review) ?? .pending }
}

/// A file attached to an activity report; stored under a generated name, checked by content.
final class ReportAttachment: Model, @unchecked Sendable {
    static let schema = "report_attachments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "report_id") var report: ActivityReport
    @Field(key: "display_name") var displayName: String
    @Field(key: "stored_name") var storedName: String
    @Field(key: "media_type") var mediaType: String
    @Field(key: "size") var size: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(reportID: UUID, displayName: String, storedName: String, mediaType: String, size: Int) {
        self.$report.id = reportID
        self.displayName = displayName
        self.storedName = storedName
        self.mediaType = mediaType
        self.size = size
    }
}

/// A photo (media library) or a material (document library) of an event.
final class EventMaterial: Model, @unchecked Sendable {
    static let schema = "event_materials"

    @ID(key: .id) var id: UUID?
    @Parent(key: "event_id") var event: Event
    @OptionalParent(key: "media_id") var media: Media?
    @OptionalParent(key: "document_id") var document: Document?
    @Field(key: "position") var position: Int

    init() {}

    init(eventID: UUID, mediaID: UUID? = nil, documentID: UUID? = nil, position: Int) {
        self.$event.id = eventID
        self.$media.id = mediaID
        self.$document.id = documentID
        self.position = position
    }
}
