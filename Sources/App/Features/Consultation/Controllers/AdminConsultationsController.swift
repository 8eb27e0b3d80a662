import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// Consultations in the back office (issue #15). Those who edit others' content in a unit open a
/// consultation on a draft of one of its sites, moderate the comments and record how each was taken
/// into account; those who publish there close it, which publishes the summary.
struct AdminConsultationsController: Sendable {
    let database: DatabaseStack
    var db: any Database { database.db }
    let renderer: PageRenderer
    let unitTrees: UnitTreeCache
    let sites: SiteDirectory
    let desk: ConsultationDesk

    static let noRights = "Bạn không có quyền quản lý việc lấy ý kiến dự thảo của đơn vị này."

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.consultations.rawValue)) { request, context in
            try await list(context, fields: ["document": request.uri.queryParameters["van-ban"].map(String.init) ?? ""], errors: [])
        }
        group.post(RouterPath(AdminRoute.consultations.rawValue)) { request, context in try await create(request, context) }
        group.get(RouterPath(AdminRoute.consultation.rawValue)) { _, context in
            let (consultation, tree) = try await consultation(context, .readContent)
            return try await detail(context, consultation, tree: tree, error: nil)
        }
        group.post(RouterPath(AdminRoute.consultationComment.rawValue)) { request, context in try await review(request, context) }
        group.post(RouterPath(AdminRoute.closeConsultation.rawValue)) { request, context in try await close(request, context) }
    }

    private func consultation(_ context: AppRequestContext, _ action: Action) async throws -> (ConsultationRecord, UnitTree) {
        let identity = try context.requireIdentity()
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)), let consultation = try await ConsultationRecord.find(id, on: db)
        else { throw AppError.notFound }
        let tree = try await unitTrees.tree()
        guard identity.can(.readContent, in: tree, unit: consultation.unitID) else { throw AppError.notFound }
        guard identity.can(action, in: tree, unit: consultation.unitID) else { throw AppError.forbidden(Self.noRights) }
        return (consultation, tree)
    }

    // MARK: List and opening

    struct ListPage: Sendable {
        struct Row: Sendable { var title, href, period, state: String; var pending: Int }
        var shell: AdminShell
        var rows: [Row]
        var canOpen: Bool
        var action: String
        var sites, documents: [SelectOption]
        var title, opens, closes, text: String
        var minimumDays: Int
        var errors: [FieldProblem]
    }

    private func list(_ context: AppRequestContext, fields: [String: String], errors: [FieldProblem]) async throws -> Response {
        let identity = try context.requireIdentity()
        guard identity.canSomewhere(.readContent) else { throw AppError.forbidden(Self.noRights) }
        let tree = try await unitTrees.tree()
        let consultations = try await ConsultationRecord.query(on: db).sort(\.$createdAt, .descending).limit(500).all()
            .filter { identity.can(.readContent, in: tree, unit: $0.unitID) }
        var rows: [ListPage.Row] = []
        for item in consultations {
            rows.append(
                .init(
                    title: item.title, href: AdminPage.consultation(id: try item.requireID().uuidString).link,
                    period: "\(item.opens.vietnamese) – \(item.closes.vietnamese)", state: PublicConsultationController.state(item, today: desk.today),
                    pending: try await ConsultationCommentRecord.query(on: db).filter(\.$consultationID == item.requireID())
                        .filter(\.$moderation == CommentModeration.pending.rawValue).count()))
        }
        let ownSites = try await sites.all().filter { identity.can(.editOthersContent, in: tree, unit: $0.unitID) }
        let documents =
            ownSites.isEmpty ? [] : try await Document.query(on: db).filter(\.$site.$id ~~ ownSites.map(\.id)).sort(\.$postedOn, .descending).limit(300).all()
        let today = desk.today
        let page = ListPage(
            shell: AdminShell(identity: identity, title: "Lấy ý kiến dự thảo", current: .consultations), rows: rows, canOpen: !ownSites.isEmpty,
            action: AdminPage.consultations.link,
            sites: ownSites.map { SelectOption(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString == fields["site"]) },
            documents: [SelectOption(value: "", label: "— Không gắn văn bản —", selected: (fields["document"] ?? "").isEmpty)]
                + documents.map { document in
                    SelectOption(
                        value: document.id?.uuidString ?? "", label: "\(document.number) — \(String(document.summary.prefix(80)))",
                        selected: document.id?.uuidString == fields["document"])
                },
            title: fields["title"] ?? "", opens: fields["opens"] ?? today.iso, closes: fields["closes"] ?? today.adding(days: desk.minimumDays - 1).iso,
            text: fields["text"] ?? "", minimumDays: desk.minimumDays, errors: errors)
        return try renderer.response(page, template: "admin/consultations", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try await unitTrees.tree()
        let form = try await FormFields.from(request, context: context)
        var fields = ["site", "document", "title", "opens", "closes"].reduce(into: [String: String]()) { $0[$1] = String(form.text($1).prefix(400)) }
        fields["text"] = String((form["text"] ?? "").prefix(200_100))
        let siteID = fields["site"].flatMap(UUID.init(uuidString:))
        guard let siteID, let site = try await sites.all().first(where: { $0.id == siteID }),
            identity.can(.editOthersContent, in: tree, unit: site.unitID)
        else { throw AppError.forbidden(Self.noRights) }
        let documentID = fields["document"].flatMap(UUID.init(uuidString:))
        if let documentID, try await Document.query(on: db).filter(\.$id == documentID).filter(\.$site.$id == site.id).first() == nil {
            return try await list(context, fields: fields, errors: [FieldProblem(field: "document", message: "Văn bản không thuộc trang này.")])
        }
        switch try await desk.open(
            .init(
                siteID: site.id, unitID: site.unitID, documentID: documentID, title: fields["title"] ?? "", opensOn: fields["opens"] ?? "",
                closesOn: fields["closes"] ?? "", text: fields["text"] ?? ""), by: identity, ip: context.clientIP)
        {
        case .failure(let failure): return try await list(context, fields: fields, errors: failure.problems)
        case .success(let consultation): return .redirect(to: AdminPage.consultation(id: try consultation.requireID().uuidString).link, type: .normal)
        }
    }

    // MARK: One consultation

    struct DetailPage: Sendable {
        struct Comment: Sendable {
            var author, contact, date, action, state: String
            var content: [String]
            var pending, approved: Bool
            var decisions: [SelectOption]
            var reason: String
        }
        struct Section: Sendable { var heading: String; var comments: [Comment] }
        var shell: AdminShell
        var title, period, state, publicHref: String
        var sections: [Section]
        var canReview, canClose, isClosed: Bool
        var closeAction: String
        var summary: String
        var error: String?
    }

    private func detail(_ context: AppRequestContext, _ consultation: ConsultationRecord, tree: UnitTree, error: String?, summary: String = "") async throws
        -> Response
    {
        let identity = try context.requireIdentity()
        let sections = try await desk.sections(of: consultation)
        let comments = try await desk.comments(of: consultation, approvedOnly: false)
        let id = try consultation.requireID().uuidString
        let site = try await sites.all().first { $0.id == consultation.siteID }
        let mount: SiteMount = site.map { $0.isPrimary ? .root : .underPrefix($0.slug) } ?? .root
        let canReview = identity.can(.editOthersContent, in: tree, unit: consultation.unitID) && consultation.closedAt == nil
        let page = DetailPage(
            shell: AdminShell(identity: identity, title: consultation.title, current: .consultations), title: consultation.title,
            period: "\(consultation.opens.vietnamese) – \(consultation.closes.vietnamese)",
            state: PublicConsultationController.state(consultation, today: desk.today),
            publicHref: mount.path(.consultation(id: id.lowercased())),
            sections: sections.map { section in
                DetailPage.Section(
                    heading: section.heading,
                    comments: comments.filter { $0.sectionID == section.id }.map { comment in
                        let state = comment.moderationState
                        return DetailPage.Comment(
                            author: comment.authorName, contact: comment.contact, date: VietnameseDate.dayTime(comment.createdAt),
                            action: AdminPage.consultationComment(id: id, comment: comment.id?.uuidString ?? "").link,
                            state: state == .pending
                                ? "Chờ kiểm duyệt"
                                : state == .approved ? (comment.decisionValue?.vietnameseName ?? "Đã duyệt, chưa quyết định") : "Không hiển thị",
                            content: PublicFeedbackController.paragraphs(comment.content), pending: state == .pending, approved: state == .approved,
                            decisions: [SelectOption(value: "", label: "— Quyết định —", selected: comment.decision == nil)]
                                + CommentDecision.allCases.map {
                                    SelectOption(value: $0.rawValue, label: $0.vietnameseName, selected: $0.rawValue == comment.decision)
                                },
                            reason: comment.reason)
                    })
            },
            canReview: canReview, canClose: identity.can(.publish, in: tree, unit: consultation.unitID) && consultation.closedAt == nil,
            isClosed: consultation.closedAt != nil, closeAction: AdminPage.closeConsultation(id: id).link,
            summary: consultation.closedAt == nil ? summary : consultation.summary, error: error)
        return try renderer.response(page, template: "admin/consultation", status: error == nil ? .ok : .unprocessableContent)
    }

    private func review(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (consultation, tree) = try await consultation(context, .editOthersContent)
        guard let commentID = context.parameters.get("comment").flatMap(UUID.init(uuidString:)),
            let comment = try await ConsultationCommentRecord.find(commentID, on: db), comment.consultationID == consultation.id
        else { throw AppError.notFound }
        let form = try await FormFields.from(request, context: context)
        let moderation: CommentModeration? =
            switch form.text("action") {
            case "approve": .approved
            case "reject": .rejected
            default: nil
            }
        let decision = CommentDecision(rawValue: form.text("decision"))
        if moderation == nil, decision == nil {
            return try await detail(context, consultation, tree: tree, error: "Vui lòng chọn quyết định tiếp thu cho góp ý.")
        }
        if let problem = try await desk.review(
            comment, of: consultation, moderation: moderation, decision: decision, reason: String(form.text("reason").prefix(2100)),
            by: try context.requireIdentity(), ip: context.clientIP)
        {
            return try await detail(context, consultation, tree: tree, error: problem)
        }
        return .redirect(to: AdminPage.consultation(id: try consultation.requireID().uuidString).link, type: .normal)
    }

    private func close(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (consultation, tree) = try await consultation(context, .publish)
        let form = try await FormFields.from(request, context: context)
        let summary = String((form["summary"] ?? "").prefix(50_100))
        if let problem = try await desk.close(consultation, summary: summary, by: try context.requireIdentity(), ip: context.clientIP) {
            return try await detail(context, consultation, tree: tree, error: problem, summary: summary)
        }
        return .redirect(to: AdminPage.consultation(id: try consultation.requireID().uuidString).link, type: .normal)
    }
}
