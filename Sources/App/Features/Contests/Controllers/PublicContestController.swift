import FluentKit
import Foundation
import Hummingbird
import LoaCore
import Mustache

/// The participants' pages (issue #12), outside the page cache: they depend on who is signed in. Plain
/// forms work without JavaScript; every POST carries the participant session's CSRF token, or before
/// sign-in the `loa_thi_csrf` cookie's (double submit), like the back office.
struct PublicContestController: Sendable {
    let pages: PublicController
    var db: any Database { pages.db }
    let hasher: PasswordHasher
    let catalog: ContestCatalog
    let unitTrees: UnitTreeCache

    static let sessionCookie = "loa_thi"
    static let csrfCookie = "loa_thi_csrf"

    var participants: ContestParticipants { ContestParticipants(db: db, clients: pages.clients, hasher: hasher) }
    var attempts: ContestAttempts { ContestAttempts(db: db, now: pages.clients.now) }
    var powGate: ProofOfWorkGate { ProofOfWorkGate(db: db, clients: pages.clients, difficultyBits: pages.configuration.proofOfWorkBits) }

    func register(_ routes: PublicRoutes) {
        let gets: [SiteRoute] = [
            .contests, .contest, .contestRegister, .contestSignIn, .contestRoundResults, .contestAttempt, .contestSubmit, .contestAttemptResult,
        ]
        let posts: [SiteRoute] = [.contestRegister, .contestSignIn, .contestSignOut, .contestStart, .contestAnswer, .contestSubmit]
        for (method, list) in [(HTTPRequest.Method.get, gets), (.post, posts)] {
            for route in list {
                routes.uncachedSite(route, method: method) { r in try await handle(method, route, r) }
            }
        }
    }

    private func handle(_ method: HTTPRequest.Method, _ route: SiteRoute, _ r: PublicRequest) async throws -> Response {
        var response: Response
        if route == .contests {
            response = try await list(r)
        } else {
            let visit = try await visit(r)
            if method == .post {
                response = try await post(route, visit)
            } else {
                switch route {
                case .contestRegister: response = try await registerPage(visit, fields: [:], errors: [], status: .ok)
                case .contestSignIn: response = try await signInPage(visit, phone: "", error: nil, status: .ok)
                case .contestRoundResults: response = try await roundResults(visit)
                case .contestAttempt: response = try await question(visit, notice: nil)
                case .contestSubmit: response = try await submitPage(visit, error: nil)
                case .contestAttemptResult: response = try await result(visit)
                default: response = try await contestPage(visit, error: nil)
                }
            }
            if let cookie = visit.newCSRFCookie { response.setCookie(cookie) }
        }
        response.headers[.cacheControl] = "no-store"
        return response
    }

    private func post(_ route: SiteRoute, _ visit: Visit) async throws -> Response {
        let form = try await FormFields.from(visit.r.request, context: visit.r.context)
        guard let submitted = form[CSRFMiddleware.fieldName], !visit.csrf.isEmpty, TokenHash.constantTimeEquals(visit.csrf, submitted),
            visit.newCSRFCookie == nil
        else { throw AppError.invalidCSRF }
        switch route {
        case .contestRegister: return try await registerParticipant(visit, form)
        case .contestSignIn: return try await signIn(visit, form)
        case .contestSignOut:
            if let token = visit.r.request.cookies[Self.sessionCookie]?.value { try await participants.closeSession(token: token) }
            var response = Response.redirect(to: visit.r.mount.path(.contest(visit.contest.slug)), type: .normal)
            response.setCookie(Cookie(name: Self.sessionCookie, value: "", maxAge: 0, path: "/", secure: secure(visit.r), httpOnly: true, sameSite: .lax))
            return response
        case .contestStart: return try await start(visit)
        case .contestAnswer: return try await saveAnswer(visit, form)
        default: return try await submit(visit, form)
        }
    }

    // MARK: The visit: contest, participant, CSRF

    struct Visit: Sendable {
        var r: PublicRequest
        /// The contest with its rounds and bank, from the catalog: shared, read-only.
        var entry: ContestCatalog.Entry
        var contest: ContestRecord { entry.contest }
        /// Where the contest runs, read once per request (the registration form and its check need it again).
        var scope: ContestScope
        var participant: ContestParticipants.SignedIn?
        var csrf: String
        var newCSRFCookie: Cookie?
    }

    private func secure(_ r: PublicRequest) -> Bool { r.context.isHTTPS(configured: pages.configuration.usesHTTPS) }

    private func visit(_ r: PublicRequest) async throws -> Visit {
        guard let slug = r.context.parameters.get("contest"), slug.utf8.count <= 120,
            let entry = try await catalog.contest(slug: slug)
        else { throw AppError.notFound }
        let scope = try await ContestScope.load(trees: unitTrees, sites: pages.sites)
        guard scope.root(of: entry.contest) == r.site.unitID else { throw AppError.notFound }
        var participant: ContestParticipants.SignedIn?
        var csrf = ""
        if let token = r.request.cookies[Self.sessionCookie]?.value, let session = try await participants.session(token: token),
            session.contestID == entry.contest.id
        {
            participant = session
            csrf = session.csrfToken
        }
        var cookie: Cookie?
        if participant == nil {
            (csrf, cookie) = PublicFormCSRF(cookieName: Self.csrfCookie, clients: pages.clients, secure: secure(r)).token(for: r.request)
        }
        return Visit(r: r, entry: entry, scope: scope, participant: participant, csrf: csrf, newCSRFCookie: cookie)
    }

    private func requireParticipant(_ visit: Visit) throws -> ContestParticipants.SignedIn {
        guard let participant = visit.participant else {
            throw ContestFailure.conflict("Vui lòng đăng nhập (hoặc đăng ký) để tham gia cuộc thi.")
        }
        return participant
    }

    private func shell(_ visit: Visit, title: String) -> PublicShell {
        var shell = pages.shell(visit.r, current: .contest(visit.contest.slug), title: title)
        shell.breadcrumbs = [
            MenuItem(label: "Trang chủ", href: visit.r.mount.path(.home)),
            MenuItem(label: "Cuộc thi", href: visit.r.mount.path(.contests)),
            MenuItem(label: visit.contest.title, href: visit.r.mount.path(.contest(visit.contest.slug)), current: true),
        ]
        return shell
    }

    // MARK: Contest list and page

    struct ListPage: Sendable {
        struct Row: Sendable { var title, href: String }
        var shell: PublicShell
        var rows: [Row]
    }

    private func list(_ r: PublicRequest) async throws -> Response {
        let scope = try await ContestScope.load(trees: unitTrees, sites: pages.sites)
        let contests = try await ContestRecord.query(on: db).sort(\.$createdAt, .descending).all().filter { scope.root(of: $0) == r.site.unitID }
        var shell = pages.shell(r, current: .contests, title: "Cuộc thi trực tuyến")
        shell.breadcrumbs = [
            MenuItem(label: "Trang chủ", href: r.mount.path(.home)), MenuItem(label: "Cuộc thi", href: r.mount.path(.contests), current: true),
        ]
        let page = ListPage(shell: shell, rows: contests.map { .init(title: $0.title, href: r.mount.path(.contest($0.slug))) })
        return try pages.renderer.response(page, template: "public/contests")
    }

    struct ContestPage: Sendable {
        struct Round: Sendable {
            var name, window, limit, state: String
            var participants: Int
            var startAction: String?
            var resultsHref: String?
            var attemptsLeft: String?
        }
        var shell: PublicShell
        var title: String
        var rules: [String]
        var rounds: [Round]
        var participantName: String?
        var registerHref, signInHref, signOutAction: String
        var csrf: String
        var error: String?
    }

    private func contestPage(_ visit: Visit, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let now = pages.clients.now()
        let rounds = visit.entry.rounds
        let counts = try await attempts.participantCounts(contestID: visit.contest.requireID())
        var rows: [ContestPage.Round] = []
        for round in rounds {
            let roundID = try round.requireID().uuidString.lowercased()
            let count = counts[try round.requireID()] ?? 0
            let state =
                now < round.opensAt ? "Chưa mở" : now < round.closesAt ? "Đang mở" : round.rankedAt == nil ? "Đã kết thúc, đang tổng kết" : "Đã có kết quả"
            var left: String?
            if let participant = visit.participant, now < round.closesAt {
                let used = try await ContestAttemptRecord.query(on: db).filter(\.$round.$id == round.requireID())
                    .filter(\.$participant.$id == participant.id).count()
                left = "Bạn đã dùng \(used)/\(round.attemptsAllowed) lượt thi."
            }
            rows.append(
                .init(
                    name: round.name, window: "Từ \(ContestClock.text(round.opensAt)) đến \(ContestClock.text(round.closesAt))",
                    limit: "\(round.rule.questionCount) câu hỏi, \(round.timeLimitSeconds / 60) phút, \(round.attemptsAllowed) lượt thi",
                    state: state, participants: count,
                    startAction: round.schedule.isOpen(at: now) && visit.participant != nil
                        ? visit.r.mount.path(.contestStart(visit.contest.slug, round: roundID)) : nil,
                    resultsHref: round.rankedAt != nil ? visit.r.mount.path(.contestRoundResults(visit.contest.slug, round: roundID)) : nil,
                    attemptsLeft: left))
        }
        let slug = visit.contest.slug
        let page = ContestPage(
            shell: shell(visit, title: visit.contest.title), title: visit.contest.title,
            rules: visit.contest.rules.split(whereSeparator: \.isNewline).map(String.init), rounds: rows,
            participantName: visit.participant?.fullName, registerHref: visit.r.mount.path(.contestRegister(slug)),
            signInHref: visit.r.mount.path(.contestSignIn(slug)), signOutAction: visit.r.mount.path(.contestSignOut(slug)), csrf: visit.csrf,
            error: error)
        return try pages.renderer.response(page, template: "public/contest", status: status)
    }

    // MARK: Registration and sign-in

    struct RegisterPage: Sendable {
        var shell: PublicShell
        var title: String
        var action: String
        var csrf: String
        var fullName, phone, citizenID: String
        var units: [SelectOption]
        var groups: [SelectOption]
        var hasGroups: Bool
        var errors: [FieldProblem]
        var signInHref: String
        /// The proof-of-work the page's script solves before the form is sent (decision 0028).
        var powChallenge: String
        var powBits: Int
    }

    private func registerPage(_ visit: Visit, fields: [String: String], errors: [FieldProblem], status: HTTPResponse.Status) async throws -> Response {
        let units = visit.scope.units(of: visit.contest)
        let groups = visit.contest.groupList
        let page = RegisterPage(
            shell: shell(visit, title: "Đăng ký dự thi"), title: visit.contest.title,
            action: visit.r.mount.path(.contestRegister(visit.contest.slug)), csrf: visit.csrf, fullName: fields["fullName"] ?? "",
            phone: fields["phone"] ?? "", citizenID: fields["citizenID"] ?? "",
            units: [SelectOption(value: "", label: "— Chọn đơn vị —", selected: (fields["unit"] ?? "").isEmpty)]
                + units.map { node, depth in
                    SelectOption(
                        value: node.id.uuidString, label: String(repeating: "— ", count: depth) + node.name, selected: node.id.uuidString == fields["unit"])
                },
            groups: groups.map { SelectOption(value: $0, label: $0, selected: $0 == fields["group"]) }, hasGroups: !groups.isEmpty, errors: errors,
            signInHref: visit.r.mount.path(.contestSignIn(visit.contest.slug)), powChallenge: try await powGate.challenge().text,
            powBits: powGate.difficultyBits)
        return try pages.renderer.response(page, template: "public/contest-register", status: status)
    }

    private func registerParticipant(_ visit: Visit, _ form: FormFields) async throws -> Response {
        let fields = ["fullName", "phone", "unit", "group", "citizenID"].reduce(into: [String: String]()) { $0[$1] = String(form.text($1).prefix(200)) }
        func refused(_ message: String, _ status: HTTPResponse.Status) async throws -> Response {
            try await registerPage(visit, fields: fields, errors: [FieldProblem(field: "", message: message)], status: status)
        }
        // The honeypot: a field hidden from people; a bot that fills every field is refused quietly.
        guard form.text("website").isEmpty else { return try await refused("Không đăng ký được; vui lòng thử lại.", .unprocessableContent) }
        if let problem = try await powGate.check(challengeText: form.text("pow_challenge"), nonce: form.text("pow_nonce")) {
            return try await refused(problem, .unprocessableContent)
        }
        let contestID = try visit.contest.requireID().uuidString
        let limits = RateLimit(db: db, now: pages.clients.now())
        let addressKey = "thi-dk:\(contestID):\(visit.r.context.clientIP)"
        if let wait = try await limits.retryAfter(
            key: addressKey, limit: pages.configuration.contestRegistrationsPerAddressHour, window: Self.registrationWindow)
        {
            return try await refused(RateLimit.message(retryAfter: wait), .tooManyRequests)
        }
        if let phone = try? VietnamesePhoneNumber(fields["phone"] ?? "") {
            let phoneKey = "thi-dk-so:\(contestID):\(phone.canonical)"
            if let wait = try await limits.retryAfter(key: phoneKey, limit: Self.registrationTriesPerPhoneHour, window: Self.registrationWindow) {
                return try await refused(RateLimit.message(retryAfter: wait), .tooManyRequests)
            }
            try await limits.record(key: phoneKey, window: Self.registrationWindow)
        }
        let participant: ContestParticipantRecord
        do {
            participant = try await participants.register(
                .init(
                    fullName: fields["fullName"] ?? "", phone: fields["phone"] ?? "", password: form["password"] ?? "",
                    confirmation: form["confirmation"] ?? "", unit: fields["unit"] ?? "", group: fields["group"] ?? "",
                    citizenID: fields["citizenID"] ?? ""), contest: visit.contest, scope: visit.scope)
        } catch let failure as ContestFailure {
            return try await registerPage(visit, fields: fields, errors: failure.fieldProblems, status: failure.status)
        }
        try await limits.record(key: addressKey, window: Self.registrationWindow)
        return try await signedIn(visit, participant, shared: form["shared"] == "1")
    }

    static let registrationWindow: TimeInterval = 3600
    /// Tries to register one number in an hour: enough to fix typos, too few to probe who registered.
    static let registrationTriesPerPhoneHour = 10

    private func signedIn(_ visit: Visit, _ participant: ContestParticipantRecord, shared: Bool) async throws -> Response {
        let (token, session) = try await participants.openSession(for: participant, shared: shared)
        var response = Response.redirect(to: visit.r.mount.path(.contest(visit.contest.slug)), type: .normal)
        response.setCookie(
            Cookie(
                name: Self.sessionCookie, value: token, maxAge: shared ? nil : Int(ContestParticipants.sessionLifetime), path: "/",
                secure: secure(visit.r), httpOnly: true, sameSite: .lax))
        _ = session
        return response
    }

    struct SignInPage: Sendable {
        var shell: PublicShell
        var title, action, csrf, phone: String
        var error: String?
        var registerHref: String
    }

    private func signInPage(_ visit: Visit, phone: String, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let page = SignInPage(
            shell: shell(visit, title: "Đăng nhập dự thi"), title: visit.contest.title, action: visit.r.mount.path(.contestSignIn(visit.contest.slug)),
            csrf: visit.csrf, phone: phone, error: error, registerHref: visit.r.mount.path(.contestRegister(visit.contest.slug)))
        return try pages.renderer.response(page, template: "public/contest-sign-in", status: status)
    }

    private func signIn(_ visit: Visit, _ form: FormFields) async throws -> Response {
        let phone = String(form.text("phone").prefix(40))
        switch try await participants.signIn(contest: visit.contest, phone: phone, password: form["password"] ?? "", ip: visit.r.context.clientIP) {
        case .signedIn(let participant):
            return try await signedIn(visit, participant, shared: form["shared"] == "1")
        case .rejected:
            return try await signInPage(
                visit, phone: phone, error: "Số điện thoại hoặc mật khẩu không đúng. Nếu quên mật khẩu, hãy liên hệ ban tổ chức.",
                status: .unprocessableContent)
        case .throttled(let seconds):
            return try await signInPage(visit, phone: phone, error: LoginThrottle.message(retryAfter: seconds), status: .tooManyRequests)
        }
    }

    // MARK: Attempts

    private func round(_ visit: Visit) async throws -> ContestRoundRecord {
        guard let id = visit.r.context.parameters.get("round").flatMap(UUID.init(uuidString:)),
            let round = visit.entry.round(id)
        else { throw AppError.notFound }
        return round
    }

    private func start(_ visit: Visit) async throws -> Response {
        let participant = try requireParticipant(visit)
        let round = try await round(visit)
        do {
            let attempt = try await attempts.start(round: round, participantID: participant.id, bank: visit.entry.bank)
            return .redirect(
                to: visit.r.mount.path(.contestAttempt(visit.contest.slug, attempt: try attempt.requireID().uuidString.lowercased(), question: 1)),
                type: .normal)
        } catch let failure as ContestFailure {
            return try await contestPage(visit, error: failure.userMessage, status: failure.status)
        }
    }

    /// The participant's own attempt named in the path, with its round.
    private func attempt(_ visit: Visit) async throws -> (ContestAttemptRecord, ContestRoundRecord) {
        let participant = try requireParticipant(visit)
        guard let id = visit.r.context.parameters.get("attempt").flatMap(UUID.init(uuidString:)),
            let attempt = try await attempts.attempt(id), attempt.$participant.id == participant.id,
            let round = visit.entry.round(attempt.$round.id)
        else { throw AppError.notFound }
        return (attempt, round)
    }

    struct QuestionPage: Sendable {
        struct Option: Sendable { var position: Int; var letter, text: String; var checked: Bool }
        struct Step: Sendable { var number: Int; var href: String; var answered, current: Bool }
        var shell: PublicShell
        var title, roundName: String
        var number, count: Int
        var text: String
        var questionID: String
        var options: [Option]
        var steps: [Step]
        var action, csrf: String
        var deadline, deadlineISO: String
        var remainingSeconds: Int
        var nextHref: String?
        var submitHref: String
        var notice: String?
        var error: String?
    }

    private func question(
        _ visit: Visit, notice: String?, error: String? = nil, status: HTTPResponse.Status = .ok, number requested: Int? = nil
    ) async throws -> Response {
        let (attempt, round) = try await attempt(visit)
        let slug = visit.contest.slug
        let attemptID = try attempt.requireID().uuidString.lowercased()
        if attempt.submittedAt != nil {
            return .redirect(to: visit.r.mount.path(.contestAttemptResult(slug, attempt: attemptID)), type: .normal)
        }
        let drawn = attempt.drawn
        guard !drawn.isEmpty else { throw AppError.notFound }
        // Built once: the page links every question of the attempt.
        let attemptPath = visit.r.mount.path(.contestAttempt(slug, attempt: attemptID))
        let number = requested ?? RequestNumber.clamped(visit.r.request.uri.queryParameters.get("cau"), to: 1...drawn.count, fallback: 1)
        let current = drawn[number - 1]
        guard let bankQuestion = visit.entry.questions[current.questionID] else { throw AppError.notFound }
        let saved = try await attempts.answers(of: attempt.requireID())
        let texts = bankQuestion.optionList
        let page = QuestionPage(
            shell: shell(visit, title: "Câu \(number) — \(round.name)"), title: visit.contest.title, roundName: round.name, number: number,
            count: drawn.count, text: bankQuestion.text, questionID: current.questionID.uuidString.lowercased(),
            options: current.optionOrder.enumerated().map { position, bankIndex in
                .init(
                    position: position, letter: ["A", "B", "C", "D"][position % 4], text: texts.indices.contains(bankIndex) ? texts[bankIndex] : "",
                    checked: saved[current.questionID] == bankIndex)
            },
            steps: drawn.enumerated().map { index, question in
                .init(
                    number: index + 1, href: attemptPath + "?cau=\(index + 1)",
                    answered: saved[question.questionID] != nil, current: index + 1 == number)
            },
            action: visit.r.mount.path(.contestAnswer(slug, attempt: attemptID)), csrf: visit.csrf, deadline: ContestClock.text(attempt.deadline),
            deadlineISO: VietnameseDate.iso8601(attempt.deadline),
            remainingSeconds: max(0, Int(attempt.deadline.timeIntervalSince(pages.clients.now()))),
            nextHref: number < drawn.count ? visit.r.mount.path(.contestAttempt(slug, attempt: attemptID, question: number + 1)) : nil,
            submitHref: visit.r.mount.path(.contestSubmit(slug, attempt: attemptID)), notice: notice, error: error)
        return try pages.renderer.response(page, template: "public/contest-question", status: status)
    }

    private func saveAnswer(_ visit: Visit, _ form: FormFields) async throws -> Response {
        let (attempt, round) = try await attempt(visit)
        let slug = visit.contest.slug
        let attemptID = try attempt.requireID().uuidString.lowercased()
        let drawn = attempt.drawn
        guard let questionID = form["question"].flatMap(UUID.init(uuidString:)) else { throw AppError.badRequest("Thiếu câu hỏi.") }
        let number = (drawn.firstIndex(where: { $0.questionID == questionID }) ?? 0) + 1
        let wantsJSON = visit.r.request.headers[.accept]?.contains("application/json") == true
        guard let position = RequestNumber.parse(form["option"], in: 0...(QuestionDrawRule.optionCount - 1)) else {
            if wantsJSON { return Self.json(status: .unprocessableContent, ["saved": "false", "message": "Vui lòng chọn một phương án."]) }
            return try await question(
                visit, notice: nil, error: "Vui lòng chọn một phương án trước khi lưu.", status: .unprocessableContent, number: number)
        }
        do {
            try await attempts.answer(attempt, round: round, questionID: questionID, shownPosition: position)
        } catch let failure as ContestFailure {
            if wantsJSON { return Self.json(status: failure.status, ["saved": "false", "message": failure.userMessage]) }
            return try await refusalPage(visit, failure: failure, attemptID: attemptID)
        }
        if wantsJSON { return Self.json(status: .ok, ["saved": "true", "message": "Đã lưu câu \(number)."]) }
        let next =
            form["go"] == "submit" || number >= drawn.count
            ? visit.r.mount.path(.contestSubmit(slug, attempt: attemptID))
            : visit.r.mount.path(.contestAttempt(slug, attempt: attemptID, question: number + 1))
        return .redirect(to: next, type: .normal)
    }

    static func json(status: HTTPResponse.Status, _ values: [String: String]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        let data = (try? JSONSerialization.data(withJSONObject: values, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    struct RefusalPage: Sendable {
        var shell: PublicShell
        var heading, message: String
        var resultHref: String
    }

    private func refusalPage(_ visit: Visit, failure: ContestFailure, attemptID: String) async throws -> Response {
        let page = RefusalPage(
            shell: shell(visit, title: failure.heading), heading: failure.heading, message: failure.userMessage,
            resultHref: visit.r.mount.path(.contestAttemptResult(visit.contest.slug, attempt: attemptID)))
        return try pages.renderer.response(page, template: "public/contest-refused", status: failure.status)
    }

    struct SubmitPage: Sendable {
        var shell: PublicShell
        var title, roundName: String
        var answered, count: Int
        var predictionQuestion: String
        var prediction: String
        var action, csrf: String
        var deadline: String
        var backHref: String
        var error: String?
    }

    private func submitPage(_ visit: Visit, error: String?, prediction: String = "", status: HTTPResponse.Status = .ok) async throws -> Response {
        let (attempt, round) = try await attempt(visit)
        let attemptID = try attempt.requireID().uuidString.lowercased()
        if attempt.submittedAt != nil {
            return .redirect(to: visit.r.mount.path(.contestAttemptResult(visit.contest.slug, attempt: attemptID)), type: .normal)
        }
        let saved = try await attempts.answers(of: attempt.requireID())
        let page = SubmitPage(
            shell: shell(visit, title: "Nộp bài — \(round.name)"), title: visit.contest.title, roundName: round.name, answered: saved.count,
            count: attempt.drawn.count, predictionQuestion: round.predictionQuestion, prediction: prediction,
            action: visit.r.mount.path(.contestSubmit(visit.contest.slug, attempt: attemptID)), csrf: visit.csrf,
            deadline: ContestClock.text(attempt.deadline),
            backHref: visit.r.mount.path(.contestAttempt(visit.contest.slug, attempt: attemptID, question: 1)), error: error)
        return try pages.renderer.response(page, template: "public/contest-submit", status: status)
    }

    static let predictionRange = 0...100_000_000

    private func submit(_ visit: Visit, _ form: FormFields) async throws -> Response {
        let (attempt, round) = try await attempt(visit)
        let attemptID = try attempt.requireID().uuidString.lowercased()
        let resultHref = visit.r.mount.path(.contestAttemptResult(visit.contest.slug, attempt: attemptID))
        guard attempt.submittedAt == nil else { return .redirect(to: resultHref, type: .normal) }
        let typed = form.text("prediction").replacingOccurrences(of: ".", with: "").replacingOccurrences(of: " ", with: "")
        let pastCutoff = pages.clients.now() > round.schedule.answerCutoff(deadline: attempt.deadline)
        var prediction: Int?
        if !pastCutoff, !round.predictionQuestion.isEmpty {
            guard let value = RequestNumber.parse(typed, in: Self.predictionRange) else {
                return try await submitPage(
                    visit, error: "Vui lòng trả lời câu hỏi dự đoán bằng một số nguyên từ 0 đến 100.000.000.", prediction: String(typed.prefix(20)),
                    status: .unprocessableContent)
            }
            prediction = value
        }
        // Past the deadline and its grace, the attempt is closed from its saved answers as the server would.
        try await attempts.close(attempt, prediction: prediction, byServer: pastCutoff)
        return .redirect(to: resultHref, type: .normal)
    }

    struct ResultPage: Sendable {
        struct Row: Sendable { var number: Int; var text, chosen, correct, explanation: String; var right: Bool }
        var shell: PublicShell
        var title, roundName: String
        var score, count, answered: Int
        var duration, submitted: String
        var prediction: String?
        var closedByServer: Bool
        var rows: [Row]
        var showAnswers: Bool
        var answersLater: Bool
        var contestHref: String
    }

    private func result(_ visit: Visit) async throws -> Response {
        let (attempt, round) = try await attempt(visit)
        guard attempt.submittedAt != nil else {
            return .redirect(
                to: visit.r.mount.path(.contestAttempt(visit.contest.slug, attempt: try attempt.requireID().uuidString.lowercased(), question: 1)),
                type: .normal)
        }
        let drawn = attempt.drawn
        let showAnswers = round.answersAfterClose && pages.clients.now() >= round.closesAt
        var rows: [ResultPage.Row] = []
        if showAnswers {
            let saved = try await attempts.answers(of: attempt.requireID())
            for (index, question) in drawn.enumerated() {
                guard let record = visit.entry.questions[question.questionID] else { continue }
                let options = record.optionList
                let chosen = saved[question.questionID]
                rows.append(
                    .init(
                        number: index + 1, text: record.text,
                        chosen: chosen.flatMap { options.indices.contains($0) ? options[$0] : nil } ?? "(chưa trả lời)",
                        correct: options.indices.contains(record.correctOption) ? options[record.correctOption] : "", explanation: record.explanation,
                        right: chosen == record.correctOption))
            }
        }
        let milliseconds = attempt.durationMilliseconds ?? 0
        let page = ResultPage(
            shell: shell(visit, title: "Kết quả — \(round.name)"), title: visit.contest.title, roundName: round.name, score: attempt.score ?? 0,
            count: drawn.count, answered: attempt.answered ?? 0, duration: Self.durationText(milliseconds),
            submitted: attempt.submittedAt.map(ContestClock.text) ?? "", prediction: attempt.prediction.map(String.init),
            closedByServer: attempt.closedByServer, rows: rows, showAnswers: showAnswers,
            answersLater: round.answersAfterClose && !showAnswers, contestHref: visit.r.mount.path(.contest(visit.contest.slug)))
        return try pages.renderer.response(page, template: "public/contest-result")
    }

    /// "12 phút 05,250 giây".
    static func durationText(_ milliseconds: Int64) -> String {
        let minutes = milliseconds / 60_000
        let seconds = (milliseconds % 60_000) / 1000
        let rest = milliseconds % 1000
        let fraction = String(rest + 1000).dropFirst()
        let secondText = seconds < 10 ? "0\(seconds)" : "\(seconds)"
        return minutes > 0 ? "\(minutes) phút \(secondText),\(fraction) giây" : "\(seconds),\(fraction) giây"
    }

    // MARK: Published results

    struct ResultsPage: Sendable {
        struct Row: Sendable { var position: Int; var name, phone, unit, score, duration, prize: String }
        var shell: PublicShell
        var title, roundName: String
        var actualFigure: String
        var rows: [Row]
        struct UnitPrize: Sendable { var unit, rate: String }
        var unitPrizes: [UnitPrize]
    }

    private func roundResults(_ visit: Visit) async throws -> Response {
        let round = try await round(visit)
        guard round.rankedAt != nil else { throw AppError.notFound }
        let rows = try await ContestRankingRecord.query(on: db).filter(\.$round.$id == round.requireID()).sort(\.$position).limit(200)
            .with(\.$participant).all()
        let tree = try await UnitTree.load(on: db)
        let page = ResultsPage(
            shell: shell(visit, title: "Kết quả \(round.name)"), title: visit.contest.title, roundName: round.name,
            actualFigure: round.actualFigure.map(String.init) ?? "",
            rows: rows.map { row in
                .init(
                    position: row.position, name: PersonName.masked(row.participant.fullName),
                    phone: (try? VietnamesePhoneNumber(row.participant.phone))?.masked ?? "", unit: tree.nodes[row.participant.$unit.id]?.name ?? "",
                    score: "\(row.score)", duration: Self.durationText(row.durationMilliseconds),
                    prize: row.prize.flatMap(PrizeLevel.init(rawValue:))?.vietnameseName ?? "")
            },
            unitPrizes: try await ContestUnitStandingRecord.query(on: db).filter(\.$round.$id == round.requireID()).filter(\.$prize == true)
                .sort(\.$position).all().map { row in
                    .init(
                        unit: tree.nodes[row.unitID]?.name ?? "",
                        rate: "\(row.participants)/\(row.unitSize) người (\(row.participants * 100 / max(1, row.unitSize)) %)")
                })
        return try pages.renderer.response(page, template: "public/contest-results")
    }
}

// The question page is rendered on every step of every attempt: lookups without `Mirror`
// (`MustacheLookups.swift` says why).
extension PublicContestController.QuestionPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "shell": shell
        case "title": title
        case "roundName": roundName
        case "number": number
        case "count": count
        case "text": text
        case "questionID": questionID
        case "options": options
        case "steps": steps
        case "action": action
        case "csrf": csrf
        case "deadline": deadline
        case "deadlineISO": deadlineISO
        case "remainingSeconds": remainingSeconds
        case "nextHref": nextHref
        case "submitHref": submitHref
        case "notice": notice
        case "error": error
        default: nil
        }
    }
}

extension PublicContestController.QuestionPage.Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "position": position
        case "letter": letter
        case "text": text
        case "checked": checked
        default: nil
        }
    }
}

extension PublicContestController.QuestionPage.Step: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "href": href
        case "answered": answered
        case "current": current
        default: nil
        }
    }
}
