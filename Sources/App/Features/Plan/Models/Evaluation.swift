import FluentKit
import Foundation
import LoaCore

/// A criterion of the evaluation set, e.g. "Tuyên truyền CCHC trên trang thông tin điện tử (1 điểm)".
final class EvaluationCriterion: Model, @unchecked Sendable {
    static let schema = "evaluation_criteria"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "title") var title: String
    @Field(key: "max_points") var maxPoints: Double
    @Field(key: "rule") var rule: String
    @Field(key: "position") var position: Int

    init() {}

    init(code: String, title: String, maxPoints: Double, rule: EvaluationRule, position: Int) {
        self.code = code
        self.title = title
        self.maxPoints = maxPoints
        self.rule = rule.rawValue
        self.position = position
    }

    var evaluationRule: EvaluationRule { EvaluationRule(rawValue: rule) ?? .manual }
}

/// An inspector's score of one unit on one criterion for one year; kept per year to compare over time.
final class EvaluationScore: Model, @unchecked Sendable {
    static let schema = "evaluation_scores"

    @ID(key: .id) var id: UUID?
    @Parent(key: "criterion_id") var criterion: EvaluationCriterion
    @Parent(key: "unit_id") var unit: Unit
    @Field(key: "year") var year: Int
    @Field(key: "points") var points: Double
    @Field(key: "comment") var comment: String
    @Field(key: "scored_by") var scoredBy: String
    @Field(key: "scored_at") var scoredAt: Date

    init() {}

    init(criterionID: UUID, unitID: UUID, year: Int, points: Double, comment: String, scoredBy: String, at date: Date) {
        self.$criterion.id = criterionID
        self.$unit.id = unitID
        self.year = year
        self.points = points
        self.comment = comment
        self.scoredBy = scoredBy
        self.scoredAt = date
    }
}

/// An inspection visit (kiểm tra) with its findings and the follow-up asked of the unit.
final class Inspection: Model, @unchecked Sendable {
    static let schema = "inspections"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: Unit
    @Field(key: "visited_on") var visitedOn: Date
    @Field(key: "inspector_name") var inspectorName: String
    @Field(key: "findings") var findings: String
    @Field(key: "follow_up") var followUp: String
    @OptionalField(key: "follow_up_due") var followUpDue: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(unitID: UUID, visitedOn: Date, inspectorName: String, findings: String, followUp: String, followUpDue: Date?) {
        self.$unit.id = unitID
        self.visitedOn = visitedOn
        self.inspectorName = inspectorName
        self.findings = findings
        self.followUp = followUp
        self.followUpDue = followUpDue
    }
}
