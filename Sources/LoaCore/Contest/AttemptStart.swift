import Foundation

/// What the server knows of one of a person's attempts in a round.
public struct AttemptState: Hashable, Sendable {
    public var id: UUID
    public var startedAt: Date
    /// Stored at start (`RoundSchedule.deadline(startedAt:)`); never recomputed, so a later change of
    /// the round's settings does not move it.
    public var deadline: Date
    /// Set when the participant submits or the server closes the attempt; nil while it is open.
    public var submittedAt: Date?

    public init(id: UUID, startedAt: Date, deadline: Date, submittedAt: Date? = nil) {
        self.id = id
        self.startedAt = startedAt
        self.deadline = deadline
        self.submittedAt = submittedAt
    }

    public var isOpen: Bool { submittedAt == nil }
}

/// Why a start or an answer is refused.
public enum AttemptRefusal: Error, Hashable, Sendable {
    case roundNotOpenYet(opensAt: Date)
    case roundClosed(closesAt: Date)
    case noAttemptsLeft(allowed: Int)
    case alreadySubmitted(submittedAt: Date)
    case pastDeadline(deadline: Date)
    case questionNotInAttempt(questionID: UUID)
    case optionOutOfRange(option: Int)

    public var message: String {
        switch self {
        case .roundNotOpenYet(let opensAt):
            "Vòng thi chưa mở; vòng thi bắt đầu lúc \(ContestClock.text(opensAt))."
        case .roundClosed(let closesAt):
            "Vòng thi đã kết thúc lúc \(ContestClock.text(closesAt)); không thể bắt đầu lượt thi mới."
        case .noAttemptsLeft(let allowed):
            "Bạn đã dùng hết \(allowed) lượt thi của vòng này."
        case .alreadySubmitted(let submittedAt):
            "Bài thi đã được nộp lúc \(ContestClock.text(submittedAt)); không thể thay đổi câu trả lời."
        case .pastDeadline(let deadline):
            "Đã hết giờ làm bài lúc \(ContestClock.text(deadline)); câu trả lời gửi sau thời hạn không được ghi nhận."
        case .questionNotInAttempt(let questionID):
            "Câu hỏi mã \(questionID.uuidString) không thuộc lượt thi này; câu trả lời không được ghi nhận."
        case .optionOutOfRange(let option):
            "Phương án số \(option) không tồn tại; mỗi câu hỏi có \(QuestionDrawRule.optionCount) phương án."
        }
    }
}

/// What to do when a person asks to start (or resume) an attempt.
public enum AttemptStartDecision: Hashable, Sendable {
    /// An open attempt exists and answers to it are still accepted: show it again (starting is idempotent).
    case resume(attemptID: UUID)
    /// An open attempt is past its deadline and grace: close it from its saved answers, then decide again.
    case closeOverdue(attemptID: UUID)
    /// Create attempt number `number` with this deadline (the database's unique constraint on open
    /// attempts per person and round settles two simultaneous starts).
    case start(number: Int, deadline: Date)
    case refused(AttemptRefusal)
}

public enum AttemptRules {
    /// The decision for a person whose attempts in this round are `attempts` (all of them, open or not).
    public static func startDecision(round: RoundSchedule, attempts: [AttemptState], now: Date) -> AttemptStartDecision {
        let open = attempts.filter(\.isOpen).sorted { $0.startedAt < $1.startedAt }
        if let current = open.first {
            return now <= round.answerCutoff(deadline: current.deadline)
                ? .resume(attemptID: current.id) : .closeOverdue(attemptID: current.id)
        }
        if now < round.opensAt { return .refused(.roundNotOpenYet(opensAt: round.opensAt)) }
        if now >= round.closesAt { return .refused(.roundClosed(closesAt: round.closesAt)) }
        if attempts.count >= round.attemptsAllowed { return .refused(.noAttemptsLeft(allowed: round.attemptsAllowed)) }
        return .start(number: attempts.count + 1, deadline: round.deadline(startedAt: now))
    }

    /// The submission instant recorded for ranking: the moment of submission, but never later than the
    /// deadline. An attempt submitted within the grace, or closed by the server when overdue, counts as
    /// submitted at its deadline, so its duration never exceeds the limit and does not depend on when
    /// the server's sweep happened to run.
    public static func recordedSubmission(deadline: Date, at now: Date) -> Date { min(now, deadline) }

    /// Nil when an answer (a bank option index) to `questionID` may be saved now in this attempt.
    public static func answerRefusal(
        questionID: UUID, option: Int, attempt: AttemptState, questions: [DrawnQuestion], round: RoundSchedule, now: Date
    ) -> AttemptRefusal? {
        if let submittedAt = attempt.submittedAt { return .alreadySubmitted(submittedAt: submittedAt) }
        if now > round.answerCutoff(deadline: attempt.deadline) { return .pastDeadline(deadline: attempt.deadline) }
        if !questions.contains(where: { $0.questionID == questionID }) { return .questionNotInAttempt(questionID: questionID) }
        if !(0..<QuestionDrawRule.optionCount).contains(option) { return .optionOutOfRange(option: option) }
        return nil
    }
}
