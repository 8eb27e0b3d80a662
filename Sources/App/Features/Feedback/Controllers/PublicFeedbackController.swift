import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// The citizen's side of questions and feedback (issue #15): the form, the page with the tracking
/// code, following an item with its code and the sender's phone or e-mail, and the published answers.
/// The form and the tracking page are outside the page cache (a CSRF cookie, the sender's own item);
/// the published answers are ordinary cached pages. No public page shows a sender's details.
struct PublicFeedbackController: Sendable {
    let pages: PublicController
    var db: any Database { pages.db }
    let desk: FeedbackDesk

    static let csrfCookie = "loa_pakn_csrf"
    /// Submissions from one address in an hour: a family or an office sharing a line, not a flood.
    static let submissionsPerAddressHour = 10
    /// Lookups from one address in an hour: enough to check often, too few to guess codes and numbers.
    static let lookupsPerAddressHour = 60
    static let window: TimeInterval = 3600
    /// The form's text and its largest allowed files, with room for the parts' headers.
    static let bodyLimit = FeedbackSubmission.attachmentsMax * FeedbackSubmission.attachmentMaxBytes + MultipartForm.maxFieldBytes

    var powGate: ProofOfWorkGate { ProofOfWorkGate(db: db, clients: pages.clients, difficultyBits: pages.configuration.proofOfWorkBits) }

    func register(_ routes: PublicRoutes) {
        routes.site(.feedbackAnswers) { r in try await answers(r) }
        routes.site(.feedbackAnswer) { r in try await answer(r) }
        let forms: [(HTTPRequest.Method, SiteRoute)] = [
            (.get, .feedbackForm), (.post, .feedbackForm), (.get, .feedbackSent), (.get, .feedbackTrack), (.post, .feedbackTrack),
        ]
        for (method, route) in forms {
            routes.uncachedSite(route, method: method) { r in try await handle(method, route, r) }
        }
    }

    private func csrf(_ r: PublicRequest) -> PublicFormCSRF {
        PublicFormCSRF(cookieName: Self.csrfCookie, clients: pages.clients, secure: r.context.isHTTPS(configured: pages.configuration.usesHTTPS))
    }

    private func handle(_ method: HTTPRequest.Method, _ route: SiteRoute, _ r: PublicRequest) async throws -> Response {
        let (token, cookie) = csrf(r).token(for: r.request)
        var response: Response
        if method == .post {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loa-pakn-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let form = try await csrf(r).read(r.request, context: r.context, multipartLimit: Self.bodyLimit, directory: directory)
            let fields = FormFields(form.fields)
            response =
                route == .feedbackForm
                ? try await submit(r, fields, files: form.files("attachments"), csrf: token) : try await track(r, fields, csrf: token)
        } else {
            switch route {
            case .feedbackForm:
                response = try await formPage(r, csrf: token, fields: Self.linkedFields(r), errors: [])
            case .feedbackSent: response = try await sentPage(r)
            default: response = try trackPage(r, csrf: token, code: "", contact: "", result: nil, error: nil, status: .ok)
            }
        }
        if let cookie { response.setCookie(cookie) }
        response.headers[.cacheControl] = "no-store"
        return response
    }

    private func shell(_ r: PublicRequest, title: String, current: SitePage) -> PublicShell {
        var shell = pages.shell(r, current: current, title: title)
        shell.breadcrumbs = [
            MenuItem(label: "Trang chủ", href: r.mount.path(.home)), MenuItem(label: "Hỏi đáp", href: r.mount.path(.feedbackAnswers)),
            MenuItem(label: title, href: r.mount.path(current)),
        ]
        return shell
    }

    // MARK: Sending

    struct FormPage: Sendable {
        var shell: PublicShell
        var action, csrf, trackHref, powChallenge: String
        var kinds: [SelectOption]
        var title, content, name, phone, email, address: String
        var consented: Bool
        var errors: [FieldProblem]
        /// The procedure or document the question is about (`FeedbackSubject.formValue`), and its title.
        var subject: String
        var subjectTitle: String?
        var attachmentsMax = FeedbackSubmission.attachmentsMax
        var attachmentMegabytes = FeedbackSubmission.attachmentMaxBytes >> 20
    }

    static let fieldNames = ["kind", "title", "content", "name", "phone", "email", "address", "subject"]

    private func formPage(
        _ r: PublicRequest, csrf: String, fields: [String: String], errors: [FieldProblem], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let subject = try await subject(named: fields["subject"] ?? "", on: r)
        let page = FormPage(
            shell: shell(r, title: "Gửi câu hỏi, phản ánh", current: .feedbackForm), action: r.mount.path(.feedbackForm), csrf: csrf,
            trackHref: r.mount.path(.feedbackTrack), powChallenge: try await powGate.challenge().text,
            kinds: [SelectOption(value: "", label: "— Chọn loại —", selected: (fields["kind"] ?? "").isEmpty)]
                + FeedbackKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.vietnameseName, selected: $0.rawValue == fields["kind"]) },
            title: fields["title"] ?? "", content: fields["content"] ?? "", name: fields["name"] ?? "", phone: fields["phone"] ?? "",
            email: fields["email"] ?? "", address: fields["address"] ?? "", consented: fields["consent"] == "1", errors: errors,
            subject: subject?.formValue ?? "", subjectTitle: subject?.title)
        return try pages.renderer.response(page, template: "public/feedback-form", status: status)
    }

    private func submit(_ r: PublicRequest, _ form: FormFields, files: [MultipartForm.File], csrf: String) async throws -> Response {
        var fields = Self.fieldNames.reduce(into: [String: String]()) { $0[$1] = String((form[$1] ?? "").prefix(FeedbackSubmission.contentMax + 100)) }
        fields["consent"] = form["consent"] == "1" ? "1" : ""
        func refused(_ problems: [FieldProblem], _ status: HTTPResponse.Status) async throws -> Response {
            // A browser never fills a file input again: say so, or the sender would think the files went.
            let reselect = FieldProblem(field: "attachments", message: "Tệp đính kèm chưa được gửi; vui lòng chọn lại tệp trước khi gửi.")
            return try await formPage(r, csrf: csrf, fields: fields, errors: problems + (files.isEmpty ? [] : [reselect]), status: status)
        }
        // The honeypot: hidden from people; a bot that fills every field is refused without a hint.
        guard form.text("website").isEmpty else {
            return try await refused([FieldProblem(field: "", message: "Không gửi được; vui lòng thử lại.")], .unprocessableContent)
        }
        if let problem = try await powGate.check(challengeText: form.text("pow_challenge"), nonce: form.text("pow_nonce")) {
            return try await refused([FieldProblem(field: "", message: problem)], .unprocessableContent)
        }
        let limits = RateLimit(db: db, now: pages.clients.now())
        let key = "pakn-gui:\(r.context.clientIP)"
        if let wait = try await limits.retryAfter(key: key, limit: Self.submissionsPerAddressHour, window: Self.window) {
            return try await refused([FieldProblem(field: "", message: RateLimit.message(retryAfter: wait))], .tooManyRequests)
        }
        let submission = FeedbackSubmission(
            kind: fields["kind"] ?? "", title: fields["title"] ?? "", content: fields["content"] ?? "", name: fields["name"] ?? "",
            phone: fields["phone"] ?? "", email: fields["email"] ?? "", address: fields["address"] ?? "", consented: fields["consent"] == "1")
        let subjectText = fields["subject"] ?? ""
        let subject = try await subject(named: subjectText, on: r)
        if !subjectText.isEmpty, subject == nil {
            fields["subject"] = ""
            return try await refused(
                [FieldProblem(field: "", message: "Thủ tục hoặc văn bản bạn hỏi không còn trên trang; vui lòng ghi rõ trong nội dung rồi gửi lại.")],
                .unprocessableContent)
        }
        let (attachments, fileProblems) = Self.check(files)
        switch submission.check() {
        case .refused(let problems):
            return try await refused(problems + fileProblems, .unprocessableContent)
        case .accepted(let checked):
            guard fileProblems.isEmpty else { return try await refused(fileProblems, .unprocessableContent) }
            let code = try await desk.receive(
                siteID: r.site.id, unitID: r.site.unitID, submission, checked: checked, subject: subject, siteName: r.site.name,
                trackURL: pages.baseURL(of: r.site).absoluteString + r.mount.path(.feedbackTrack), attachments: attachments,
                folder: FeedbackDesk.attachmentFolder(pages.configuration))
            try await limits.record(key: key, window: Self.window)
            return Response.redirect(to: r.mount.path(.feedbackSent(code.description)), type: .normal)
        }
    }

    /// The sender's files, each checked by its content and size; at most `attachmentsMax` of them.
    static func check(_ files: [MultipartForm.File]) -> (accepted: [CheckedAttachment], problems: [FieldProblem]) {
        let limit = FeedbackSubmission.attachmentMaxBytes
        var accepted: [CheckedAttachment] = []
        var problems: [FieldProblem] = []
        if files.count > FeedbackSubmission.attachmentsMax {
            problems.append(FieldProblem(field: "attachments", message: "Chỉ gửi được tối đa \(FeedbackSubmission.attachmentsMax) tệp đính kèm."))
        }
        for file in files.prefix(FeedbackSubmission.attachmentsMax) {
            guard file.size <= limit else {
                problems.append(
                    FieldProblem(field: "attachments", message: "Tệp «\(SafeFileName.display(file.filename))»: lớn hơn \(limit >> 20) MB."))
                continue
            }
            switch CheckedAttachment.check(filename: file.filename, bytes: file.bytes, documentLimit: limit) {
            case .success(let attachment): accepted.append(attachment)
            case .failure(let problem): problems.append(problem)
            }
        }
        return (accepted, problems)
    }

    /// The procedure or document a form value names on the site, when it names one.
    private func subject(named value: String, on r: PublicRequest) async throws -> FeedbackSubject? {
        value.isEmpty ? nil : try await FeedbackSubject.resolve(value, siteID: r.site.id, on: db)
    }

    /// The form opened from a procedure's or a document's page names it (`?thu-tuc=` or `?van-ban=`).
    static func linkedFields(_ r: PublicRequest) -> [String: String] {
        let query = r.request.uri.queryParameters
        var fields = ["kind": query["loai"].map(String.init) ?? ""]
        if let code = query["thu-tuc"] {
            fields["subject"] = "thu-tuc:\(code)"
            fields["kind"] = FeedbackKind.question.rawValue
        } else if let slug = query["van-ban"] {
            fields["subject"] = "van-ban:\(slug)"
            fields["kind"] = FeedbackKind.regulation.rawValue
        }
        return fields
    }

    struct SentPage: Sendable {
        var shell: PublicShell
        var code, trackHref, answerBy: String
    }

    /// Shows the code again after the redirect; the code alone reveals nothing (following it needs the contact too).
    private func sentPage(_ r: PublicRequest) async throws -> Response {
        guard let code = r.context.parameters.get("code").flatMap(TrackingCode.init),
            let item = try await FeedbackItemRecord.query(on: db).filter(\.$year == code.year).filter(\.$number == code.number)
                .filter(\.$siteID == r.site.id).first()
        else { throw AppError.notFound }
        let page = SentPage(
            shell: shell(r, title: "Đã gửi câu hỏi, phản ánh", current: .feedbackSent(code.description)), code: code.description,
            trackHref: r.mount.path(.feedbackTrack), answerBy: item.deadlines.map(\.answerBy.vietnamese) ?? "")
        return try pages.renderer.response(page, template: "public/feedback-sent")
    }

    // MARK: Following

    struct TrackPage: Sendable {
        struct Step: Sendable { var date, text: String }
        struct Found: Sendable {
            var code, title, kind, state, received, answerBy: String
            var subject: String?
            var refusal: String?
            var answer: [String]
            var answeredBy: String?
            var steps: [Step]
        }
        var shell: PublicShell
        var action, csrf, code, contact: String
        var error: String?
        var found: Found?
    }

    private func trackPage(
        _ r: PublicRequest, csrf: String, code: String, contact: String, result: TrackPage.Found?, error: String?, status: HTTPResponse.Status
    ) throws -> Response {
        let page = TrackPage(
            shell: shell(r, title: "Tra cứu câu hỏi, phản ánh", current: .feedbackTrack), action: r.mount.path(.feedbackTrack), csrf: csrf,
            code: code, contact: contact, error: error, found: result)
        return try pages.renderer.response(page, template: "public/feedback-track", status: status)
    }

    private func track(_ r: PublicRequest, _ form: FormFields, csrf: String) async throws -> Response {
        let codeText = String(form.text("code").prefix(40))
        let contact = String(form.text("contact").prefix(254))
        let limits = RateLimit(db: db, now: pages.clients.now())
        let key = "pakn-tra:\(r.context.clientIP)"
        if let wait = try await limits.retryAfter(key: key, limit: Self.lookupsPerAddressHour, window: Self.window) {
            return try trackPage(
                r, csrf: csrf, code: codeText, contact: contact, result: nil, error: RateLimit.message(retryAfter: wait), status: .tooManyRequests)
        }
        try await limits.record(key: key, window: Self.window)
        guard let code = TrackingCode(codeText) else {
            return try trackPage(
                r, csrf: csrf, code: codeText, contact: contact, result: nil,
                error: "Mã số không đúng dạng. Mã số có dạng PAKN-2026-000123, ghi trên trang xác nhận khi bạn gửi.", status: .unprocessableContent)
        }
        guard let item = try await desk.track(code: code, contact: contact) else {
            return try trackPage(
                r, csrf: csrf, code: codeText, contact: contact, result: nil,
                error: "Không tìm thấy câu hỏi, phản ánh với mã số và số điện thoại hoặc email này. Vui lòng kiểm tra lại.", status: .notFound)
        }
        let events = try await FeedbackEventRecord.query(on: db).filter(\.$itemID == item.requireID()).sort(\.$at).all()
        let state = item.workflowState
        let found = TrackPage.Found(
            code: item.code.description, title: item.title, kind: item.feedbackKind.vietnameseName, state: state.vietnameseName,
            received: VietnameseDate.dayTime(item.receivedAt), answerBy: item.deadlines.map(\.answerBy.vietnamese) ?? "",
            subject: FeedbackSubject(item)?.title,
            refusal: state == .refused || (state == .closed && !item.refusalReason.isEmpty) ? item.refusalReason : nil,
            answer: item.answer.isEmpty ? [] : Self.paragraphs(item.answer), answeredBy: item.answer.isEmpty ? nil : item.answeredBy,
            // The sender sees where the item went, not the back office's notes.
            steps: events.filter { $0.fromState != $0.toState || $0.step == "receive" }.map { event in
                TrackPage.Step(
                    date: VietnameseDate.dayTime(event.at),
                    text: event.step == "receive" ? "Đã tiếp nhận" : (FeedbackState(rawValue: event.toState)?.vietnameseName ?? event.toState))
            })
        return try trackPage(r, csrf: csrf, code: code.description, contact: contact, result: found, error: nil, status: .ok)
    }

    static func paragraphs(_ text: String) -> [String] {
        text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    // MARK: Published answers

    struct AnswersPage: Sendable {
        struct Item: Sendable { var title, href, date, code: String }
        struct Topic: Sendable { var name: String; var items: [Item] }
        var shell: PublicShell
        var topics: [Topic]
        var formHref, trackHref, consultationsHref: String
    }

    private func answers(_ r: PublicRequest) async throws -> Response {
        let items = try await desk.published(siteID: r.site.id)
        var topics: [AnswersPage.Topic] = []
        for item in items {
            let row = AnswersPage.Item(
                title: item.title, href: r.mount.path(.feedbackAnswer(item.code.description)),
                date: item.answeredAt.map { VietnameseDate.day($0) } ?? "", code: item.code.description)
            if let index = topics.firstIndex(where: { $0.name == item.topic }) {
                topics[index].items.append(row)
            } else {
                topics.append(.init(name: item.topic, items: [row]))
            }
        }
        var shell = pages.shell(r, current: .feedbackAnswers, title: "Hỏi đáp")
        shell.breadcrumbs = [MenuItem(label: "Trang chủ", href: r.mount.path(.home)), MenuItem(label: "Hỏi đáp", href: r.mount.path(.feedbackAnswers))]
        let page = AnswersPage(
            shell: shell, topics: topics.sorted { $0.name < $1.name }, formHref: r.mount.path(.feedbackForm), trackHref: r.mount.path(.feedbackTrack),
            consultationsHref: r.mount.path(.consultations))
        return try pages.renderer.response(page, template: "public/feedback-answers")
    }

    struct AnswerPage: Sendable {
        var shell: PublicShell
        struct Subject: Sendable { var title, href: String }
        var title, code, kind, topic, received, answered, answeredBy: String
        var subject: Subject?
        var question, answer: [String]
    }

    private func answer(_ r: PublicRequest) async throws -> Response {
        guard let code = r.context.parameters.get("code").flatMap(TrackingCode.init),
            let item = try await desk.published(siteID: r.site.id, code: code)
        else { throw AppError.notFound }
        let page = AnswerPage(
            shell: shell(r, title: item.title, current: .feedbackAnswer(code.description)), title: item.title, code: code.description,
            kind: item.feedbackKind.vietnameseName, topic: item.topic, received: VietnameseDate.day(item.receivedAt),
            answered: item.answeredAt.map { VietnameseDate.day($0) } ?? "", answeredBy: item.answeredBy,
            subject: FeedbackSubject(item).map { .init(title: $0.title, href: $0.href(r.mount)) },
            question: Self.paragraphs(item.content), answer: Self.paragraphs(item.answer))
        return try pages.renderer.response(page, template: "public/feedback-answer")
    }
}
