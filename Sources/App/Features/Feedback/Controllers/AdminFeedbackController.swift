import FluentKit
import Foundation
import Hummingbird
import LoaCore
import SQLKit

/// The back office's inbox of questions and feedback (issue #15). A user sees the items of the units
/// they read content in; clerks (who edit others' content there) accept, refuse, forward, handle and
/// draft answers; leaders (who publish there) approve an answer before the sender and the public see
/// it. The sender's contact details are shown only to those who handle items.
struct AdminFeedbackController: Sendable {
    let database: DatabaseStack
    var db: any Database { database.db }
    let renderer: PageRenderer
    let clients: Clients
    let unitTrees: UnitTreeCache
    let desk: FeedbackDesk
    /// Where the senders' attachments are stored.
    let attachments: UploadFolder

    static let noRights = "Bạn không có quyền xử lý câu hỏi, phản ánh của đơn vị này."

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.feedbackInbox.rawValue)) { request, context in try await inbox(request, context) }
        group.get(RouterPath(AdminRoute.feedbackItem.rawValue)) { request, context in
            let (item, tree) = try await item(context)
            return try await itemPage(context, item: item, tree: tree, notice: request.uri.queryParameters["tb"] == "da-xu-ly" ? "Đã lưu." : nil, error: nil)
        }
        group.post(RouterPath(AdminRoute.feedbackStep.rawValue)) { request, context in try await takeStep(request, context) }
        group.post(RouterPath(AdminRoute.feedbackEdit.rawValue)) { request, context in try await edit(request, context) }
        group.get(RouterPath(AdminRoute.feedbackAttachment.rawValue)) { _, context in try await attachment(context) }
    }

    private func item(_ context: AppRequestContext) async throws -> (FeedbackItemRecord, UnitTree) {
        let identity = try context.requireIdentity()
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)), let item = try await FeedbackItemRecord.find(id, on: db)
        else { throw AppError.notFound }
        let tree = try await unitTrees.tree()
        guard identity.can(.readContent, in: tree, unit: item.unitID) else { throw AppError.notFound }
        return (item, tree)
    }

    // MARK: Inbox

    struct InboxPage: Sendable {
        struct Filter: Sendable { var label, href: String; var count: Int; var current: Bool }
        struct Row: Sendable { var code, title, kind, unit, state, received, due, href: String; var overdue: Bool }
        var shell: AdminShell
        var filters: [Filter]
        var rows: [Row]
        var pager: Pager
    }

    static let inboxPageSize = 50

    private func inbox(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        guard identity.canSomewhere(.readContent) else { throw AppError.forbidden(Self.noRights) }
        let tree = try await unitTrees.tree()
        let units = tree.nodes.keys.filter { identity.can(.readContent, in: tree, unit: $0) }
        let parameters = request.uri.queryParameters
        let stateFilter = parameters["trang-thai"].flatMap { FeedbackState(rawValue: String($0)) }
        let overdueOnly = parameters["qua-han"] == "1"
        guard let requested = Pagination.requestedPage(parameters["so-trang"]) else { throw AppError.notFound }
        let today = CalendarDay(clients.now()).iso
        var query = FeedbackItemRecord.query(on: db).filter(\.$unitID ~~ units)
        if let stateFilter { query = query.filter(\.$state == stateFilter.rawValue) }
        if overdueOnly { query = Self.overdue(query, today: today) }
        // Counted in the database, one row per state: a province's inbox holds tens of thousands of items.
        let counts = try await stateCounts(units: units)
        let overdueCount = try await Self.overdue(FeedbackItemRecord.query(on: db).filter(\.$unitID ~~ units), today: today).count()
        let total = overdueOnly ? overdueCount : stateFilter.map { counts[$0.rawValue] ?? 0 } ?? counts.values.reduce(0, +)
        let pagination = Pagination(page: requested, pageSize: Self.inboxPageSize, total: total)
        guard !pagination.isBeyondEnd else { throw AppError.notFound }
        let items = try await query.sort(\.$receivedAt, .descending).sort(\.$number, .descending)
            .range(pagination.offset..<(pagination.offset + pagination.pageSize)).all()
        let todayDay = CalendarDay(clients.now())
        var filters = [
            InboxPage.Filter(
                label: "Tất cả", href: AdminPage.feedbackInbox.link, count: counts.values.reduce(0, +), current: stateFilter == nil && !overdueOnly),
            InboxPage.Filter(label: "Quá hạn", href: AdminPage.feedbackInbox(state: nil, overdue: true), count: overdueCount, current: overdueOnly),
        ]
        filters += FeedbackState.allCases.map { state in
            InboxPage.Filter(
                label: state.vietnameseName, href: AdminPage.feedbackInbox(state: state.rawValue, overdue: false), count: counts[state.rawValue] ?? 0,
                current: stateFilter == state)
        }
        let rows = items.map { item in
            let state = item.workflowState
            return InboxPage.Row(
                code: item.code.description, title: item.title, kind: item.feedbackKind.vietnameseName, unit: tree.nodes[item.unitID]?.name ?? "",
                state: state.vietnameseName, received: VietnameseDate.day(item.receivedAt),
                due: item.deadlines?.due(in: state)?.vietnamese ?? "—", href: AdminPage.feedbackItem(id: item.id?.uuidString ?? "").link,
                overdue: item.deadlines?.isOverdue(in: state, today: todayDay) ?? false)
        }
        let base = AdminPage.feedbackInbox(state: stateFilter?.rawValue, overdue: overdueOnly)
        let page = InboxPage(
            shell: AdminShell(identity: identity, title: "Hỏi đáp, phản ánh", current: .feedbackInbox), filters: filters, rows: rows,
            pager: Pager(pagination) { base + (base.contains("?") ? "&" : "?") + "so-trang=\($0)" })
        return try renderer.response(page, template: "admin/feedback-inbox")
    }

    /// How many items of these units are in each state.
    private func stateCounts(units: [UUID]) async throws -> [String: Int] {
        guard !units.isEmpty else { return [:] }
        let rows = try await db.sql.select().column("state").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(FeedbackItemRecord.schema).where("unit_id", .in, units).groupBy("state").all()
        return try rows.reduce(into: [:]) { counts, row in counts[try row.decode(column: "state", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
    }

    /// Items past the deadline that matters in their state; ISO days compare as text on both engines.
    private static func overdue(_ query: QueryBuilder<FeedbackItemRecord>, today: String) -> QueryBuilder<FeedbackItemRecord> {
        let deciding = [FeedbackState.received, .forwarded].map(\.rawValue)
        let answering = [FeedbackState.accepted, .handling, .awaitingApproval].map(\.rawValue)
        return query.group(.or) { or in
            or.group(.and) { $0.filter(\.$state ~~ deciding).filter(\.$decideBy < today) }
            or.group(.and) { $0.filter(\.$state ~~ answering).filter(\.$answerBy < today) }
        }
    }

    // MARK: One item

    struct ItemPage: Sendable {
        struct Event: Sendable {
            var date, actor, text: String
            var note: String?
        }
        struct Sender: Sendable { var name, phone, email, address: String }
        struct Attachment: Sendable { var name, size, href: String }
        var shell: AdminShell
        var code, title, kind, unit, state, received, decideBy, answerBy: String
        /// The procedure or document it is about.
        var subject: String?
        var overdue: Bool
        var content: [String]
        /// The text as stored, for the moderator's edit form.
        var editContent: String
        var original: [String]
        var hasOriginal: Bool
        var sender: Sender?
        /// The sender's files, shown with the sender's details: to those who handle the item only.
        var attachments: [Attachment]
        var hasAttachments: Bool
        var refusal: String?
        var answerDraft: String
        var answer: String?
        var version: Int
        var stepAction, editAction: String
        var canHandle, canApprove: Bool
        var canAccept, canRefuse, canForward, canStart, canSubmit, canApproveNow, canClose: Bool
        var units: [SelectOption]
        var topic: String
        var events: [Event]
        var notice, error: String?
        var backHref: String
    }

    private func itemPage(
        _ context: AppRequestContext, item: FeedbackItemRecord, tree: UnitTree, notice: String?, error: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let state = item.workflowState
        let open = Set(FeedbackWorkflow.steps(from: state))
        let canHandle = identity.can(.editOthersContent, in: tree, unit: item.unitID)
        let canApprove = identity.can(.publish, in: tree, unit: item.unitID)
        let events = try await FeedbackEventRecord.query(on: db).filter(\.$itemID == item.requireID()).sort(\.$at).all()
        let files = canHandle ? try await FeedbackAttachmentRecord.query(on: db).filter(\.$itemID == item.requireID()).sort(\.$createdAt).all() : []
        let id = try item.requireID().uuidString
        let page = ItemPage(
            shell: AdminShell(identity: identity, title: item.code.description, current: .feedbackInbox), code: item.code.description,
            title: item.title, kind: item.feedbackKind.vietnameseName, unit: tree.pathName(of: item.unitID), state: state.vietnameseName,
            received: VietnameseDate.dayTime(item.receivedAt), decideBy: item.deadlines?.decideBy.vietnamese ?? "",
            answerBy: item.deadlines?.answerBy.vietnamese ?? "", subject: FeedbackSubject(item)?.title,
            overdue: item.deadlines?.isOverdue(in: state, today: CalendarDay(clients.now())) ?? false,
            content: PublicFeedbackController.paragraphs(item.content), editContent: item.content,
            original: PublicFeedbackController.paragraphs([item.originalTitle, item.originalContent].compactMap { $0 }.joined(separator: "\n")),
            hasOriginal: item.originalContent != nil,
            sender: canHandle
                ? ItemPage.Sender(
                    name: item.senderName, phone: item.senderPhone ?? "", email: item.senderEmail ?? "", address: item.senderAddress) : nil,
            attachments: try files.map { file in
                ItemPage.Attachment(
                    name: file.displayName, size: Self.sizeText(file.size),
                    href: AdminPage.feedbackAttachment(id: id, file: try file.requireID().uuidString).link)
            },
            hasAttachments: !files.isEmpty,
            refusal: item.refusalReason.isEmpty ? nil : item.refusalReason, answerDraft: item.answerDraft, answer: item.answer.isEmpty ? nil : item.answer,
            version: item.version, stepAction: AdminPage.feedbackStep(id: id).link, editAction: AdminPage.feedbackEdit(id: id).link,
            canHandle: canHandle, canApprove: canApprove,
            canAccept: canHandle && open.contains(.accept), canRefuse: canHandle && open.contains(.refuse),
            canForward: canHandle && open.contains(.forward), canStart: canHandle && open.contains(.startHandling),
            canSubmit: canHandle && open.contains(.submitAnswer), canApproveNow: canApprove && open.contains(.approveAnswer),
            canClose: canHandle && open.contains(.close),
            units: tree.flattened().filter { $0.node.id != item.unitID && !$0.node.isRetired }.map { node, depth in
                SelectOption(value: node.id.uuidString, label: String(repeating: "— ", count: depth) + node.name)
            },
            topic: item.topic,
            events: events.map { event in
                ItemPage.Event(
                    date: VietnameseDate.dayTime(event.at), actor: event.actorName,
                    text: event.step == "receive"
                        ? "Tiếp nhận" : event.step == "edit" ? "Biên tập nội dung" : (FeedbackStep(rawValue: event.step)?.vietnameseName ?? event.step),
                    note: event.note.isEmpty ? nil : event.note)
            },
            notice: notice, error: error, backHref: AdminPage.feedbackInbox.link)
        return try renderer.response(page, template: "admin/feedback-item", status: status)
    }

    static func sizeText(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / Double(1 << 20)).replacingOccurrences(of: ".", with: ",") : "\(max(1, bytes >> 10)) KB"
    }

    /// A sender's file, for those who handle the item; sent as a download, never shown inline.
    private func attachment(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let (item, tree) = try await item(context)
        guard identity.can(.editOthersContent, in: tree, unit: item.unitID),
            let fileID = context.parameters.get("file").flatMap(UUID.init(uuidString:)),
            let file = try await FeedbackAttachmentRecord.query(on: db).filter(\.$id == fileID).filter(\.$itemID == item.requireID()).first(),
            let path = attachments.path(of: file.storedName)
        else { throw AppError.notFound }
        let data = try await Task.detached { try Data(contentsOf: URL(fileURLWithPath: path)) }.value
        var headers = HTTPFields()
        headers[.contentType] = file.mediaType
        headers[.contentDisposition] = PublicController.attachment(file.displayName)
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func takeStep(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let (item, tree) = try await item(context)
        let form = try await FormFields.from(request, context: context)
        guard let step = FeedbackStep(rawValue: form.text("step")) else { throw AppError.badRequest("unknown step") }
        let allowed = step.needsApprover ? identity.can(.publish, in: tree, unit: item.unitID) : identity.can(.editOthersContent, in: tree, unit: item.unitID)
        guard allowed else { throw AppError.forbidden(Self.noRights) }
        let input = FeedbackDesk.StepInput(
            note: String(form.text("note").prefix(2100)), forwardTo: form["unit"].flatMap(UUID.init(uuidString:)),
            answer: String((form["answer"] ?? "").prefix(10_100)), topic: String(form.text("topic").prefix(210)), publish: form["publish"] == "1")
        do {
            try await desk.take(
                step, on: item, version: Int(form.text("version")) ?? 0, input: input, actor: identity, ip: context.clientIP,
                unitName: { tree.nodes[$0]?.name })
        } catch let refusal as FeedbackDesk.Refusal {
            // What was typed stays on the page; a stale page is shown as it is now.
            let current = refusal.stale ? (try await FeedbackItemRecord.find(item.requireID(), on: db) ?? item) : item
            if !refusal.stale, step == .submitAnswer { current.answerDraft = input.answer }
            return try await itemPage(
                context, item: current, tree: tree, notice: nil, error: refusal.message, status: refusal.stale ? .conflict : .unprocessableContent)
        }
        // A forward may take the item out of this user's units: back to the inbox then.
        if step == .forward, let target = input.forwardTo, !identity.can(.readContent, in: tree, unit: target) {
            return .redirect(to: AdminPage.feedbackInbox.link, type: .normal)
        }
        return .redirect(to: AdminPage.feedbackItem(id: try item.requireID().uuidString).link + "?tb=da-xu-ly", type: .normal)
    }

    private func edit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let (item, tree) = try await item(context)
        guard identity.can(.editOthersContent, in: tree, unit: item.unitID) else { throw AppError.forbidden(Self.noRights) }
        let form = try await FormFields.from(request, context: context)
        let title = String(form.text("title").prefix(FeedbackSubmission.titleMax + 10))
        let content = String((form["content"] ?? "").prefix(FeedbackSubmission.contentMax + 10))
        do {
            try await desk.edit(item, version: Int(form.text("version")) ?? 0, title: title, content: content, actor: identity, ip: context.clientIP)
        } catch let refusal as FeedbackDesk.Refusal {
            let current = refusal.stale ? (try await FeedbackItemRecord.find(item.requireID(), on: db) ?? item) : item
            if !refusal.stale {
                current.title = title
                current.content = content
            }
            return try await itemPage(
                context, item: current, tree: tree, notice: nil, error: refusal.message, status: refusal.stale ? .conflict : .unprocessableContent)
        }
        return .redirect(to: AdminPage.feedbackItem(id: try item.requireID().uuidString).link + "?tb=da-xu-ly", type: .normal)
    }
}
