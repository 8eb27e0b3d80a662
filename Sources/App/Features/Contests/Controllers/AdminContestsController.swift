import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// Contests in the back office (issue #12). Anyone who reads content in the organising unit sees a
/// contest, its rounds, attempts, ranking and statistics; those who manage plans there (approvers and
/// administrators: the Home Affairs office organises contests) create and change them, import the
/// question bank and close rounds. Contests outside a user's subtree answer 404.
struct AdminContestsController: Sendable {
    let database: DatabaseStack
    var db: any Database { database.db }
    let renderer: PageRenderer
    let clients: Clients
    let hasher: PasswordHasher
    let sites: SiteDirectory
    /// Contests, rounds and the bank are cached by the public pages per content version
    /// (`ContestCatalog`): every change of them goes through `changingContests`.
    let pageCache: PageCache

    static let noRights = "Bạn không có quyền quản lý cuộc thi của đơn vị này."

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.contests.rawValue)) { _, context in try await list(context) }
        group.get(RouterPath(AdminRoute.newContest.rawValue)) { _, context in try await contestForm(context, contest: nil, fields: [:], errors: []) }
        group.post(RouterPath(AdminRoute.newContest.rawValue)) { request, context in try await saveContest(request, context, contest: nil) }
        group.get(RouterPath(AdminRoute.contest.rawValue)) { _, context in
            try await contestForm(context, contest: try await contest(context, .readContent), fields: [:], errors: [])
        }
        group.post(RouterPath(AdminRoute.contest.rawValue)) { request, context in
            try await saveContest(request, context, contest: try await contest(context, .managePlans))
        }
        group.post(RouterPath(AdminRoute.contestQuestions.rawValue)) { request, context in try await importQuestions(request, context) }
        group.post(RouterPath(AdminRoute.contestUnitSizes.rawValue)) { request, context in try await saveUnitSizes(request, context) }
        group.post(RouterPath(AdminRoute.contestPasswordReset.rawValue)) { request, context in try await resetPassword(request, context) }
        group.get(RouterPath(AdminRoute.contestQuestion.rawValue)) { _, context in try await questionForm(context) }
        group.post(RouterPath(AdminRoute.contestQuestion.rawValue)) { request, context in try await saveQuestion(request, context) }
        group.get(RouterPath(AdminRoute.newContestRound.rawValue)) { _, context in
            try await roundPage(context, contest: try await contest(context, .managePlans), round: nil, fields: [:], errors: [])
        }
        group.post(RouterPath(AdminRoute.newContestRound.rawValue)) { request, context in
            try await saveRound(request, context, contest: try await contest(context, .managePlans), round: nil)
        }
        group.get(RouterPath(AdminRoute.contestRound.rawValue)) { _, context in
            let (contest, round) = try await round(context, .readContent)
            return try await roundPage(context, contest: contest, round: round, fields: [:], errors: [])
        }
        group.post(RouterPath(AdminRoute.contestRound.rawValue)) { request, context in
            let (contest, round) = try await round(context, .managePlans)
            return try await saveRound(request, context, contest: contest, round: round)
        }
        group.post(RouterPath(AdminRoute.closeContestRound.rawValue)) { request, context in try await closeRound(request, context) }
        group.get(RouterPath(AdminRoute.contestRankingCSV.rawValue)) { _, context in try await rankingCSV(context) }
    }

    // MARK: Access

    /// A change of contests, rounds or the bank, committed with a content version bump (all sites: a
    /// contest may move between units, and such changes are rare).
    func changingContests<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await pageCache.changingContent(on: db, site: nil, body)
    }

    private func contest(_ context: AppRequestContext, _ action: Action) async throws -> ContestRecord {
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound }
        return try await contest(id: id, context, action)
    }

    func contest(id: UUID, _ context: AppRequestContext, _ action: Action) async throws -> ContestRecord {
        let identity = try context.requireIdentity()
        guard let contest = try await ContestRecord.find(id, on: db) else { throw AppError.notFound }
        let tree = try await UnitTree.load(on: db)
        guard identity.can(.readContent, in: tree, unit: contest.$unit.id) else { throw AppError.notFound }
        guard identity.can(action, in: tree, unit: contest.$unit.id) else { throw AppError.forbidden(Self.noRights) }
        return contest
    }

    private func round(_ context: AppRequestContext, _ action: Action) async throws -> (ContestRecord, ContestRoundRecord) {
        let identity = try context.requireIdentity()
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let round = try await ContestRoundRecord.query(on: db).filter(\.$id == id).with(\.$contest).first()
        else { throw AppError.notFound }
        let tree = try await UnitTree.load(on: db)
        guard identity.can(.readContent, in: tree, unit: round.contest.$unit.id) else { throw AppError.notFound }
        guard identity.can(action, in: tree, unit: round.contest.$unit.id) else { throw AppError.forbidden(Self.noRights) }
        return (round.contest, round)
    }

    // MARK: Contests

    struct ListPage: Sendable {
        struct Row: Sendable { var title, unit, href: String; var rounds, participants: Int }
        var shell: AdminShell
        var rows: [Row]
        var newHref: String?
    }

    private func list(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        guard identity.canSomewhere(.readContent) else { throw AppError.forbidden(Self.noRights) }
        let tree = try await UnitTree.load(on: db)
        let contests = try await ContestRecord.query(on: db).sort(\.$createdAt, .descending).all()
            .filter { identity.can(.readContent, in: tree, unit: $0.$unit.id) }
        var rows: [ListPage.Row] = []
        for contest in contests {
            let id = try contest.requireID()
            rows.append(
                .init(
                    title: contest.title, unit: tree.nodes[contest.$unit.id]?.name ?? "", href: AdminPage.contest(id: id.uuidString).link,
                    rounds: try await ContestRoundRecord.query(on: db).filter(\.$contest.$id == id).count(),
                    participants: try await ContestParticipantRecord.query(on: db).filter(\.$contest.$id == id).count()))
        }
        let page = ListPage(
            shell: AdminShell(identity: identity, title: "Cuộc thi trực tuyến", current: .contests), rows: rows,
            newHref: identity.canSomewhere(.managePlans) ? AdminPage.newContest.link : nil)
        return try renderer.response(page, template: "admin/contests")
    }

    struct ContestPage: Sendable {
        struct RoundRow: Sendable { var name, window, href, state: String; var attempts: Int }
        struct CategoryRow: Sendable { var name: String; var count: Int }
        struct QuestionRow: Sendable { var category, text, correct, href: String }
        var shell: AdminShell
        var heading: String
        var action: String
        var canManage: Bool
        var title, slug, rules, groups: String
        var units: [SelectOption]
        var errors: [FieldProblem]
        var isNew: Bool
        var rounds: [RoundRow]
        var newRoundHref: String?
        var categories: [CategoryRow]
        var questions: [QuestionRow]
        var questionCount: Int
        var importAction: String?
        var importReport: [String]
        var importSummary: String?
        var participants: Int
        struct UnitSize: Sendable { var field, name, value: String }
        var unitSizes: [UnitSize]
        var sizesAction: String?
        var sizesSaved: Bool
        var resetAction: String?
        var resetPhone: String
        var resetNotice: String?
    }

    private func contestForm(
        _ context: AppRequestContext, contest: ContestRecord?, fields: [String: String], errors: [FieldProblem], importReport: [String] = [],
        importSummary: String? = nil, sizesSaved: Bool = false, resetNotice: String? = nil
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        guard identity.canSomewhere(.managePlans) || contest != nil else { throw AppError.forbidden(Self.noRights) }
        let tree = try await UnitTree.load(on: db)
        let canManage = contest.map { identity.can(.managePlans, in: tree, unit: $0.$unit.id) } ?? true
        let units = tree.flattened().filter { node, _ in !node.isRetired && identity.can(.managePlans, in: tree, unit: node.id) }
        let selectedUnit = fields["unit"] ?? contest?.$unit.id.uuidString ?? ""
        var rounds: [ContestPage.RoundRow] = []
        var categories: [ContestPage.CategoryRow] = []
        var questions: [ContestPage.QuestionRow] = []
        var questionCount = 0
        var participants = 0
        var unitSizes: [ContestPage.UnitSize] = []
        let now = clients.now()
        if let contest, let id = contest.id {
            let sizes = try await ContestUnitSizeRecord.query(on: db).filter(\.$contest.$id == id).all()
            let known = Dictionary(sizes.map { ($0.unitID, $0.size) }, uniquingKeysWith: { first, _ in first })
            unitSizes = try await ContestScope.load(on: db, sites: sites).units(of: contest).map { node, depth in
                let field = "size_\(node.id.uuidString)"
                return .init(
                    field: field, name: String(repeating: "— ", count: depth) + node.name, value: fields[field] ?? known[node.id].map(String.init) ?? "")
            }
            for round in try await ContestRoundRecord.query(on: db).filter(\.$contest.$id == id).sort(\.$opensAt).all() {
                rounds.append(
                    .init(
                        name: round.name, window: "\(ContestClock.text(round.opensAt)) – \(ContestClock.text(round.closesAt))",
                        href: AdminPage.contestRound(id: try round.requireID().uuidString).link,
                        state: now < round.opensAt ? "Chưa mở" : now < round.closesAt ? "Đang mở" : round.rankedAt == nil ? "Chờ tổng kết" : "Đã tổng kết",
                        attempts: try await ContestAttemptRecord.query(on: db).filter(\.$round.$id == round.requireID()).count()))
            }
            let categoryRecords = try await ContestCategoryRecord.query(on: db).filter(\.$contest.$id == id).sort(\.$name).all()
            let bank = try await ContestQuestionRecord.query(on: db).filter(\.$contest.$id == id).sort(\.$createdAt).all()
            questionCount = bank.count
            let names = Dictionary(uniqueKeysWithValues: categoryRecords.compactMap { category in category.id.map { ($0, category.name) } })
            categories = categoryRecords.map { category in .init(name: category.name, count: bank.filter { $0.$category.id == category.id }.count) }
            questions = bank.prefix(200).map { question in
                .init(
                    category: names[question.$category.id] ?? "", text: question.text,
                    correct: ["A", "B", "C", "D"].indices.contains(question.correctOption) ? ["A", "B", "C", "D"][question.correctOption] : "?",
                    href: AdminPage.contestQuestion(id: question.id?.uuidString ?? "").link)
            }
            participants = try await ContestParticipantRecord.query(on: db).filter(\.$contest.$id == id).count()
        }
        let id = contest?.id?.uuidString
        let page = ContestPage(
            shell: AdminShell(identity: identity, title: contest?.title ?? "Thêm cuộc thi", current: .contests),
            heading: contest?.title ?? "Thêm cuộc thi", action: id.map { AdminPage.contest(id: $0).link } ?? AdminPage.newContest.link,
            canManage: canManage, title: fields["title"] ?? contest?.title ?? "", slug: fields["slug"] ?? contest?.slug ?? "",
            rules: fields["rules"] ?? contest?.rules ?? "", groups: fields["groups"] ?? contest?.groups ?? "Cán bộ, công chức, viên chức\nNgười dân",
            units: units.map { node, depth in
                SelectOption(value: node.id.uuidString, label: String(repeating: "— ", count: depth) + node.name, selected: node.id.uuidString == selectedUnit)
            },
            errors: errors, isNew: contest == nil, rounds: rounds,
            newRoundHref: canManage ? id.map { AdminPage.newContestRound(id: $0).link } : nil, categories: categories, questions: questions,
            questionCount: questionCount, importAction: canManage ? id.map { AdminPage.contestQuestions(id: $0).link } : nil,
            importReport: importReport, importSummary: importSummary, participants: participants, unitSizes: unitSizes,
            sizesAction: canManage ? id.map { AdminPage.contestUnitSizes(id: $0).link } : nil, sizesSaved: sizesSaved,
            resetAction: canManage ? id.map { AdminPage.contestPasswordReset(id: $0).link } : nil, resetPhone: fields["reset_phone"] ?? "",
            resetNotice: resetNotice)
        return try renderer.response(page, template: "admin/contest", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func saveContest(_ request: Request, _ context: AppRequestContext, contest: ContestRecord?) async throws -> Response {
        let identity = try context.requireIdentity()
        guard identity.canSomewhere(.managePlans) else { throw AppError.forbidden(Self.noRights) }
        let form = try await FormFields.from(request, context: context)
        let fields = form.all.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let tree = try await UnitTree.load(on: db)
        var problems = [
            FieldCheck.text(fields["title"], field: "title", label: "Tên cuộc thi", required: true, max: 300),
            FieldCheck.text(fields["rules"], field: "rules", label: "Thể lệ", required: true, max: 20_000),
            FieldCheck.text(fields["groups"], field: "groups", label: "Đối tượng dự thi", required: false, max: 1000),
        ].compactMap { $0 }
        let slug = VietnameseText.slug((fields["slug"] ?? "").isEmpty ? fields["title"] ?? "" : fields["slug"] ?? "", maxLength: 80)
        if slug.isEmpty {
            problems.append(FieldProblem(field: "slug", message: "Đường dẫn của cuộc thi không được để trống."))
        } else if let other = try await ContestRecord.query(on: db).filter(\.$slug == slug).first(), other.id != contest?.id {
            problems.append(FieldProblem(field: "slug", message: "Đường dẫn “\(slug)” đã được một cuộc thi khác dùng."))
        }
        let unitID = fields["unit"].flatMap(UUID.init(uuidString:))
        if unitID.map({ identity.can(.managePlans, in: tree, unit: $0) && tree.nodes[$0] != nil }) != true {
            problems.append(FieldProblem(field: "unit", message: "Vui lòng chọn đơn vị tổ chức thuộc phạm vi bạn quản lý."))
        }
        guard problems.isEmpty, let unitID else { return try await contestForm(context, contest: contest, fields: fields, errors: problems) }
        let record = contest ?? ContestRecord()
        if contest == nil { record.idHashKey = clients.randomToken(32) }
        record.$unit.id = unitID
        record.title = fields["title"] ?? ""
        record.slug = slug
        record.rules = fields["rules"] ?? ""
        record.groups = fields["groups"] ?? ""
        try await changingContests { db in try await record.save(on: db) }
        return .redirect(to: AdminPage.contest(id: try record.requireID().uuidString).link, type: .normal)
    }

    private func importQuestions(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let contest = try await contest(context, .managePlans)
        let form = try await FormFields.from(request, context: context)
        let contestID = try contest.requireID()
        let csv = form["csv"] ?? ""
        let report = try await changingContests { db in try await QuestionBankImport(db: db).run(csv: csv, contestID: contestID) }
        return try await contestForm(
            context, contest: contest, fields: [:], errors: [], importReport: report.problems,
            importSummary: "Đã thêm \(report.created) câu hỏi, cập nhật \(report.updated) câu hỏi; \(report.problems.count) dòng bị từ chối.")
    }

    private func resetPassword(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let contest = try await contest(context, .managePlans)
        let identity = try context.requireIdentity()
        let form = try await FormFields.from(request, context: context)
        let phone = String(form.text("reset_phone").prefix(40))
        let participants = ContestParticipants(db: db, clients: clients, hasher: hasher)
        do {
            let (participant, password) = try await participants.resetPassword(contest: contest, phone: phone)
            try await AuditLog(db: db, clients: clients).record(
                .contestPasswordReset, actor: identity.actor, subject: "\(contest.title): \(participant.phone)", ip: context.clientIP)
            return try await contestForm(
                context, contest: contest, fields: [:], errors: [],
                resetNotice:
                    "Mật khẩu mới của \(participant.fullName) (\(participant.phone)): \(password). Hãy báo cho người dự thi; mật khẩu cũ và các phiên đăng nhập cũ không còn dùng được."
            )
        } catch let failure as ContestFailure {
            return try await contestForm(context, contest: contest, fields: ["reset_phone": phone], errors: failure.fieldProblems)
        }
    }

    private func saveUnitSizes(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let contest = try await contest(context, .managePlans)
        let contestID = try contest.requireID()
        let form = try await FormFields.from(request, context: context)
        var fields: [String: String] = [:]
        var sizes: [UUID: Int] = [:]
        var problems: [FieldProblem] = []
        for (node, _) in try await ContestScope.load(on: db, sites: sites).units(of: contest) {
            let field = "size_\(node.id.uuidString)"
            let raw = form.text(field).trimmingCharacters(in: .whitespaces)
            fields[field] = String(raw.prefix(20))
            if raw.isEmpty { continue }
            guard let size = RequestNumber.parse(raw, in: 1...1_000_000) else {
                problems.append(FieldProblem(field: field, message: "Quân số của “\(node.name)” phải là số nguyên từ 1 đến 1.000.000, hoặc để trống."))
                continue
            }
            sizes[node.id] = size
        }
        guard problems.isEmpty else { return try await contestForm(context, contest: contest, fields: fields, errors: problems) }
        let stated = sizes
        try await db.writeTransaction { db in
            try await ContestUnitSizeRecord.query(on: db).filter(\.$contest.$id == contestID).delete()
            for (unitID, size) in stated {
                let row = ContestUnitSizeRecord()
                row.$contest.id = contestID
                row.unitID = unitID
                row.size = size
                try await row.create(on: db)
            }
        }
        return try await contestForm(context, contest: contest, fields: [:], errors: [], sizesSaved: true)
    }

    // MARK: Rounds

    struct RoundPage: Sendable {
        struct Quota: Sendable { var field, name, value: String; var available: Int }
        struct AttemptRow: Sendable { var name, phone, unit, started, submitted, score: String; var number: Int }
        struct RankRow: Sendable { var position: Int; var name, unit, score, prediction, duration, decidedBy, prize: String }
        struct UnitRow: Sendable { var unit: String; var registered, participants: Int; var rate: String }
        struct QuestionRow: Sendable { var text, share: String; var answered, right: Int }
        struct CountRow: Sendable { var label: String; var count: Int }
        struct StandingRow: Sendable { var position: Int; var unit, size, participants, rate, threshold, result: String }
        var shell: AdminShell
        var contestTitle, contestHref: String
        var heading, action: String
        var canManage: Bool
        var name, opensAt, closesAt, timeLimit, attemptsAllowed, predictionQuestion: String
        var countings: [SelectOption]
        var quotas: [Quota]
        var first, second, third, consolation, capPerUnit: String
        var answersAfterClose: Bool
        var errors: [FieldProblem]
        var isNew: Bool
        var attempts: [AttemptRow]
        var attemptCount: Int
        var closeAction: String?
        var actualFigure: String
        var ranking: [RankRow]
        var csvHref: String?
        var units: [UnitRow]
        var questionStats: [QuestionRow]
        var groups: [CountRow]
        var days: [CountRow]
        var collectiveCount, collectiveBands: String
        var standings: [StandingRow]
    }

    private static func inputTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = VietnameseDate.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(c.year ?? 2000)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute))"
    }

    private func roundPage(
        _ context: AppRequestContext, contest: ContestRecord, round: ContestRoundRecord?, fields: [String: String], errors: [FieldProblem]
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try await UnitTree.load(on: db)
        let canManage = identity.can(.managePlans, in: tree, unit: contest.$unit.id)
        let contestID = try contest.requireID()
        let categories = try await ContestCategoryRecord.query(on: db).filter(\.$contest.$id == contestID).sort(\.$name).all()
        let bank = try await ContestQuestionRecord.query(on: db).filter(\.$contest.$id == contestID).all()
        let rule = round?.rule
        let quotas = categories.compactMap { category -> RoundPage.Quota? in
            guard let id = category.id else { return nil }
            let field = "quota_\(id.uuidString)"
            return .init(
                field: field, name: category.name,
                value: fields[field] ?? rule?.quotas.first(where: { $0.categoryID == id }).map { String($0.count) } ?? "0",
                available: bank.filter { $0.$category.id == id }.count)
        }
        let prizes = round?.prizes
        var attemptRows: [RoundPage.AttemptRow] = []
        var attemptCount = 0
        var ranking: [RoundPage.RankRow] = []
        var units: [RoundPage.UnitRow] = []
        var questionStats: [RoundPage.QuestionRow] = []
        var groups: [RoundPage.CountRow] = []
        var days: [RoundPage.CountRow] = []
        var standings: [RoundPage.StandingRow] = []
        if let round, let roundID = round.id {
            standings = try await ContestUnitStandingRecord.query(on: db).filter(\.$round.$id == roundID).sort(\.$position).all().map { row in
                .init(
                    position: row.position, unit: tree.nodes[row.unitID]?.name ?? "", size: row.unitSize > 0 ? "\(row.unitSize)" : "chưa nhập",
                    participants: "\(row.participants)", rate: row.unitSize > 0 ? "\(row.participants * 100 / row.unitSize) %" : "—",
                    threshold: row.minimumPercent.map { "\($0) %" } ?? "—",
                    result: row.prize ? "Đạt giải tập thể" : row.eligible ? "Đạt ngưỡng" : "Chưa đạt ngưỡng")
            }
            let split = try await ContestResults(db: db, now: clients.now).groupAndDayStatistics(round: round)
            groups = split.groups.map { .init(label: $0.0, count: $0.1) }
            days = split.days.map { .init(label: $0.0, count: $0.1) }
            questionStats = try await ContestResults(db: db, now: clients.now).questionStatistics(round: round).map { row in
                .init(text: row.text, share: row.answered > 0 ? "\(row.right * 100 / row.answered) %" : "—", answered: row.answered, right: row.right)
            }
            attemptCount = try await ContestAttemptRecord.query(on: db).filter(\.$round.$id == roundID).count()
            let attempts = try await ContestAttemptRecord.query(on: db).filter(\.$round.$id == roundID).sort(\.$startedAt, .descending).limit(100)
                .with(\.$participant).all()
            attemptRows = attempts.map { attempt in
                .init(
                    name: attempt.participant.fullName, phone: attempt.participant.phone, unit: tree.nodes[attempt.participant.$unit.id]?.name ?? "",
                    started: ContestClock.text(attempt.startedAt),
                    submitted: attempt.submittedAt.map { ContestClock.text($0) + (attempt.closedByServer ? " (hệ thống tự nộp)" : "") } ?? "Đang làm bài",
                    score: attempt.score.map { "\($0)/\(attempt.drawn.count)" } ?? "—", number: attempt.number)
            }
            let rows = try await ContestRankingRecord.query(on: db).filter(\.$round.$id == roundID).sort(\.$position).limit(500)
                .with(\.$participant).all()
            ranking = rows.map { row in
                .init(
                    position: row.position, name: row.participant.fullName, unit: tree.nodes[row.participant.$unit.id]?.name ?? "",
                    score: "\(row.score)", prediction: row.prediction.map(String.init) ?? "—",
                    duration: PublicContestController.durationText(row.durationMilliseconds),
                    decidedBy: row.decidedBy.flatMap { name in ContestRanking.Criterion.allCases.first { "\($0)" == name } }?.vietnameseName ?? "",
                    prize: row.prize.flatMap(PrizeLevel.init(rawValue:))?.vietnameseName ?? "")
            }
            units = try await ContestResults(db: db, now: clients.now).unitStatistics(round: round, tree: tree).map { row in
                .init(
                    unit: row.unit, registered: row.registered, participants: row.participants,
                    rate: row.registered > 0 ? "\(row.participants * 100 / row.registered) %" : "—")
            }
        }
        let id = round?.id?.uuidString
        let page = RoundPage(
            shell: AdminShell(identity: identity, title: round?.name ?? "Thêm vòng thi", current: .contests), contestTitle: contest.title,
            contestHref: AdminPage.contest(id: contestID.uuidString).link, heading: round?.name ?? "Thêm vòng thi",
            action: id.map { AdminPage.contestRound(id: $0).link } ?? AdminPage.newContestRound(id: contestID.uuidString).link, canManage: canManage,
            name: fields["name"] ?? round?.name ?? "", opensAt: fields["opens_at"] ?? round.map { Self.inputTime($0.opensAt) } ?? "",
            closesAt: fields["closes_at"] ?? round.map { Self.inputTime($0.closesAt) } ?? "",
            timeLimit: fields["time_limit"] ?? round.map { String($0.timeLimitSeconds / 60) } ?? "20",
            attemptsAllowed: fields["attempts_allowed"] ?? round.map { String($0.attemptsAllowed) } ?? "1",
            predictionQuestion: fields["prediction_question"] ?? round?.predictionQuestion ?? "",
            countings: AttemptCountingRule.allCases.map { rule in
                SelectOption(value: rule.rawValue, label: rule.vietnameseName, selected: rule.rawValue == (fields["counting"] ?? round?.counting ?? "best"))
            },
            quotas: quotas, first: fields["prize_first"] ?? prizes.map { String($0.counts[.first] ?? 0) } ?? "1",
            second: fields["prize_second"] ?? prizes.map { String($0.counts[.second] ?? 0) } ?? "2",
            third: fields["prize_third"] ?? prizes.map { String($0.counts[.third] ?? 0) } ?? "3",
            consolation: fields["prize_consolation"] ?? prizes.map { String($0.counts[.consolation] ?? 0) } ?? "5",
            capPerUnit: fields["prize_cap"] ?? prizes?.capPerUnit.map(String.init) ?? "",
            answersAfterClose: fields.isEmpty ? round?.answersAfterClose ?? true : fields["answers_after_close"] == "1", errors: errors,
            isNew: round == nil, attempts: attemptRows, attemptCount: attemptCount,
            closeAction: canManage && round.map { clients.now() >= $0.closesAt } == true ? id.map { AdminPage.closeContestRound(id: $0).link } : nil,
            actualFigure: fields["actual_figure"] ?? round?.actualFigure.map(String.init) ?? "", ranking: ranking,
            csvHref: round?.rankedAt != nil ? id.map { AdminPage.contestRankingCSV(id: $0).link } : nil, units: units,
            questionStats: questionStats, groups: groups, days: days,
            collectiveCount: fields["collective_count"] ?? round?.collective.map { String($0.prizeCount) } ?? "0",
            collectiveBands: fields["collective_bands"] ?? round?.collective?.bandsText ?? "50: 80\n200: 60\n*: 40", standings: standings)
        return try renderer.response(page, template: "admin/contest-round", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func saveRound(_ request: Request, _ context: AppRequestContext, contest: ContestRecord, round: ContestRoundRecord?) async throws -> Response {
        let form = try await FormFields.from(request, context: context)
        let fields = form.all.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let contestID = try contest.requireID()
        var problems = [
            FieldCheck.text(fields["name"], field: "name", label: "Tên vòng thi", required: true, max: 200),
            FieldCheck.text(fields["prediction_question"], field: "prediction_question", label: "Câu hỏi dự đoán", required: false, max: 500),
        ].compactMap { $0 }
        let opensAt = AdminArticlesController.parseDateTime(fields["opens_at"] ?? "")
        let closesAt = AdminArticlesController.parseDateTime(fields["closes_at"] ?? "")
        if opensAt == nil { problems.append(FieldProblem(field: "opens_at", message: "Thời điểm bắt đầu không hợp lệ.")) }
        if closesAt == nil { problems.append(FieldProblem(field: "closes_at", message: "Thời điểm kết thúc không hợp lệ.")) }
        let minutes = RequestNumber.parse(fields["time_limit"], in: 1...600)
        if minutes == nil { problems.append(FieldProblem(field: "time_limit", message: "Thời gian làm bài phải từ 1 đến 600 phút.")) }
        let allowed = RequestNumber.parse(fields["attempts_allowed"], in: 1...20)
        if allowed == nil { problems.append(FieldProblem(field: "attempts_allowed", message: "Số lượt thi phải từ 1 đến 20.")) }
        let counting = AttemptCountingRule(rawValue: fields["counting"] ?? "") ?? .best
        let categories = try await ContestCategoryRecord.query(on: db).filter(\.$contest.$id == contestID).sort(\.$name).all()
        var quotas: [CategoryQuota] = []
        for category in categories {
            guard let id = category.id else { continue }
            let raw = fields["quota_\(id.uuidString)"] ?? "0"
            guard let count = RequestNumber.parse(raw.isEmpty ? "0" : raw, in: 0...200) else {
                problems.append(FieldProblem(field: "quota_\(id.uuidString)", message: "Số câu của chủ đề “\(category.name)” phải từ 0 đến 200."))
                continue
            }
            if count > 0 { quotas.append(CategoryQuota(categoryID: id, categoryName: category.name, count: count)) }
        }
        let rule = QuestionDrawRule(quotas: quotas)
        let bank = try await ContestQuestionRecord.query(on: db).filter(\.$contest.$id == contestID).all()
            .compactMap { question in question.id.map { BankQuestion(id: $0, categoryID: question.$category.id) } }
        if case .failure(let problem) = rule.draw(from: bank, seed: 0) {
            problems.append(FieldProblem(field: "quotas", message: problem.message))
        } else if rule.questionCount > 100 {
            problems.append(FieldProblem(field: "quotas", message: "Một lượt thi có tối đa 100 câu hỏi."))
        }
        func prize(_ name: String) -> Int? {
            let raw = fields[name] ?? ""
            guard let value = RequestNumber.parse(raw.isEmpty ? "0" : raw, in: 0...1000) else {
                problems.append(FieldProblem(field: name, message: "Số giải phải là số nguyên từ 0 đến 1000."))
                return nil
            }
            return value
        }
        var counts: [PrizeLevel: Int] = [:]
        for (level, name) in [(PrizeLevel.first, "prize_first"), (.second, "prize_second"), (.third, "prize_third"), (.consolation, "prize_consolation")] {
            if let value = prize(name), value > 0 { counts[level] = value }
        }
        var cap: Int?
        if let raw = fields["prize_cap"], !raw.isEmpty {
            cap = RequestNumber.parse(raw, in: 1...1000)
            if cap == nil { problems.append(FieldProblem(field: "prize_cap", message: "Số giải tối đa của một đơn vị phải từ 1 đến 1000, hoặc để trống.")) }
        }
        let plan = PrizePlan(counts: counts, capPerUnit: cap)
        var collective: CollectivePrizeRule?
        let collectiveCount = (fields["collective_count"] ?? "").isEmpty ? 0 : RequestNumber.parse(fields["collective_count"], in: 0...100)
        if collectiveCount == nil {
            problems.append(FieldProblem(field: "collective_count", message: "Số giải tập thể phải là số nguyên từ 0 đến 100."))
        } else if let collectiveCount, collectiveCount > 0 {
            switch CollectivePrizeRule.bands(fromText: String((fields["collective_bands"] ?? "").prefix(500))) {
            case .failure(let problem): problems.append(problem)
            case .success(let bands) where bands.isEmpty:
                problems.append(FieldProblem(field: "collective_bands", message: "Cần ít nhất một ngưỡng tỷ lệ tham gia để trao giải tập thể."))
            case .success(let bands):
                let rule = CollectivePrizeRule(bands: bands, prizeCount: collectiveCount)
                problems += rule.problems.map { FieldProblem(field: "collective_bands", message: $0.message) }
                collective = rule
            }
        }
        if let opensAt, let closesAt, let minutes, let allowed {
            let schedule = RoundSchedule(
                opensAt: opensAt, closesAt: closesAt, timeLimit: TimeInterval(minutes * 60), attemptsAllowed: allowed, counting: counting)
            let others = try await ContestRoundRecord.query(on: db).filter(\.$contest.$id == contestID).all().filter { $0.id != round?.id }
            problems += schedule.problems(otherRounds: others.map { ($0.name, $0.opensAt, $0.closesAt) }).map { problem in
                FieldProblem(
                    field: problem.field == "closesAt" ? "closes_at" : problem.field == "opensAt" ? "opens_at" : problem.field, message: problem.message)
            }
        }
        problems += plan.problems
        guard problems.isEmpty, let opensAt, let closesAt, let minutes, let allowed else {
            return try await roundPage(context, contest: contest, round: round, fields: fields, errors: problems)
        }
        let record = round ?? ContestRoundRecord()
        record.$contest.id = contestID
        record.name = fields["name"] ?? ""
        record.opensAt = opensAt
        record.closesAt = closesAt
        record.timeLimitSeconds = minutes * 60
        record.attemptsAllowed = allowed
        record.counting = counting.rawValue
        record.drawRule = String(decoding: try JSONEncoder().encode(rule), as: UTF8.self)
        record.predictionQuestion = fields["prediction_question"] ?? ""
        record.prizePlan = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
        record.answersAfterClose = fields["answers_after_close"] == "1"
        record.collectiveRule = try collective.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) } ?? ""
        try await changingContests { db in try await record.save(on: db) }
        return .redirect(to: AdminPage.contestRound(id: try record.requireID().uuidString).link, type: .normal)
    }

    private func closeRound(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (contest, round) = try await round(context, .managePlans)
        let form = try await FormFields.from(request, context: context)
        let fields = ["actual_figure": form.text("actual_figure")]
        guard let figure = RequestNumber.parse(fields["actual_figure"], in: PublicContestController.predictionRange) else {
            return try await roundPage(
                context, contest: contest, round: round, fields: fields,
                errors: [FieldProblem(field: "actual_figure", message: "Đáp số của câu hỏi dự đoán phải là số nguyên từ 0 đến 100.000.000.")])
        }
        do {
            _ = try await ContestResults(db: db, now: clients.now).rank(round: round, actualFigure: figure)
            // The ranking bumped the content version in its transaction; this instance sees it at once.
            pageCache.invalidateLocally()
        } catch let failure as ContestFailure {
            return try await roundPage(context, contest: contest, round: round, fields: fields, errors: failure.fieldProblems)
        }
        return .redirect(to: AdminPage.contestRound(id: try round.requireID().uuidString).link, type: .normal)
    }

    private func rankingCSV(_ context: AppRequestContext) async throws -> Response {
        let (_, round) = try await round(context, .readContent)
        let tree = try await UnitTree.load(on: db)
        let rows = try await ContestRankingRecord.query(on: db).filter(\.$round.$id == round.requireID()).sort(\.$position)
            .with(\.$participant).all()
        func field(_ text: String) -> String {
            // A leading =, +, - or @ would be read as a formula by spreadsheets.
            let safe = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
            return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var lines = [
            ["Hạng", "Họ và tên", "Điện thoại", "Đơn vị", "Đối tượng", "Điểm", "Dự đoán", "Thời gian (ms)", "Tiêu chí phân định", "Giải"].map(field)
                .joined(separator: ",")
        ]
        for row in rows {
            lines.append(
                [
                    "\(row.position)", field(row.participant.fullName), field(row.participant.phone),
                    field(tree.nodes[row.participant.$unit.id]?.name ?? ""), field(row.participant.group), "\(row.score)",
                    row.prediction.map(String.init) ?? "", "\(row.durationMilliseconds)",
                    field(row.decidedBy.flatMap { name in ContestRanking.Criterion.allCases.first { "\($0)" == name } }?.vietnameseName ?? ""),
                    field(row.prize.flatMap(PrizeLevel.init(rawValue:))?.vietnameseName ?? ""),
                ].joined(separator: ","))
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"xep-hang-\(VietnameseText.slug(round.name)).csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n")))
    }
}
