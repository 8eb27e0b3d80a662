import Foundation

/// An item's progress against its target and deadline on a given day: the figures the Home Affairs
/// dashboard and the report both print, computed in one place so they cannot disagree.
public struct PlanProgress: Equatable, Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case met, onTrack, behind, overdue

        public var vietnameseName: String {
            switch self {
            case .met: "Đạt chỉ tiêu"
            case .onTrack: "Đúng tiến độ"
            case .behind: "Chậm tiến độ"
            case .overdue: "Quá hạn, chưa đạt"
            }
        }
    }

    public var target: Int
    public var achieved: Int
    public var status: Status

    /// Whole percent of the target reached, capped at 100 for display of shares; `achieved` keeps the real count.
    public var percent: Int { target > 0 ? min(100, achieved * 100 / target) : 0 }

    /// `periodStart ..< deadline` is the time the item has (`deadline` is the first moment after it); by
    /// `today` a proportional share of the target is due.
    public init(target: Int, achieved: Int, periodStart: Date, deadline: Date, today: Date) {
        self.target = target
        self.achieved = achieved
        if achieved >= target {
            status = .met
        } else if today >= deadline {
            status = .overdue
        } else {
            let span = max(1, deadline.timeIntervalSince(periodStart))
            let elapsed = min(max(0, today.timeIntervalSince(periodStart)), span)
            let due = Int((Double(target) * elapsed / span).rounded(.down))
            status = achieved >= due ? .onTrack : .behind
        }
    }
}

/// Checks of a plan item before it is stored (issue #5's bad input).
public enum PlanItemCheck {
    public static func problems(
        target: Int?, deadline: Date?, periodStart: Date, periodEnd: Date, responsibleUnitRetired: Bool
    ) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if let target {
            if target <= 0 { problems.append(FieldProblem(field: "target", message: "Chỉ tiêu phải là số lớn hơn 0.")) }
            if target > 1_000_000 { problems.append(FieldProblem(field: "target", message: "Chỉ tiêu không được quá 1.000.000.")) }
        } else {
            problems.append(FieldProblem(field: "target", message: "Chỉ tiêu phải là một số nguyên, ví dụ 24."))
        }
        if let deadline {
            if deadline < periodStart {
                problems.append(FieldProblem(field: "deadline", message: "Thời hạn không được trước ngày bắt đầu của kế hoạch."))
            } else if deadline > periodEnd {
                problems.append(FieldProblem(field: "deadline", message: "Thời hạn không được sau ngày kết thúc của kế hoạch."))
            }
        } else {
            problems.append(FieldProblem(field: "deadline", message: "Thời hạn phải là một ngày hợp lệ (năm-tháng-ngày)."))
        }
        if responsibleUnitRetired {
            problems.append(FieldProblem(field: "responsible", message: "Đơn vị chủ trì đã ngừng hoạt động; hãy chọn đơn vị khác."))
        }
        return problems
    }
}
