import FluentKit
import Foundation
import LoaCore
import SQLKit

/// Starting, answering, submitting and closing attempts (issue #12, decision 0018). Every rule comes
/// from LoaCore; this type reads rows, asks the rules, and lets the database settle races: the partial
/// unique index on open attempts and the unique attempt number make simultaneous starts give one
/// attempt; an answer is written only while its attempt is open, in the same statement that checks it.
struct ContestAttempts: Sendable {
    let db: any Database
    let now: @Sendable () -> Date

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    /// The open attempt to show, after starting one if the rules allow. Idempotent: a second start (or
    /// fifty at once) by the same person while an attempt is open returns that attempt.
    /// `bank`: the contest's questions when the caller holds them (`ContestCatalog`); read when nil.
    func start(round: ContestRoundRecord, participantID: UUID, bank: [BankQuestion]? = nil) async throws -> ContestAttemptRecord {
        let roundID = try round.requireID()
        for _ in 0..<4 {
            let attempts = try await ContestAttemptRecord.query(on: db).filter(\.$round.$id == roundID)
                .filter(\.$participant.$id == participantID).all()
            let moment = now()
            switch AttemptRules.startDecision(round: round.schedule, attempts: attempts.map(\.state), now: moment) {
            case .resume(let id):
                if let attempt = attempts.first(where: { $0.id == id }) { return attempt }
            case .closeOverdue(let id):
                if let attempt = attempts.first(where: { $0.id == id }) { try await close(attempt, prediction: nil, byServer: true) }
            case .refused(let refusal):
                throw ContestFailure.refused(refusal)
            case .start(let number, let deadline):
                let drawn = try await draw(round: round, bank: bank)
                let json = String(decoding: try Self.encoder.encode(drawn), as: UTF8.self)
                let id = UUID()
                let rows = try await db.sql.raw(
                    """
                    INSERT INTO contest_attempts (id, round_id, participant_id, number, started_at, deadline, questions, closed_by_server)
                    VALUES (\(bind: id), \(bind: roundID), \(bind: participantID), \(bind: number), \(bind: moment), \(bind: deadline),
                            \(bind: json), \(bind: false))
                    ON CONFLICT DO NOTHING
                    RETURNING id
                    """
                ).all()
                if !rows.isEmpty {
                    return ContestAttemptRecord(
                        id: id, roundID: roundID, participantID: participantID, number: number, startedAt: moment, deadline: deadline,
                        questions: json)
                }
            // Another start of the same person won the race: read again and resume it.
            }
        }
        throw ContestFailure.conflict("Hệ thống đang bận, vui lòng bấm “Bắt đầu” lại sau giây lát.")
    }

    /// A fresh draw from the bank under the round's rule, seeded from the system's random source.
    private func draw(round: ContestRoundRecord, bank known: [BankQuestion]?) async throws -> [DrawnQuestion] {
        var bank = known ?? []
        if known == nil { bank = try await readBank(contestID: round.$contest.id) }
        switch round.rule.draw(from: bank, seed: UInt64.random(in: .min ... .max)) {
        case .success(let drawn): return drawn
        case .failure(let problem): throw ContestFailure.conflict(problem.message)
        }
    }

    private func readBank(contestID: UUID) async throws -> [BankQuestion] {
        try await ContestQuestionRecord.query(on: db).filter(\.$contest.$id == contestID).field(\.$id).field(\.$category.$id).all()
            .compactMap { question in question.id.map { BankQuestion(id: $0, categoryID: question.$category.id) } }
    }

    /// Saves the option shown at `shownPosition` as the answer to `questionID`, replacing an earlier one.
    /// Refused after the deadline and its grace, for a question outside the attempt, or once submitted.
    func answer(_ attempt: ContestAttemptRecord, round: ContestRoundRecord, questionID: UUID, shownPosition: Int) async throws {
        let drawn = attempt.drawn
        let bankOption = drawn.first(where: { $0.questionID == questionID })?.bankOption(atShownPosition: shownPosition) ?? -1
        let moment = now()
        if let refusal = AttemptRules.answerRefusal(
            questionID: questionID, option: bankOption, attempt: attempt.state, questions: drawn, round: round.schedule, now: moment)
        {
            throw ContestFailure.refused(refusal)
        }
        let attemptID = try attempt.requireID()
        // The attempt must still be open when the answer is written: checked in the same statement, and
        // on PostgreSQL under a share lock, so a submission running at the same moment either sees this
        // answer or makes this statement write nothing.
        let lock = db.sql.dialect.name == "postgresql" ? " FOR SHARE" : ""
        let rows = try await db.sql.raw(
            """
            INSERT INTO contest_answers (id, attempt_id, question_id, chosen_option, saved_at)
            SELECT \(bind: UUID()), \(bind: attemptID), \(bind: questionID), \(bind: bankOption), \(bind: moment)
            WHERE EXISTS (SELECT 1 FROM contest_attempts WHERE id = \(bind: attemptID) AND submitted_at IS NULL\(unsafeRaw: lock))
            ON CONFLICT (attempt_id, question_id) DO UPDATE SET chosen_option = excluded.chosen_option, saved_at = excluded.saved_at
            RETURNING id
            """
        ).all()
        if rows.isEmpty {
            let fresh = try await ContestAttemptRecord.find(attemptID, on: db)
            throw ContestFailure.refused(.alreadySubmitted(submittedAt: fresh?.submittedAt ?? moment))
        }
    }

    /// One attempt, read with plain SQL: every question page and saved answer needs it, and Fluent's
    /// reflective decoding cost more than the rest of the request.
    func attempt(_ id: UUID) async throws -> ContestAttemptRecord? {
        guard
            let row = try await db.sql.raw(
                """
                SELECT id, round_id, participant_id, number, started_at, deadline, questions, submitted_at, closed_by_server,
                       score, answered, prediction, duration_ms
                FROM contest_attempts WHERE id = \(bind: id)
                """
            ).first()
        else { return nil }
        let attempt = ContestAttemptRecord(
            id: try row.decode(column: "id", as: UUID.self), roundID: try row.decode(column: "round_id", as: UUID.self),
            participantID: try row.decode(column: "participant_id", as: UUID.self), number: try row.decode(column: "number", as: Int.self),
            startedAt: try row.decode(column: "started_at", as: Date.self), deadline: try row.decode(column: "deadline", as: Date.self),
            questions: try row.decode(column: "questions", as: String.self))
        attempt.submittedAt = try row.decode(column: "submitted_at", as: Date?.self)
        attempt.closedByServer = try row.decode(column: "closed_by_server", as: Bool.self)
        attempt.score = try row.decode(column: "score", as: Int?.self)
        attempt.answered = try row.decode(column: "answered", as: Int?.self)
        attempt.prediction = try row.decode(column: "prediction", as: Int?.self)
        attempt.durationMilliseconds = try row.decode(column: "duration_ms", as: Int64?.self)
        return attempt
    }

    /// The saved answers of an attempt: question → bank option. Plain SQL: every question page asks.
    func answers(of attemptID: UUID, on db: (any Database)? = nil) async throws -> [UUID: Int] {
        let rows = try await (db ?? self.db).sql.raw(
            "SELECT question_id, chosen_option FROM contest_answers WHERE attempt_id = \(bind: attemptID)"
        ).all()
        return Dictionary(
            try rows.map { (try $0.decode(column: "question_id", as: UUID.self), try $0.decode(column: "chosen_option", as: Int.self)) }
        ) { _, last in last }
    }

    /// How many people started each round of a contest (the public sees this number while a round is open).
    func participantCounts(contestID: UUID) async throws -> [UUID: Int] {
        let rows = try await db.sql.raw(
            """
            SELECT a.round_id, COUNT(DISTINCT a.participant_id) AS people FROM contest_attempts a
            JOIN contest_rounds r ON r.id = a.round_id
            WHERE r.contest_id = \(bind: contestID)
            GROUP BY a.round_id
            """
        ).all()
        return Dictionary(
            try rows.map { (try $0.decode(column: "round_id", as: UUID.self), try $0.decode(column: "people", as: Int.self)) }
        ) { first, _ in first }
    }

    /// Submits (or, `byServer`, closes when overdue) an attempt from its saved answers. The recorded
    /// instant is never after the deadline. Idempotent: an attempt already submitted is returned as is.
    @discardableResult
    func close(_ attempt: ContestAttemptRecord, prediction: Int?, byServer: Bool) async throws -> ContestAttemptRecord {
        let attemptID = try attempt.requireID()
        let recorded = AttemptRules.recordedSubmission(deadline: attempt.deadline, at: now())
        let drawn = attempt.drawn
        let questions = try await ContestQuestionRecord.query(on: db).filter(\.$id ~~ drawn.map(\.questionID)).all()
        let correct = Dictionary(uniqueKeysWithValues: questions.compactMap { question in question.id.map { ($0, question.correctOption) } })
        let durationMilliseconds = ContestEntry.milliseconds(from: attempt.startedAt, to: recorded)
        try await db.writeTransaction { db in
            // Marking it submitted first takes the row: an answer arriving now waits for this
            // transaction and then finds the attempt closed, so the score below counts every saved answer.
            let marked = try await db.sql.raw(
                """
                UPDATE contest_attempts SET submitted_at = \(bind: recorded), closed_by_server = \(bind: byServer),
                       prediction = \(bind: prediction), duration_ms = \(bind: durationMilliseconds)
                WHERE id = \(bind: attemptID) AND submitted_at IS NULL
                RETURNING id
                """
            ).all()
            guard !marked.isEmpty else { return }
            let saved = try await answers(of: attemptID, on: db)
                .filter { correct[$0.key] != nil && (0..<QuestionDrawRule.optionCount).contains($0.value) }
            let result = try AttemptResult(correctOptions: correct, answers: saved)
            try await db.sql.raw(
                """
                UPDATE contest_attempts SET score = \(bind: result.score), answered = \(bind: result.answered)
                WHERE id = \(bind: attemptID)
                """
            ).run()
        }
        return try await ContestAttemptRecord.find(attemptID, on: db) ?? attempt
    }

    /// Scores again, from their saved answers, the submitted attempts of `contestID` that drew
    /// `questionID`: the organiser corrected its right option, and a score must follow the bank as it
    /// stands. Runs on `db`, the transaction that saved the question, so the new option is the one
    /// read. Returns the rounds whose scores changed.
    func rescore(drawing questionID: UUID, contestID: UUID, on db: any Database) async throws -> Set<UUID> {
        let rounds = try await ContestRoundRecord.query(on: db).filter(\.$contest.$id == contestID).all().compactMap(\.id)
        guard !rounds.isEmpty else { return [] }
        // The JSON holds the id; the substring match narrows the read, the decoded list decides.
        let candidates = try await ContestAttemptRecord.query(on: db).filter(\.$round.$id ~~ rounds).filter(\.$submittedAt != nil)
            .filter(\.$questions, .contains(inverse: false, .anywhere), questionID.uuidString).all()
        let affected = candidates.filter { $0.drawn.contains { $0.questionID == questionID } }
        guard !affected.isEmpty else { return [] }
        let correct = Dictionary(
            uniqueKeysWithValues: try await ContestQuestionRecord.query(on: db).filter(\.$contest.$id == contestID).all().compactMap { question in
                question.id.map { ($0, question.correctOption) }
            })
        var changed: Set<UUID> = []
        for attempt in affected {
            let attemptID = try attempt.requireID()
            let drawnIDs = Set(attempt.drawn.map(\.questionID))
            let saved = try await answers(of: attemptID, on: db)
                .filter { drawnIDs.contains($0.key) && correct[$0.key] != nil && (0..<QuestionDrawRule.optionCount).contains($0.value) }
            let result = try AttemptResult(correctOptions: correct.filter { drawnIDs.contains($0.key) }, answers: saved)
            guard result.score != attempt.score else { continue }
            try await db.sql.raw("UPDATE contest_attempts SET score = \(bind: result.score) WHERE id = \(bind: attemptID)").run()
            changed.insert(attempt.$round.id)
        }
        return changed
    }

    /// Closes every attempt whose deadline and grace have passed, from its saved answers (the singleton
    /// task, issue #12). Returns how many were closed; at most `limit` per call.
    @discardableResult
    func closeOverdue(limit: Int = 500) async throws -> Int {
        let cutoff = now().addingTimeInterval(-RoundSchedule.defaultAnswerGrace)
        let overdue = try await ContestAttemptRecord.query(on: db).filter(\.$submittedAt == nil).filter(\.$deadline < cutoff)
            .sort(\.$deadline).limit(limit).all()
        for attempt in overdue {
            try await close(attempt, prediction: nil, byServer: true)
        }
        return overdue.count
    }
}

extension RoundSchedule {
    /// The grace `RoundSchedule` gives by default; rounds in Loa keep it.
    static let defaultAnswerGrace: TimeInterval = RoundSchedule(
        opensAt: .distantPast, closesAt: .distantFuture, timeLimit: 1, attemptsAllowed: 1, counting: .best
    ).answerGrace
}
