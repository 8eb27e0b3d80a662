import Foundation
import LoaCore
import Testing

@Suite struct PlanRulesTests {
    static let start = Date(timeIntervalSince1970: 1_577_811_600)  // 01/01/2020 00:00 in Vietnam
    static let deadline = start.addingTimeInterval(100 * 86_400)

    struct Case: Sendable, CustomTestStringConvertible {
        var target, achieved: Int
        var daysIn: Double
        var expected: PlanProgress.Status
        var testDescription: String { "\(achieved)/\(target) after \(daysIn) days → \(expected)" }
    }

    @Test(arguments: [
        Case(target: 10, achieved: 10, daysIn: 1, expected: .met),
        Case(target: 10, achieved: 12, daysIn: 200, expected: .met),
        Case(target: 10, achieved: 5, daysIn: 50, expected: .onTrack),  // half the time, half the target
        Case(target: 10, achieved: 4, daysIn: 50, expected: .behind),
        Case(target: 10, achieved: 0, daysIn: 0, expected: .onTrack),
        Case(target: 10, achieved: 9, daysIn: 101, expected: .overdue),
    ])
    func statusFollowsTargetAndDeadline(c: Case) {
        let progress = PlanProgress(
            target: c.target, achieved: c.achieved, periodStart: Self.start, deadline: Self.deadline,
            today: Self.start.addingTimeInterval(c.daysIn * 86_400))
        #expect(progress.status == c.expected)
    }

    @Test func percentIsCappedButAchievedIsNot() {
        let progress = PlanProgress(target: 12, achieved: 16, periodStart: Self.start, deadline: Self.deadline, today: Self.deadline)
        #expect(progress.percent == 100)
        #expect(progress.achieved == 16)
        #expect(PlanProgress(target: 500, achieved: 300, periodStart: Self.start, deadline: Self.deadline, today: Self.start).percent == 60)
    }

    @Test func badItemsAreRefusedPrecisely() {
        let end = Self.start.addingTimeInterval(365 * 86_400)
        #expect(
            PlanItemCheck.problems(target: 0, deadline: end, periodStart: Self.start, periodEnd: end, responsibleUnitRetired: false)
                .map(\.message) == ["Chỉ tiêu phải là số lớn hơn 0."])
        #expect(PlanItemCheck.problems(target: -3, deadline: end, periodStart: Self.start, periodEnd: end, responsibleUnitRetired: false).count == 1)
        #expect(
            PlanItemCheck.problems(target: nil, deadline: end, periodStart: Self.start, periodEnd: end, responsibleUnitRetired: false)
                .map(\.field) == ["target"])
        #expect(
            PlanItemCheck.problems(
                target: 5, deadline: Self.start.addingTimeInterval(-86_400), periodStart: Self.start, periodEnd: end, responsibleUnitRetired: false
            )
            .map(\.message) == ["Thời hạn không được trước ngày bắt đầu của kế hoạch."])
        #expect(
            PlanItemCheck.problems(target: 5, deadline: end.addingTimeInterval(86_400), periodStart: Self.start, periodEnd: end, responsibleUnitRetired: false)
                .map(\.field) == ["deadline"])
        #expect(
            PlanItemCheck.problems(target: 5, deadline: end, periodStart: Self.start, periodEnd: end, responsibleUnitRetired: true)
                .map(\.message) == ["Đơn vị chủ trì đã ngừng hoạt động; hãy chọn đơn vị khác."])
        #expect(PlanItemCheck.problems(target: 5, deadline: end, periodStart: Self.start, periodEnd: end, responsibleUnitRetired: false).isEmpty)
    }

    @Test func evaluationPointsAndLimits() {
        #expect(Evaluation.computedPoints(maxPoints: 1.5, itemsMet: 8, itemsTotal: 12) == 1.0)
        #expect(Evaluation.computedPoints(maxPoints: 1.5, itemsMet: 7, itemsTotal: 12) == 0.75)  // 0.875 rounds down to a quarter
        #expect(Evaluation.computedPoints(maxPoints: 1, itemsMet: 0, itemsTotal: 0) == 0)
        #expect(Evaluation.check(points: 1.25, maxPoints: 1)?.message == "Điểm 1,25 vượt quá điểm tối đa 1 của tiêu chí.")
        #expect(Evaluation.check(points: -0.5, maxPoints: 1)?.message == "Điểm không được âm.")
        #expect(Evaluation.check(points: nil, maxPoints: 1)?.field == "points")
        #expect(Evaluation.check(points: 1, maxPoints: 1) == nil)
        #expect(Evaluation.parse("0,75") == 0.75)
        #expect(Evaluation.parse("abc") == nil)
        #expect(Evaluation.format(0.5) == "0,5")
        #expect(Evaluation.format(2) == "2")
    }
}
