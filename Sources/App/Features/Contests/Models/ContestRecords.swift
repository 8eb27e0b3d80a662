import FluentKit
import Foundation
import LoaCore
import Synchronization

/// A contest (cuộc thi) organised by a unit (issue #12); its public pages are on the unit's sites.
final class ContestRecord: Model, @unchecked Sendable {
    static let schema = "contests"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: Unit
    @Field(key: "slug") var slug: String
    @Field(key: "title") var title: String
    /// The rules page (thể lệ), plain text with line breaks.
    @Field(key: "rules") var rules: String
    /// Groups participants choose from ("Cán bộ, công chức", "Người dân"), one per line.
    @Field(key: "groups") var groups: String
    /// The HMAC key of citizen ID numbers for this contest (decision 0018: a keyed hash finds duplicates
    /// without storing the number); random, made with the contest.
    @Field(key: "id_hash_key") var idHashKey: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var groupList: [String] {
        groups.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// A round (vòng thi): its window, limits, draw rule, prediction question and, once closed, the figure.
final class ContestRoundRecord: Model, @unchecked Sendable {
    static let schema = "contest_rounds"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contest_id") var contest: ContestRecord
    @Field(key: "name") var name: String
    @Field(key: "opens_at") var opensAt: Date
    @Field(key: "closes_at") var closesAt: Date
    @Field(key: "time_limit_seconds") var timeLimitSeconds: Int
    @Field(key: "attempts_allowed") var attemptsAllowed: Int
    @Field(key: "counting") var counting: String
    /// `QuestionDrawRule` as JSON.
    @Field(key: "draw_rule") var drawRule: String
    @Field(key: "prediction_question") var predictionQuestion: String
    /// The figure predictions are judged against, entered by the organiser when the round closes.
    @OptionalField(key: "actual_figure") var actualFigure: Int?
    /// `PrizePlan` as JSON.
    @Field(key: "prize_plan") var prizePlan: String
    /// Whether participants see the right answers on their result page once the round has closed.
    @Field(key: "answers_after_close") var answersAfterClose: Bool
    /// When the ranking was computed and stored; nil while it has not been.
    @OptionalField(key: "ranked_at") var rankedAt: Date?
    /// `CollectivePrizeRule` as JSON; empty when the round has no collective prize.
    @Field(key: "collective_rule") var collectiveRule: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() { collectiveRule = "" }

    var schedule: RoundSchedule {
        RoundSchedule(
            opensAt: opensAt, closesAt: closesAt, timeLimit: TimeInterval(timeLimitSeconds), attemptsAllowed: attemptsAllowed,
            counting: AttemptCountingRule(rawValue: counting) ?? .best)
    }

    var rule: QuestionDrawRule {
        (try? JSONDecoder().decode(QuestionDrawRule.self, from: Data(drawRule.utf8))) ?? QuestionDrawRule(quotas: [])
    }

    var collective: CollectivePrizeRule? {
        collectiveRule.isEmpty ? nil : try? JSONDecoder().decode(CollectivePrizeRule.self, from: Data(collectiveRule.utf8))
    }

    var prizes: PrizePlan {
        (try? JSONDecoder().decode(PrizePlan.self, from: Data(prizePlan.utf8))) ?? PrizePlan(counts: [:])
    }
}

final class ContestCategoryRecord: Model, @unchecked Sendable {
    static let schema = "contest_categories"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contest_id") var contest: ContestRecord
    @Field(key: "name") var name: String

    init() {}
}

/// A question of the bank: four options (JSON array of text) and the index of the right one.
final class ContestQuestionRecord: Model, @unchecked Sendable {
    static let schema = "contest_questions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contest_id") var contest: ContestRecord
    @Parent(key: "category_id") var category: ContestCategoryRecord
    @Field(key: "text") var text: String
    @Field(key: "options") var options: String
    @Field(key: "correct_option") var correctOption: Int
    @Field(key: "explanation") var explanation: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var optionList: [String] { (try? JSONDecoder().decode([String].self, from: Data(options.utf8))) ?? [] }
}

final class ContestParticipantRecord: Model, @unchecked Sendable {
    static let schema = "contest_participants"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contest_id") var contest: ContestRecord
    /// `VietnamesePhoneNumber.canonical`: unique per contest.
    @Field(key: "phone") var phone: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "full_name") var fullName: String
    @Parent(key: "unit_id") var unit: Unit
    @Field(key: "group_name") var group: String
    @OptionalField(key: "citizen_id_hash") var citizenIDHash: String?
    @OptionalField(key: "citizen_id_masked") var citizenIDMasked: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A participant's session: its token only as a digest, its own CSRF token.
final class ContestSessionRecord: Model, @unchecked Sendable {
    static let schema = "contest_sessions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "participant_id") var participant: ContestParticipantRecord
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "persistent") var persistent: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// An attempt: server start and deadline fixed at start, the drawn questions with their option order.
final class ContestAttemptRecord: Model, @unchecked Sendable {
    static let schema = "contest_attempts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "round_id") var round: ContestRoundRecord
    @Parent(key: "participant_id") var participant: ContestParticipantRecord
    @Field(key: "number") var number: Int
    @Field(key: "started_at") var startedAt: Date
    @Field(key: "deadline") var deadline: Date
    /// `[DrawnQuestion]` as JSON.
    @Field(key: "questions") var questions: String
    /// The recorded submission (`AttemptRules.recordedSubmission`: never after the deadline).
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @Field(key: "closed_by_server") var closedByServer: Bool
    @OptionalField(key: "score") var score: Int?
    @OptionalField(key: "answered") var answered: Int?
    @OptionalField(key: "prediction") var prediction: Int?
    @OptionalField(key: "duration_ms") var durationMilliseconds: Int64?

    init() {}

    /// An attempt as stored, open and not closed by the server: a new start, or a row read with plain
    /// SQL (`ContestAttempts.attempt(_:)`), which sets the rest.
    init(id: UUID, roundID: UUID, participantID: UUID, number: Int, startedAt: Date, deadline: Date, questions: String) {
        self.id = id
        $round.id = roundID
        $participant.id = participantID
        self.number = number
        self.startedAt = startedAt
        self.deadline = deadline
        self.questions = questions
        closedByServer = false
        $id.exists = true
    }

    var drawn: [DrawnQuestion] { DrawnQuestions.decoded(questions) }

    var state: AttemptState {
        AttemptState(id: id ?? UUID(), startedAt: startedAt, deadline: deadline, submittedAt: submittedAt)
    }
}

final class ContestAnswerRecord: Model, @unchecked Sendable {
    static let schema = "contest_answers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "attempt_id") var attempt: ContestAttemptRecord
    @Field(key: "question_id") var questionID: UUID
    /// The bank index of the chosen option (0..<4).
    @Field(key: "chosen_option") var option: Int
    @Field(key: "saved_at") var savedAt: Date

    init() {}
}

/// A stored place in a closed round's ranking (one per person: the counting attempt).
final class ContestRankingRecord: Model, @unchecked Sendable {
    static let schema = "contest_rankings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "round_id") var round: ContestRoundRecord
    @Parent(key: "attempt_id") var attempt: ContestAttemptRecord
    @Parent(key: "participant_id") var participant: ContestParticipantRecord
    @Field(key: "position") var position: Int
    @Field(key: "score") var score: Int
    @OptionalField(key: "prediction") var prediction: Int?
    @Field(key: "duration_ms") var durationMilliseconds: Int64
    /// `ContestRanking.Criterion` raw value as text; nil for the first place.
    @OptionalField(key: "decided_by") var decidedBy: String?
    /// `PrizeLevel` raw value, or nil.
    @OptionalField(key: "prize") var prize: String?

    init() {}
}

/// A unit's headcount for a contest's collective prizes (participation rate = participants ÷ size).
final class ContestUnitSizeRecord: Model, @unchecked Sendable {
    static let schema = "contest_unit_sizes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contest_id") var contest: ContestRecord
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "size") var size: Int

    init() {}
}

/// A unit's place for the collective prize of a closed round, stored with the ranking.
final class ContestUnitStandingRecord: Model, @unchecked Sendable {
    static let schema = "contest_unit_standings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "round_id") var round: ContestRoundRecord
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "participants") var participants: Int
    @Field(key: "unit_size") var unitSize: Int
    @OptionalField(key: "minimum_percent") var minimumPercent: Int?
    @Field(key: "eligible") var eligible: Bool
    @Field(key: "prize") var prize: Bool

    init() {}
}

/// An attempt's drawn questions never change once it has started, and every question page and saved
/// answer needs them: decoding the JSON each time was a sixth of the server's work in a profile of the
/// contest benchmark (issue #12). Decoded lists are kept by their text, so a hit is always right.
enum DrawnQuestions {
    private static let decodedByText = Mutex<[String: [DrawnQuestion]]>([:])
    /// About 2 KB each: a few megabytes hold every attempt open at a large round's peak.
    static let maxEntries = 4_000

    static func decoded(_ text: String) -> [DrawnQuestion] {
        if let hit = decodedByText.withLock({ $0[text] }) { return hit }
        let drawn = (try? JSONDecoder().decode([DrawnQuestion].self, from: Data(text.utf8))) ?? []
        decodedByText.withLock { cache in
            if cache.count >= maxEntries { cache.removeAll(keepingCapacity: true) }
            cache[text] = drawn
        }
        return drawn
    }
}
