import Foundation
import LoaCore
import Testing

/// Deadlines, starts, answers and results as tables. The round opens 01/12/2025 09:00 (Vietnam),
/// closes a week later, gives 15 minutes and 2 attempts, and accepts answers 5 seconds late.
@Suite struct AttemptRulesTests {
    static let week: TimeInterval = 7 * 86_400
    static let round = RoundSchedule(
        opensAt: Fixture.at(0), closesAt: Fixture.at(week), timeLimit: 900,
        attemptsAllowed: 2, counting: .best, answerGrace: 5)

    @Test(arguments: [
        (start: 0.0, deadline: 900.0),
        (start: week - 600, deadline: week),  // late starter stopped by the close
        (start: week - 900, deadline: week),  // both limits at the same instant
        (start: week - 900.5, deadline: week - 0.5),
    ])
    func deadlineIsTheEarlierOfLimitAndClose(c: (start: Double, deadline: Double)) {
        #expect(Self.round.deadline(startedAt: Fixture.at(c.start)) == Fixture.at(c.deadline))
    }

    static func attempt(_ number: Int, startedAt: Double, submittedAt: Double? = nil) -> AttemptState {
        AttemptState(
            id: Fixture.id(number), startedAt: Fixture.at(startedAt),
            deadline: round.deadline(startedAt: Fixture.at(startedAt)), submittedAt: submittedAt.map(Fixture.at))
    }

    struct StartCase: Sendable, CustomTestStringConvertible {
        var name: String
        var attempts: [AttemptState]
        var now: Double
        var expected: AttemptStartDecision
        var testDescription: String { name }
    }

    static let startCases: [StartCase] = [
        StartCase(
            name: "before the opening", attempts: [], now: -0.001,
            expected: .refused(.roundNotOpenYet(opensAt: Fixture.at(0)))),
        StartCase(
            name: "at the opening instant", attempts: [], now: 0,
            expected: .start(number: 1, deadline: Fixture.at(900))),
        StartCase(
            name: "at the closing instant", attempts: [], now: week,
            expected: .refused(.roundClosed(closesAt: Fixture.at(week)))),
        StartCase(
            name: "second attempt after a submitted one", attempts: [attempt(1, startedAt: 0, submittedAt: 600)], now: 3_600,
            expected: .start(number: 2, deadline: Fixture.at(4_500))),
        StartCase(
            name: "beyond the attempts allowed",
            attempts: [attempt(1, startedAt: 0, submittedAt: 600), attempt(2, startedAt: 700, submittedAt: 800)], now: 3_600,
            expected: .refused(.noAttemptsLeft(allowed: 2))),
        StartCase(
            name: "an open attempt is resumed, not duplicated", attempts: [attempt(1, startedAt: 0)], now: 10,
            expected: .resume(attemptID: Fixture.id(1))),
        StartCase(
            name: "resumed up to the end of the grace", attempts: [attempt(1, startedAt: 0)], now: 905,
            expected: .resume(attemptID: Fixture.id(1))),
        StartCase(
            name: "overdue after the grace: close it first", attempts: [attempt(1, startedAt: 0)], now: 905.001,
            expected: .closeOverdue(attemptID: Fixture.id(1))),
        StartCase(
            name: "an open attempt is resumed even after the round closed, within the grace",
            attempts: [attempt(1, startedAt: week - 60)], now: week + 2,
            expected: .resume(attemptID: Fixture.id(1))),
        StartCase(
            name: "an open second attempt is resumed although no attempt is left",
            attempts: [attempt(1, startedAt: 0, submittedAt: 600), attempt(2, startedAt: 700)], now: 710,
            expected: .resume(attemptID: Fixture.id(2))),
    ]

    @Test(arguments: startCases)
    func startDecision(c: StartCase) {
        #expect(AttemptRules.startDecision(round: Self.round, attempts: c.attempts, now: Fixture.at(c.now)) == c.expected)
    }

    static let drawn = [
        DrawnQuestion(questionID: Fixture.id(501), optionOrder: [1, 0, 3, 2]),
        DrawnQuestion(questionID: Fixture.id(502), optionOrder: [0, 1, 2, 3]),
    ]

    struct AnswerCase: Sendable, CustomTestStringConvertible {
        var name: String
        var question: Int
        var option: Int
        var attempt: AttemptState
        var now: Double
        var expected: AttemptRefusal?
        var testDescription: String { name }
    }

    static let answerCases: [AnswerCase] = [
        AnswerCase(name: "in time", question: 501, option: 3, attempt: attempt(1, startedAt: 0), now: 899, expected: nil),
        AnswerCase(name: "at the end of the grace", question: 501, option: 3, attempt: attempt(1, startedAt: 0), now: 905, expected: nil),
        AnswerCase(
            name: "a millisecond after the grace", question: 501, option: 3, attempt: attempt(1, startedAt: 0), now: 905.001,
            expected: .pastDeadline(deadline: Fixture.at(900))),
        AnswerCase(
            name: "after submitting", question: 501, option: 3, attempt: attempt(1, startedAt: 0, submittedAt: 300), now: 301,
            expected: .alreadySubmitted(submittedAt: Fixture.at(300))),
        AnswerCase(
            name: "a question not in the attempt", question: 777, option: 0, attempt: attempt(1, startedAt: 0), now: 10,
            expected: .questionNotInAttempt(questionID: Fixture.id(777))),
        AnswerCase(
            name: "an option that does not exist", question: 502, option: 4, attempt: attempt(1, startedAt: 0), now: 10,
            expected: .optionOutOfRange(option: 4)),
        AnswerCase(
            name: "a negative option", question: 502, option: -1, attempt: attempt(1, startedAt: 0), now: 10,
            expected: .optionOutOfRange(option: -1)),
    ]

    @Test(arguments: answerCases)
    func answerAcceptance(c: AnswerCase) {
        #expect(
            AttemptRules.answerRefusal(
                questionID: Fixture.id(c.question), option: c.option, attempt: c.attempt,
                questions: Self.drawn, round: Self.round, now: Fixture.at(c.now)) == c.expected)
    }

    @Test(arguments: [
        (submitted: 600.0, recorded: 600.0),  // before the deadline: as it happened
        (submitted: 900.0, recorded: 900.0),
        (submitted: 903.0, recorded: 900.0),  // within the grace: at the deadline
        (submitted: 7_200.0, recorded: 900.0),  // closed by the server's sweep later: at the deadline
    ])
    func recordedSubmissionIsNeverAfterTheDeadline(c: (submitted: Double, recorded: Double)) {
        #expect(AttemptRules.recordedSubmission(deadline: Fixture.at(900), at: Fixture.at(c.submitted)) == Fixture.at(c.recorded))
    }

    @Test func refusalsSpeakVietnameseWithTheExactInstant() {
        #expect(
            AttemptRefusal.pastDeadline(deadline: Fixture.at(1_237)).message
                == "Đã hết giờ làm bài lúc 09:20:37 ngày 01/12/2025; câu trả lời gửi sau thời hạn không được ghi nhận.")
        #expect(AttemptRefusal.noAttemptsLeft(allowed: 2).message == "Bạn đã dùng hết 2 lượt thi của vòng này.")
        #expect(
            AttemptRefusal.questionNotInAttempt(questionID: Fixture.id(777)).message
                == "Câu hỏi mã 00000000-0000-0000-0000-000000000777 không thuộc lượt thi này; câu trả lời không được ghi nhận.")
        #expect(AttemptRefusal.roundNotOpenYet(opensAt: Fixture.at(0)).message == "Vòng thi chưa mở; vòng thi bắt đầu lúc 09:00:00 ngày 01/12/2025.")
    }

    struct ResultCase: Sendable, CustomTestStringConvertible {
        var name: String
        var answers: [Int: Int]
        var expected: Result<AttemptResult, AttemptRefusal>
        var testDescription: String { name }
    }

    /// Questions 501, 502, 503 with right options 0, 1, 2.
    static let correct = [Fixture.id(501): 0, Fixture.id(502): 1, Fixture.id(503): 2]

    static let resultCases: [ResultCase] = [
        ResultCase(
            name: "one right, one wrong, one unanswered", answers: [501: 0, 502: 3],
            expected: .success(AttemptResult(score: 1, answered: 2, questionCount: 3))),
        ResultCase(
            name: "all right", answers: [501: 0, 502: 1, 503: 2],
            expected: .success(AttemptResult(score: 3, answered: 3, questionCount: 3))),
        ResultCase(
            name: "nothing saved", answers: [:],
            expected: .success(AttemptResult(score: 0, answered: 0, questionCount: 3))),
        ResultCase(
            name: "an answer to a question the attempt did not draw", answers: [501: 0, 909: 1],
            expected: .failure(.questionNotInAttempt(questionID: Fixture.id(909)))),
        ResultCase(
            name: "an option that does not exist", answers: [503: 7],
            expected: .failure(.optionOutOfRange(option: 7))),
    ]

    @Test(arguments: resultCases)
    func resultFromSavedAnswers(c: ResultCase) {
        let answers = Dictionary(uniqueKeysWithValues: c.answers.map { (Fixture.id($0.key), $0.value) })
        let result = Result { () throws(AttemptRefusal) in try AttemptResult(correctOptions: Self.correct, answers: answers) }
        #expect(result == c.expected)
    }

    @Test func perfectMeansEveryQuestionRight() throws {
        #expect(try AttemptResult(correctOptions: Self.correct, answers: Self.correct).isPerfect)
        #expect(try !AttemptResult(correctOptions: Self.correct, answers: [Fixture.id(501): 0]).isPerfect)
        #expect(try !AttemptResult(correctOptions: [:], answers: [:]).isPerfect)
    }

    @Test func badRoundsAreRefusedPrecisely() {
        let week1 = (name: "Tuần 1", opensAt: Fixture.at(0), closesAt: Fixture.at(Self.week))
        func problems(_ opens: Double, _ closes: Double, limit: TimeInterval = 900, attempts: Int = 1) -> [FieldProblem] {
            RoundSchedule(opensAt: Fixture.at(opens), closesAt: Fixture.at(closes), timeLimit: limit, attemptsAllowed: attempts, counting: .first)
                .problems(otherRounds: [week1])
        }
        #expect(problems(Self.week, Self.week * 2).isEmpty)  // starts as week 1 ends: no overlap
        #expect(
            problems(Self.week * 2, Self.week).map(\.message)
                == ["Thời điểm kết thúc vòng thi (09:00:00 ngày 08/12/2025) phải sau thời điểm bắt đầu (09:00:00 ngày 15/12/2025)."])
        #expect(problems(Self.week, Self.week).map(\.field) == ["closesAt"])
        #expect(
            problems(Self.week - 1, Self.week * 2).map(\.message)
                == ["Vòng thi trùng thời gian với “Tuần 1” (từ 09:00:00 ngày 01/12/2025 đến 09:00:00 ngày 08/12/2025)."])
        #expect(problems(-Self.week * 2, 1).map(\.field) == ["opensAt"])  // contains week 1's start
        #expect(problems(Self.week, Self.week * 2, limit: 0, attempts: 0).map(\.field) == ["timeLimit", "attemptsAllowed"])
    }
}
