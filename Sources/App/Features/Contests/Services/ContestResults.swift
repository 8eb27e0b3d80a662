import FluentKit
import Foundation
import LoaCore
import SQLKit

/// Closing a round: the ranking and prizes computed by LoaCore from the submitted attempts, stored
/// whole, so published results and the CSV are read back, never recomputed on the fly.
struct ContestResults: Sendable {
    let db: any Database
    let now: @Sendable () -> Date

    /// The round's submitted attempts as the ranking sees them.
    func entries(round: ContestRoundRecord, actualFigure: Int) async throws -> [ContestEntry] {
        let attempts = try await ContestAttemptRecord.query(on: db).filter(\.$round.$id == round.requireID())
            .filter(\.$submittedAt != nil).with(\.$participant).all()
        return attempts.compactMap { attempt in
            guard let id = attempt.id, let submittedAt = attempt.submittedAt else { return nil }
            return ContestEntry(
                id: id, participantID: attempt.$participant.id, unitID: attempt.participant.$unit.id, score: attempt.score ?? 0,
                prediction: attempt.prediction, actualFigure: actualFigure, startedAt: attempt.startedAt, submittedAt: submittedAt)
        }
    }

    /// Ranks a round that has closed: overdue attempts are closed first, then the ranking and prizes
    /// are stored in one transaction (replacing an earlier ranking of the round).
    func rank(round: ContestRoundRecord, actualFigure: Int) async throws -> (ranking: [ContestRanking.RankedEntry], prizes: PrizeAllocation) {
        let moment = now()
        let schedule = round.schedule
        guard moment >= schedule.answerCutoff(deadline: schedule.closesAt) else {
            throw ContestFailure.conflict(
                "Vòng thi chỉ được tổng kết sau khi kết thúc (\(ContestClock.text(schedule.closesAt))) và hết thời gian nhận câu trả lời cuối cùng.")
        }
        let attempts = ContestAttempts(db: db, now: now)
        let open = try await ContestAttemptRecord.query(on: db).filter(\.$round.$id == round.requireID()).filter(\.$submittedAt == nil).all()
        for attempt in open { try await attempts.close(attempt, prediction: nil, byServer: true) }
        let ranking = ContestRanking.ranking(of: try await entries(round: round, actualFigure: actualFigure), rule: schedule.counting)
        let prizes = PrizeAllocation(ranking: ranking, plan: round.prizes)
        let prizeOf = Dictionary(uniqueKeysWithValues: prizes.awards.map { ($0.winner.entry.id, $0.level) })
        let roundID = try round.requireID()
        let standings = try await collectiveStandings(round: round)
        try await db.writeTransaction { db in
            try await ContestUnitStandingRecord.query(on: db).filter(\.$round.$id == roundID).delete()
            for (index, standing) in standings.enumerated() {
                let row = ContestUnitStandingRecord()
                row.$round.id = roundID
                row.unitID = standing.unit.unitID
                row.position = index + 1
                row.participants = standing.unit.participants
                row.unitSize = standing.unit.unitSize
                row.minimumPercent = standing.minimumPercent
                row.eligible = standing.eligible
                row.prize = standing.prize
                try await row.create(on: db)
            }
            try await ContestRankingRecord.query(on: db).filter(\.$round.$id == roundID).delete()
            for ranked in ranking {
                let row = ContestRankingRecord()
                row.$round.id = roundID
                row.$attempt.id = ranked.entry.id
                row.$participant.id = ranked.entry.participantID
                row.position = ranked.position
                row.score = ranked.entry.score
                row.prediction = ranked.entry.prediction
                row.durationMilliseconds = ranked.entry.durationMilliseconds
                row.decidedBy = ranked.decidedBy.map { "\($0)" }
                row.prize = prizeOf[ranked.entry.id]?.rawValue
                try await row.create(on: db)
            }
            guard let stored = try await ContestRoundRecord.find(roundID, on: db) else { return }
            stored.actualFigure = actualFigure
            stored.rankedAt = moment
            try await stored.update(on: db)
            // The public pages cache rounds per content version (`ContestCatalog`).
            try await PageCache.bump(on: db)
        }
        return (ranking, prizes)
    }

    /// The units' standings for the round's collective prize (none without a rule): distinct people of
    /// each unit who submitted, against the headcount the organiser stated; a unit with participants
    /// but no stated headcount is listed and cannot win.
    func collectiveStandings(round: ContestRoundRecord) async throws -> [UnitStanding] {
        guard let rule = round.collective else { return [] }
        let sizes = try await ContestUnitSizeRecord.query(on: db).filter(\.$contest.$id == round.$contest.id).all()
        let submitted = try await ContestAttemptRecord.query(on: db).filter(\.$round.$id == round.requireID())
            .filter(\.$submittedAt != nil).with(\.$participant).all()
        var people: [UUID: Set<UUID>] = [:]
        for attempt in submitted { people[attempt.participant.$unit.id, default: []].insert(attempt.$participant.id) }
        var units = Dictionary(uniqueKeysWithValues: sizes.map { ($0.unitID, UnitParticipation(unitID: $0.unitID, participants: 0, unitSize: $0.size)) })
        for (unitID, members) in people {
            units[unitID, default: UnitParticipation(unitID: unitID, participants: 0, unitSize: 0)].participants = members.count
        }
        return rule.standings(Array(units.values))
    }

    struct UnitRow: Sendable {
        var unitID: UUID
        var unit: String
        var registered: Int
        var participants: Int
    }

    /// Participants per unit of a round: registered in the contest, and distinct people who submitted.
    func unitStatistics(round: ContestRoundRecord, tree: UnitTree) async throws -> [UnitRow] {
        let registered = try await ContestParticipantRecord.query(on: db).filter(\.$contest.$id == round.$contest.id).all()
        let submitted = try await ContestAttemptRecord.query(on: db).filter(\.$round.$id == round.requireID())
            .filter(\.$submittedAt != nil).all()
        let people = Set(submitted.map { $0.$participant.id })
        var rows: [UUID: UnitRow] = [:]
        for participant in registered {
            let unitID = participant.$unit.id
            var row = rows[unitID] ?? UnitRow(unitID: unitID, unit: tree.nodes[unitID]?.name ?? "", registered: 0, participants: 0)
            row.registered += 1
            if let id = participant.id, people.contains(id) { row.participants += 1 }
            rows[unitID] = row
        }
        return rows.values.sorted { ($0.participants, $1.unit) > ($1.participants, $0.unit) }
    }

    struct QuestionRow: Sendable {
        var text: String
        var answered: Int
        var right: Int
    }

    /// Per question, among the round's submitted attempts: answers and right answers, hardest first,
    /// so a question most people get wrong (often a badly worded one) stands out (issue #12).
    func questionStatistics(round: ContestRoundRecord, limit: Int = 100) async throws -> [QuestionRow] {
        let rows = try await db.sql.raw(
            """
            SELECT q.text AS text, COUNT(*) AS answered,
                   SUM(CASE WHEN a.chosen_option = q.correct_option THEN 1 ELSE 0 END) AS right_answers
            FROM contest_answers a
            JOIN contest_attempts t ON t.id = a.attempt_id
            JOIN contest_questions q ON q.id = a.question_id
            WHERE t.round_id = \(bind: try round.requireID()) AND t.submitted_at IS NOT NULL
            GROUP BY q.id, q.text
            """
        ).all()
        return try rows.map { row in
            QuestionRow(
                text: try row.decode(column: "text", as: String.self), answered: try row.decode(column: "answered", as: Int.self),
                right: try row.decode(column: "right_answers", as: Int.self))
        }
        .sorted { ($0.right * max(1, $1.answered), $0.text) < ($1.right * max(1, $0.answered), $1.text) }
        .prefix(limit).map { $0 }
    }

    /// Distinct people who submitted in the round, per group and per day of their first submission
    /// (Vietnam's calendar day), for the organiser (issue #12).
    func groupAndDayStatistics(round: ContestRoundRecord) async throws -> (groups: [(String, Int)], days: [(String, Int)]) {
        let submitted = try await ContestAttemptRecord.query(on: db).filter(\.$round.$id == round.requireID())
            .filter(\.$submittedAt != nil).sort(\.$submittedAt).with(\.$participant).all()
        var groups: [String: Set<UUID>] = [:]
        var firstDay: [UUID: String] = [:]
        for attempt in submitted {
            let person = attempt.$participant.id
            groups[attempt.participant.group.isEmpty ? "(không chọn)" : attempt.participant.group, default: []].insert(person)
            if firstDay[person] == nil, let at = attempt.submittedAt { firstDay[person] = VietnameseDate.day(at) }
        }
        let days = Dictionary(grouping: firstDay.values, by: { $0 }).mapValues(\.count)
        return (
            groups.map { ($0.key, $0.value.count) }.sorted { $0.0 < $1.0 },
            days.map { ($0.key, $0.value) }.sorted { ($0.0.split(separator: "/").reversed().joined(), 0) < ($1.0.split(separator: "/").reversed().joined(), 0) }
        )
    }
}
