import FluentKit
import Foundation
import LoaCore
import SQLKit

/// The demo's online contest (issue #12): "Tìm hiểu về cải cách hành chính", organised by the
/// district's Phòng Nội vụ (so it runs on the district's site), with the question bank shipped in
/// `Resources/Demo/contest-cchc.csv`, headcounts for collective prizes, a first round closed and
/// ranked, a second round open, and 300 generated participants across the district's units.
/// Attempts are started and submitted through `ContestAttempts` at the moments they would have
/// happened (answers written in bulk between), so the demo's draws, scores and rankings are what the
/// real code makes.
extension DemoWorld {
    static let contestSlug = "tim-hieu-cai-cach-hanh-chinh"
    /// Every demo participant's password: they exist to fill rankings and statistics, not to sign in.
    static let contestDemoPassword = "thi-thu-cchc"

    static func seedContest(on db: any Database, now: Date, passwordHash: String) async throws {
        if try await ContestRecord.query(on: db).filter(\.$slug == contestSlug).count() == 0 {
            try await seedContestBankAndPeople(on: db, now: now, passwordHash: passwordHash)
        }
        guard let contest = try await ContestRecord.query(on: db).filter(\.$slug == contestSlug).first() else { return }
        let rounds = try await ContestRoundRecord.query(on: db).filter(\.$contest.$id == contest.requireID()).sort(\.$opensAt).all()
        let people = try await ContestParticipantRecord.query(on: db).filter(\.$contest.$id == contest.requireID()).sort(\.$phone).all()
        guard rounds.count == 2 else { return }
        // A start interrupted during the attempts resumes with the people who have none yet.
        try await seedAttempts(round: rounds[0], people: Array(people.prefix(160)), salt: 1, on: db)
        try await seedAttempts(round: rounds[1], people: Array(people.suffix(100)), salt: 2, on: db)
        if rounds[0].rankedAt == nil {
            let submitted = try await ContestAttemptRecord.query(on: db).filter(\.$round.$id == rounds[0].requireID())
                .filter(\.$submittedAt != nil).unique().all(\.$participant.$id).count
            _ = try await ContestResults(db: db, now: { now }).rank(round: rounds[0], actualFigure: submitted)
        }
    }

    private static func seedContestBankAndPeople(on db: any Database, now: Date, passwordHash: String) async throws {
        let units = try await Unit.query(on: db).all()
        guard let organiser = units.first(where: { $0.code == "TPD-NV" }), let district = units.first(where: { $0.code == districtCode }) else {
            throw DemoWorldError.missingUnit("TPD-NV")
        }
        guard let folder = AppResources.url("Demo") else { throw DemoWorldError.missingUnit("Resources/Demo") }
        let csv = try String(contentsOf: folder.appendingPathComponent("contest-cchc.csv"), encoding: .utf8)
        try await db.writeTransaction { db in
            let contest = ContestRecord()
            contest.$unit.id = try organiser.requireID()
            contest.slug = contestSlug
            contest.title = "Tìm hiểu về cải cách hành chính"
            contest.rules = contestRules
            contest.groups = "Cán bộ, công chức, viên chức\nNgười dân"
            contest.idHashKey = UUID().uuidString
            try await contest.create(on: db)
            let contestID = try contest.requireID()
            let report = try await QuestionBankImport(db: db).run(csv: csv, contestID: contestID)
            guard report.problems.isEmpty else { throw DemoWorldError.missingUnit("contest bank: \(report.problems.joined(separator: "; "))") }
            let categories = try await ContestCategoryRecord.query(on: db).filter(\.$contest.$id == contestID).sort(\.$name).all()

            let day: TimeInterval = 86_400
            // Rounds open at 07:00 and close at 17:00, Vietnam's time (UTC+7, no daylight saving).
            let morning = (now.timeIntervalSince1970 / day).rounded(.down) * day
            let today = Date(timeIntervalSince1970: morning)
            let bands = [
                ParticipationBand(sizeBelow: 20, minimumPercent: 80), ParticipationBand(sizeBelow: 40, minimumPercent: 60),
                ParticipationBand(sizeBelow: nil, minimumPercent: 40),
            ]
            for (name, opens, closes, perCategory, minutes, attempts) in [
                ("Tuần 1", today - 28 * day, today - 21 * day + 36_000, 3, 15, 2), ("Tuần 2", today - 2 * day, today + 5 * day + 36_000, 5, 20, 1),
            ] {
                let round = ContestRoundRecord()
                round.$contest.id = contestID
                round.name = name
                round.opensAt = opens
                round.closesAt = closes
                round.timeLimitSeconds = minutes * 60
                round.attemptsAllowed = attempts
                round.counting = AttemptCountingRule.best.rawValue
                let rule = QuestionDrawRule(
                    quotas: try categories.map { CategoryQuota(categoryID: try $0.requireID(), categoryName: $0.name, count: perCategory) })
                round.drawRule = String(decoding: try JSONEncoder().encode(rule), as: UTF8.self)
                round.predictionQuestion = "Theo bạn, có bao nhiêu người nộp bài trong \(name.lowercased())?"
                round.prizePlan = String(
                    decoding: try JSONEncoder().encode(PrizePlan(counts: [.first: 1, .second: 2, .third: 3, .consolation: 5], capPerUnit: 3)),
                    as: UTF8.self)
                round.answersAfterClose = true
                round.collectiveRule = String(decoding: try JSONEncoder().encode(CollectivePrizeRule(bands: bands, prizeCount: 2)), as: UTF8.self)
                try await round.create(on: db)
            }

            // Who takes part, from where: the district's offices and its communes, with their headcounts.
            let districtID = try district.requireID()
            let scope = units.filter { $0.$parent.id == districtID || $0.id == districtID }.sorted { $0.code < $1.code }
            for (index, unit) in scope.enumerated() {
                let size = ContestUnitSizeRecord()
                size.$contest.id = contestID
                size.unitID = try unit.requireID()
                size.size = unit.kind == UnitKind.commune.rawValue ? 30 + index * 3 : 12 + index * 4
                try await size.create(on: db)
            }
            for index in 0..<300 {
                let unit = scope[(index * 7 + index / 10) % scope.count]
                let person = ContestParticipantRecord()
                person.$contest.id = contestID
                person.phone = "0903" + String(100_000 + index * 37)
                person.passwordHash = passwordHash
                person.fullName = demoName(index)
                person.$unit.id = try unit.requireID()
                person.group = unit.kind == UnitKind.commune.rawValue && index % 3 != 0 ? "Người dân" : "Cán bộ, công chức, viên chức"
                try await person.create(on: db)
            }
        }
    }

    /// Each person starts at their own moment of the round's first days, answers (two in five get
    /// everything right, the others about four in five), predicts, and submits after a few minutes.
    private static func seedAttempts(round: ContestRoundRecord, people: [ContestParticipantRecord], salt: Int, on db: any Database) async throws {
        let roundID = try round.requireID()
        let done = Set(try await ContestAttemptRecord.query(on: db).filter(\.$round.$id == roundID).all(\.$participant.$id))
        let bank = Dictionary(
            uniqueKeysWithValues: try await ContestQuestionRecord.query(on: db).filter(\.$contest.$id == round.$contest.id).all()
                .map { (try $0.requireID(), $0.correctOption) })
        let pending = people.enumerated().filter { !done.contains((try? $0.element.requireID()) ?? UUID()) }
        for batch in stride(from: 0, to: pending.count, by: 50) {
            let slice = Array(pending[batch..<min(batch + 50, pending.count)])
            try await db.writeTransaction { db in
                for (index, person) in slice {
                    let startedAt = round.opensAt.addingTimeInterval(Double(index * 613 % 129_600) + 60)
                    let attempts = ContestAttempts(db: db, now: { startedAt })
                    let attempt = try await attempts.start(round: round, participantID: try person.requireID())
                    // All of a person's answers in one statement (the demo has 360 attempts to make at first start).
                    let answers = db.sql.insert(into: "contest_answers").columns("id", "attempt_id", "question_id", "chosen_option", "saved_at")
                    for (position, drawn) in attempt.drawn.enumerated() {
                        let right = index % 5 < 2 || (index * 7 + position * 3 + salt) % 10 < 8
                        let correct = bank[drawn.questionID] ?? 0
                        answers.values(
                            SQLBind(UUID()), SQLBind(try attempt.requireID()), SQLBind(drawn.questionID), SQLBind(right ? correct : (correct + 1) % 4),
                            SQLBind(startedAt.addingTimeInterval(Double(20 * position + 15))))
                    }
                    try await answers.run()
                    let finishedAt = startedAt.addingTimeInterval(Double(150 + (index * 97 + salt * 13) % 540) + Double(index % 1000) / 1000)
                    _ = try await ContestAttempts(db: db, now: { finishedAt }).close(attempt, prediction: 150 + (index * 53) % 140, byServer: false)
                }
            }
        }
    }

    private static func demoName(_ index: Int) -> String {
        let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi", "Đỗ", "Ngô"]
        let middles = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hữu", "Kim", "Quốc"]
        let givens = [
            "An", "Bình", "Cường", "Dung", "Hạnh", "Hòa", "Khánh", "Lan", "Long", "Mai", "Nam", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trang",
            "Tuấn", "Vy", "Yến", "Đức", "Hiếu", "Nhung", "Oanh",
        ]
        // Family and middle name together differ for 96 people in a row; the given name shifts past that.
        let family = families[index % families.count], middle = middles[(index / families.count) % middles.count]
        return "\(family) \(middle) \(givens[(index * 7 + index / 96) % givens.count])"
    }

    static let contestRules = """
        Cuộc thi trực tuyến “Tìm hiểu về cải cách hành chính” do Phòng Nội vụ huyện tổ chức, nhằm tuyên truyền Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030 và kế hoạch cải cách hành chính của huyện.
        Đối tượng: cán bộ, công chức, viên chức và người dân đang sinh sống, làm việc trên địa bàn huyện. Mỗi số điện thoại đăng ký một lần.
        Cuộc thi gồm các vòng thi theo tuần. Mỗi lượt thi gồm các câu hỏi trắc nghiệm rút ngẫu nhiên từ ngân hàng câu hỏi và một câu hỏi dự đoán; thời gian làm bài được tính từ lúc bấm “Bắt đầu”.
        Xếp hạng theo thứ tự: điểm cao hơn; dự đoán gần đáp số hơn; thời gian làm bài ngắn hơn; nộp bài sớm hơn.
        Giải cá nhân mỗi vòng: 1 giải Nhất, 2 giải Nhì, 3 giải Ba, 5 giải Khuyến khích; mỗi đơn vị nhận tối đa 3 giải. Giải tập thể trao cho 2 đơn vị có tỷ lệ cán bộ, người dân tham gia cao nhất đạt ngưỡng theo quy mô.
        """
}
