import FluentKit
import Foundation
import LoaCore

/// A unit's communication plan for a period, e.g. "Kế hoạch tuyên truyền cải cách hành chính năm 2020".
final class Plan: Model, @unchecked Sendable {
    static let schema = "plans"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: Unit
    @Field(key: "title") var title: String
    @Field(key: "year") var year: Int
    @Field(key: "period_start") var periodStart: Date
    @Field(key: "period_end") var periodEnd: Date
    /// The plan's own text's number/symbol, e.g. "125/KH-UBND".
    @Field(key: "document_reference") var documentReference: String
    /// The plan's text in the document library, once linked.
    @OptionalField(key: "document_id") var documentID: UUID?
    /// Shown on the site's public transparency page.
    @Field(key: "is_public") var isPublic: Bool
    /// The plan it was copied from (last year's, or the template a district pushed to its communes).
    @OptionalField(key: "copied_from") var copiedFrom: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) var deletedAt: Date?
    @Children(for: \.$plan) var items: [PlanItem]

    init() {}

    init(unitID: UUID, title: String, year: Int, periodStart: Date, periodEnd: Date, documentReference: String, isPublic: Bool) {
        self.$unit.id = unitID
        self.title = title
        self.year = year
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.documentReference = documentReference
        self.isPublic = isPublic
    }
}

/// One line of a plan: what, through which channel, who, by when, and how much.
final class PlanItem: Model, @unchecked Sendable {
    static let schema = "plan_items"

    @ID(key: .id) var id: UUID?
    @Parent(key: "plan_id") var plan: Plan
    @Field(key: "content") var content: String
    @Field(key: "description") var description: String
    @Field(key: "channel") var channel: String
    @Field(key: "indicator") var indicator: String
    @Field(key: "target") var target: Int
    @Parent(key: "responsible_unit_id") var responsibleUnit: Unit
    /// Names of the coordinating units, as the plan's text gives them.
    @Field(key: "coordinating") var coordinating: String
    @Field(key: "deadline") var deadline: Date
    @Field(key: "position") var position: Int
    @Timestamp(key: "deleted_at", on: .delete) var deletedAt: Date?

    init() {}

    init(
        planID: UUID, content: PlanContent, description: String, channel: PlanChannel, indicator: PlanIndicator, target: Int,
        responsibleUnitID: UUID, coordinating: String, deadline: Date, position: Int
    ) {
        self.$plan.id = planID
        self.content = content.rawValue
        self.description = description
        self.channel = channel.rawValue
        self.indicator = indicator.rawValue
        self.target = target
        self.$responsibleUnit.id = responsibleUnitID
        self.coordinating = coordinating
        self.deadline = deadline
        self.position = position
    }

    var contentKind: PlanContent { PlanContent(rawValue: content) ?? .other }
    var channelKind: PlanChannel { PlanChannel(rawValue: channel) ?? .other }
    var indicatorKind: PlanIndicator { PlanIndicator(rawValue: indicator) ?? .newsItems }
}
