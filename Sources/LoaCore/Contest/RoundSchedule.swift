import Foundation

/// The timing and attempt rules of one round. Times are server instants; the round is open for
/// `opensAt ≤ now < closesAt`.
public struct RoundSchedule: Hashable, Codable, Sendable {
    public var opensAt: Date
    public var closesAt: Date
    /// Time allowed per attempt, in seconds.
    public var timeLimit: TimeInterval
    /// Attempts a person may start in this round.
    public var attemptsAllowed: Int
    public var counting: AttemptCountingRule
    /// Seconds after the deadline in which an answer still counts: an answer chosen a moment before
    /// the deadline is on the network when the deadline passes, and must not be lost.
    public var answerGrace: TimeInterval

    public init(
        opensAt: Date, closesAt: Date, timeLimit: TimeInterval, attemptsAllowed: Int,
        counting: AttemptCountingRule, answerGrace: TimeInterval = 5
    ) {
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.timeLimit = timeLimit
        self.attemptsAllowed = attemptsAllowed
        self.counting = counting
        self.answerGrace = answerGrace
    }

    public func isOpen(at now: Date) -> Bool { opensAt <= now && now < closesAt }

    /// Fixed when the attempt starts and stored with it: the earlier of start + limit and the close,
    /// so a late starter cannot run past the round.
    public func deadline(startedAt: Date) -> Date {
        min(startedAt.addingTimeInterval(timeLimit), closesAt)
    }

    /// The last instant an answer to an attempt with this deadline is accepted.
    public func answerCutoff(deadline: Date) -> Date { deadline.addingTimeInterval(answerGrace) }

    /// Problems of the round as typed by the organiser, given the contest's other rounds (name and
    /// window) it must not overlap (empty = acceptable).
    public func problems(otherRounds: [(name: String, opensAt: Date, closesAt: Date)]) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if closesAt <= opensAt {
            problems.append(
                FieldProblem(
                    field: "closesAt",
                    message: "Thời điểm kết thúc vòng thi (\(ContestClock.text(closesAt))) phải sau thời điểm bắt đầu (\(ContestClock.text(opensAt)))."))
        } else {
            for other in otherRounds where other.opensAt < closesAt && opensAt < other.closesAt {
                problems.append(
                    FieldProblem(
                        field: "opensAt",
                        message:
                            "Vòng thi trùng thời gian với “\(other.name)” (từ \(ContestClock.text(other.opensAt)) đến \(ContestClock.text(other.closesAt)))."))
            }
        }
        if !(timeLimit > 0) {
            problems.append(FieldProblem(field: "timeLimit", message: "Thời gian làm bài phải lớn hơn 0 phút."))
        }
        if attemptsAllowed < 1 {
            problems.append(FieldProblem(field: "attemptsAllowed", message: "Số lượt thi cho phép phải từ 1 trở lên."))
        }
        if !(answerGrace >= 0) {
            problems.append(FieldProblem(field: "answerGrace", message: "Thời gian gia hạn nhận câu trả lời không được âm."))
        }
        return problems
    }
}

/// Instants in contest messages, to the second: deadlines are decided by seconds.
public enum ContestClock {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = VietnameseDate.timeZone
        return calendar
    }()

    /// "08:20:37 ngày 01/12/2025", in Vietnam's time zone.
    public static func text(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        let clock = [parts.hour, parts.minute, parts.second]
            .map { value in
                let text = String(value ?? 0); return text.count < 2 ? "0" + text : text
            }
            .joined(separator: ":")
        return "\(clock) ngày \(VietnameseDate.day(date))"
    }
}
