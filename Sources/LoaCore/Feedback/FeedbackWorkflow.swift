import Foundation

/// What a citizen sends through the portal (issue #15, NĐ 20/2008 as amended).
public enum FeedbackKind: String, CaseIterable, Codable, Sendable {
    case question, regulation, other

    public var vietnameseName: String {
        switch self {
        case .question: "Hỏi về thủ tục hành chính"
        case .regulation: "Phản ánh, kiến nghị về quy định hành chính"
        case .other: "Nội dung khác"
        }
    }
}

/// Where an item stands. An item outside a unit's competence is forwarded before it is accepted;
/// an answer drafted by an editor waits for a leader's approval before it is published.
public enum FeedbackState: String, CaseIterable, Codable, Sendable {
    case received, accepted, refused, forwarded, handling, awaitingApproval, answered, closed

    public var vietnameseName: String {
        switch self {
        case .received: "Mới tiếp nhận"
        case .accepted: "Đã thụ lý"
        case .refused: "Không thụ lý"
        case .forwarded: "Đã chuyển đơn vị có thẩm quyền"
        case .handling: "Đang xử lý"
        case .awaitingApproval: "Chờ lãnh đạo duyệt trả lời"
        case .answered: "Đã trả lời"
        case .closed: "Đã kết thúc"
        }
    }

    /// Nothing more is owed to the sender.
    public var isFinished: Bool { [.refused, .answered, .closed].contains(self) }
}

/// A step a clerk or a leader takes on an item.
public enum FeedbackStep: String, CaseIterable, Codable, Sendable {
    case accept, refuse, forward, startHandling, submitAnswer, approveAnswer, returnAnswer, close

    public var vietnameseName: String {
        switch self {
        case .accept: "Thụ lý"
        case .refuse: "Không thụ lý"
        case .forward: "Chuyển đơn vị có thẩm quyền"
        case .startHandling: "Bắt đầu xử lý"
        case .submitAnswer: "Gửi dự thảo trả lời để duyệt"
        case .approveAnswer: "Duyệt và công bố trả lời"
        case .returnAnswer: "Trả lại dự thảo"
        case .close: "Kết thúc"
        }
    }

    /// A leader's step (approving what is published); the others are a clerk's.
    public var needsApprover: Bool { self == .approveAnswer || self == .returnAnswer }
}

/// The states and the steps between them, as the issue lists them:
/// received → accepted (or refused with a reason) → forwarded → handling → answered → closed.
public enum FeedbackWorkflow {
    /// The state after `step`, or nil when the step is not open from `state`.
    public static func next(from state: FeedbackState, by step: FeedbackStep) -> FeedbackState? {
        switch (state, step) {
        case (.received, .accept), (.forwarded, .accept): .accepted
        case (.received, .refuse), (.forwarded, .refuse), (.accepted, .refuse): .refused
        case (.received, .forward), (.accepted, .forward), (.forwarded, .forward): .forwarded
        case (.accepted, .startHandling): .handling
        case (.accepted, .submitAnswer), (.handling, .submitAnswer): .awaitingApproval
        case (.awaitingApproval, .approveAnswer): .answered
        case (.awaitingApproval, .returnAnswer): .handling
        case (.answered, .close), (.refused, .close): .closed
        default: nil
        }
    }

    /// The steps open from `state`, in the order a clerk meets them.
    public static func steps(from state: FeedbackState) -> [FeedbackStep] {
        FeedbackStep.allCases.filter { next(from: state, by: $0) != nil }
    }
}

/// The deadlines of an item, counted in working days from the day it was received (NĐ 43 Art. 17:
/// Q&A answered within 15 working days; an item outside the unit's competence forwarded within 5).
public struct FeedbackDeadlines: Equatable, Sendable {
    public static let forwardWithin = 5
    public static let answerWithin = 15

    /// The last day to accept, refuse or forward.
    public var decideBy: CalendarDay
    /// The last day to answer.
    public var answerBy: CalendarDay

    public init(received: CalendarDay, calendar: WorkingCalendar) {
        decideBy = calendar.adding(workingDays: Self.forwardWithin, to: received)
        answerBy = calendar.adding(workingDays: Self.answerWithin, to: received)
    }

    /// As stored at receipt: a later change of the holidays does not move an item's deadlines.
    public init(decideBy: CalendarDay, answerBy: CalendarDay) {
        self.decideBy = decideBy
        self.answerBy = answerBy
    }

    /// The deadline that matters in `state`, nil once nothing more is owed.
    public func due(in state: FeedbackState) -> CalendarDay? {
        switch state {
        case .received, .forwarded: decideBy
        case .accepted, .handling, .awaitingApproval: answerBy
        case .refused, .answered, .closed: nil
        }
    }

    /// Overdue on `today`: the day that matters has passed.
    public func isOverdue(in state: FeedbackState, today: CalendarDay) -> Bool {
        due(in: state).map { today > $0 } ?? false
    }
}

/// `PAKN-2026-000123`: the year received and a number counted per year, what the sender writes down
/// and types back to follow the item.
public struct TrackingCode: Hashable, Sendable, CustomStringConvertible {
    public static let prefix = "PAKN"
    public var year: Int
    public var number: Int

    public init(year: Int, number: Int) {
        self.year = year
        self.number = number
    }

    /// Reads what a person typed: case, surrounding spaces and missing leading zeros do not matter.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == Self.prefix, parts[1].count == 4, (1...9).contains(parts[2].count),
            parts[1].allSatisfy(\.isASCIIDigit), parts[2].allSatisfy(\.isASCIIDigit),
            let year = Int(parts[1]), let number = Int(parts[2]), number > 0
        else { return nil }
        self.init(year: year, number: number)
    }

    public var description: String { "\(Self.prefix)-\(year)-\(String(format: "%06d", number))" }
}
