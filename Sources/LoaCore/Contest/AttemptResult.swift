import Foundation

/// The result of an attempt computed from its saved answers: used both when the participant submits
/// and when the server closes an overdue attempt, so both give the same score.
public struct AttemptResult: Hashable, Sendable {
    /// Right answers.
    public var score: Int
    /// Questions with a saved answer.
    public var answered: Int
    /// Questions in the attempt.
    public var questionCount: Int

    /// A result as stored.
    public init(score: Int, answered: Int, questionCount: Int) {
        self.score = score
        self.answered = answered
        self.questionCount = questionCount
    }

    /// - correctOptions: for each question of the attempt, the bank index of its right option.
    /// - answers: the saved answer per question (bank option index), the latest one saved.
    /// An answer to a question outside the attempt, or to an option that does not exist, is refused
    /// rather than ignored: it means the stored data is not what the attempt drew.
    public init(correctOptions: [UUID: Int], answers: [UUID: Int]) throws(AttemptRefusal) {
        var score = 0
        for (questionID, option) in answers.sorted(by: { UUIDOrder.precedes($0.key, $1.key) }) {
            guard let correct = correctOptions[questionID] else { throw .questionNotInAttempt(questionID: questionID) }
            guard (0..<QuestionDrawRule.optionCount).contains(option) else { throw .optionOutOfRange(option: option) }
            if option == correct { score += 1 }
        }
        self.score = score
        self.answered = answers.count
        self.questionCount = correctOptions.count
    }

    /// Every question answered right.
    public var isPerfect: Bool { score == questionCount && questionCount > 0 }
}
