import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// Consultation on drafts for the public (issue #15): the list, a draft part by part with the comments
/// shown, a comment form (the same guards as the question form), and after the close the summary and
/// how each comment was taken into account. Outside the page cache: the form carries a CSRF cookie.
struct PublicConsultationController: Sendable {
    let pages: PublicController
    var db: any Database { pages.db }
    let desk: ConsultationDesk

    static let csrfCookie = "loa_gy_csrf"
    static let commentsPerAddressHour = 20

    var powGate: ProofOfWorkGate { ProofOfWorkGate(db: db, clients: pages.clients, difficultyBits: pages.configuration.proofOfWorkBits) }

    func register(_ routes: PublicRoutes) {
        for (method, route) in [(HTTPRequest.Method.get, SiteRoute.consultations), (.get, .consultation), (.post, .consultation)] {
            routes.uncachedSite(route, method: method) { r in try await handle(method, route, r) }
        }
    }

    private func handle(_ method: HTTPRequest.Method, _ route: SiteRoute, _ r: PublicRequest) async throws -> Response {
        let csrf = PublicFormCSRF(cookieName: Self.csrfCookie, clients: pages.clients, secure: r.context.isHTTPS(configured: pages.configuration.usesHTTPS))
        let (token, cookie) = csrf.token(for: r.request)
        var response: Response
        if route == .consultations {
            response = try await list(r)
        } else {
            guard let id = r.context.parameters.get("id").flatMap(UUID.init(uuidString:)),
                let consultation = try await ConsultationRecord.find(id, on: db), consultation.siteID == r.site.id
            else { throw AppError.notFound }
            if method == .post {
                let form = try await FormFields.from(r.request, context: r.context)
                guard csrf.accepts(r.request, form: form) else { throw AppError.invalidCSRF }
                response = try await comment(r, consultation, form, csrf: token)
            } else {
                let sent = r.request.uri.queryParameters["da-gui"] == "1"
                response = try await page(
                    r, consultation, csrf: token, fields: [:], errors: [],
                    notice: sent ? "Cảm ơn bạn đã góp ý. Góp ý sẽ hiển thị sau khi được kiểm duyệt." : nil)
            }
        }
        if let cookie { response.setCookie(cookie) }
        response.headers[.cacheControl] = "no-store"
        return response
    }

    struct ListPage: Sendable {
        struct Row: Sendable { var title, href, period, state: String }
        var shell: PublicShell
        var rows: [Row]
    }

    private func list(_ r: PublicRequest) async throws -> Response {
        let consultations = try await ConsultationRecord.query(on: db).filter(\.$siteID == r.site.id).sort(\.$createdAt, .descending).limit(200).all()
        let today = desk.today
        var shell = pages.shell(r, current: .consultations, title: "Lấy ý kiến dự thảo")
        shell.breadcrumbs = [
            MenuItem(label: "Trang chủ", href: r.mount.path(.home)), MenuItem(label: "Lấy ý kiến dự thảo", href: r.mount.path(.consultations)),
        ]
        let page = ListPage(
            shell: shell,
            rows: consultations.map { item in
                ListPage.Row(
                    title: item.title, href: r.mount.path(.consultation(id: item.id?.uuidString.lowercased() ?? "")),
                    period: "\(item.opens.vietnamese) – \(item.closes.vietnamese)", state: Self.state(item, today: today))
            })
        return try pages.renderer.response(page, template: "public/consultations")
    }

    static func state(_ item: ConsultationRecord, today: CalendarDay) -> String {
        if item.closedAt != nil { return "Đã kết thúc, có báo cáo tiếp thu" }
        if today < item.opens { return "Sắp lấy ý kiến" }
        return today <= item.closes ? "Đang lấy ý kiến" : "Hết thời gian góp ý, đang tổng hợp"
    }

    struct Page: Sendable {
        struct Comment: Sendable {
            var author, date: String
            var content: [String]
            var decision: String?
            var reason: String?
        }
        struct Section: Sendable {
            var anchor, heading: String
            var text: [String]
            var comments: [Comment]
        }
        struct DocumentLink: Sendable { var label, href: String }
        var shell: PublicShell
        var title: String
        /// The document of the library the draft belongs to; the summary is published with it.
        var document: DocumentLink?
        var period, state: String
        var sections: [Section]
        var isOpen: Bool
        var summary: [String]
        var isClosed: Bool
        var action, csrf, powChallenge: String
        var sectionOptions: [SelectOption]
        var name, contact, content: String
        var errors: [FieldProblem]
        var notice: String?
    }

    private func page(
        _ r: PublicRequest, _ consultation: ConsultationRecord, csrf: String, fields: [String: String], errors: [FieldProblem], notice: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let sections = try await desk.sections(of: consultation)
        let comments = try await desk.comments(of: consultation, approvedOnly: true)
        let today = desk.today
        let isOpen = ConsultationRules.isOpen(opens: consultation.opens, closes: consultation.closes, today: today) && consultation.closedAt == nil
        let isClosed = consultation.closedAt != nil
        let id = consultation.id?.uuidString.lowercased() ?? ""
        var document: Document?
        if let documentID = consultation.documentID { document = try await Document.find(documentID, on: db) }
        var shell = pages.shell(r, current: .consultation(id: id), title: consultation.title)
        shell.breadcrumbs = [
            MenuItem(label: "Trang chủ", href: r.mount.path(.home)), MenuItem(label: "Lấy ý kiến dự thảo", href: r.mount.path(.consultations)),
            MenuItem(label: consultation.title, href: r.mount.path(.consultation(id: id))),
        ]
        let page = Page(
            shell: shell, title: consultation.title,
            document: document.map { .init(label: "\($0.form) số \($0.number): \($0.summary)", href: r.mount.path(.document(slug: $0.slug))) },
            period: "\(consultation.opens.vietnamese) – \(consultation.closes.vietnamese)", state: Self.state(consultation, today: today),
            sections: sections.map { section in
                Page.Section(
                    anchor: "phan-\(section.position + 1)", heading: section.heading, text: PublicFeedbackController.paragraphs(section.text),
                    comments: comments.filter { $0.sectionID == section.id }.map { comment in
                        Page.Comment(
                            author: comment.authorName, date: VietnameseDate.day(comment.createdAt),
                            content: PublicFeedbackController.paragraphs(comment.content),
                            decision: isClosed ? comment.decisionValue?.vietnameseName : nil,
                            reason: isClosed && !comment.reason.isEmpty ? comment.reason : nil)
                    })
            },
            isOpen: isOpen, summary: PublicFeedbackController.paragraphs(consultation.summary), isClosed: isClosed,
            action: r.mount.path(.consultation(id: id)), csrf: csrf, powChallenge: isOpen ? try await powGate.challenge().text : "",
            sectionOptions: [SelectOption(value: "", label: "— Chọn phần góp ý —", selected: (fields["section"] ?? "").isEmpty)]
                + sections.map { SelectOption(value: $0.id?.uuidString ?? "", label: $0.heading, selected: $0.id?.uuidString == fields["section"]) },
            name: fields["name"] ?? "", contact: fields["contact"] ?? "", content: fields["content"] ?? "", errors: errors, notice: notice)
        return try pages.renderer.response(page, template: "public/consultation", status: status)
    }

    private func comment(_ r: PublicRequest, _ consultation: ConsultationRecord, _ form: FormFields, csrf: String) async throws -> Response {
        let fields = ["section", "name", "contact", "content"].reduce(into: [String: String]()) { $0[$1] = String((form[$1] ?? "").prefix(5100)) }
        func refused(_ problems: [FieldProblem], _ status: HTTPResponse.Status) async throws -> Response {
            try await page(r, consultation, csrf: csrf, fields: fields, errors: problems, notice: nil, status: status)
        }
        guard form.text("website").isEmpty else {
            return try await refused([FieldProblem(field: "", message: "Không gửi được; vui lòng thử lại.")], .unprocessableContent)
        }
        if let problem = try await powGate.check(challengeText: form.text("pow_challenge"), nonce: form.text("pow_nonce")) {
            return try await refused([FieldProblem(field: "", message: problem)], .unprocessableContent)
        }
        let limits = RateLimit(db: db, now: pages.clients.now())
        let key = "gop-y:\(r.context.clientIP)"
        if let wait = try await limits.retryAfter(key: key, limit: Self.commentsPerAddressHour, window: 3600) {
            return try await refused([FieldProblem(field: "", message: RateLimit.message(retryAfter: wait))], .tooManyRequests)
        }
        let problems = try await desk.comment(
            on: consultation, sectionID: fields["section"].flatMap(UUID.init(uuidString:)), name: fields["name"] ?? "", contact: fields["contact"] ?? "",
            content: fields["content"] ?? "")
        guard problems.isEmpty else { return try await refused(problems, .unprocessableContent) }
        try await limits.record(key: key, window: 3600)
        return .redirect(to: r.mount.path(.consultation(id: try consultation.requireID().uuidString.lowercased())) + "?da-gui=1", type: .normal)
    }
}
