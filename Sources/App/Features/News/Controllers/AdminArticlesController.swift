import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// The newsroom in the back office: lists, the editor, workflow buttons, history (issue #3).
struct AdminArticlesController: Sendable {
    let database: DatabaseStack
    /// Taken per use: the next event loop's connections, the request's logger.
    var db: any Database { database.db }
    let renderer: PageRenderer
    let clients: Clients
    let sites: SiteDirectory
    let pageCache: PageCache
    let baseURL: URL
    static let pageSize = 30

    private var newsroom: NewsroomService { NewsroomService(db: db, clients: clients, pageCache: pageCache) }
    private var stash: FormStash { FormStash(db: db, now: clients.now) }
    static let restoredNotice = "Phiên đăng nhập đã hết hạn khi bạn bấm Lưu; nội dung bạn gửi đã được giữ lại và hiện ở dưới. Bấm Lưu để ghi lại."

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.articles.rawValue)) { request, context in try await list(request, context) }
        group.get(RouterPath(AdminRoute.newArticle.rawValue)) { request, context in try await newForm(request, context) }
        group.post(RouterPath(AdminRoute.newArticle.rawValue)) { request, context in try await create(request, context) }
        group.get(RouterPath(AdminRoute.article.rawValue)) { request, context in try await edit(request, context) }
        group.post(RouterPath(AdminRoute.article.rawValue)) { request, context in try await save(request, context) }
        group.post(RouterPath(AdminRoute.articleTransition.rawValue)) { request, context in try await transition(request, context) }
        group.post(RouterPath(AdminRoute.articlePendingEdit.rawValue)) { request, context in try await decidePendingEdit(request, context) }
        group.get(RouterPath(AdminRoute.articleHistory.rawValue)) { request, context in try await history(request, context) }
        group.post(RouterPath(AdminRoute.restoreRevision.rawValue)) { _, context in try await restore(context) }
        group.post(RouterPath(AdminRoute.articlePreviewLink.rawValue)) { _, context in try await previewLink(context) }
        group.post(RouterPath(AdminRoute.bodyPreview.rawValue)) { request, context in try await bodyPreview(request, context) }
    }

    /// The editor's live preview: the body as the public page will show it (same renderer, same escaping).
    private func bodyPreview(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        guard identity.canSomewhere(.writeDraft) else { throw AppError.forbidden("Bạn không có quyền viết tin.") }
        let body = try await FormFields.from(request, context: context)["body"] ?? ""
        // The same limit as a save: a preview never renders more than an article may hold.
        if let problem = FieldCheck.text(body, field: "body", label: "Nội dung", required: false, max: ArticleTextLimits.body) {
            return PageRenderer.htmlResponse("<p>\(HTML.escape(problem.message))</p>", status: .unprocessableContent)
        }
        let html = ArticleBodyHTML.render(body, media: try await MediaLibrary.images(referencedBy: body, on: db))
        return PageRenderer.htmlResponse(html)
    }

    // MARK: Loading with checks

    /// The article named in the URL if the identity may at least read it; otherwise 404 (ids of other
    /// units' articles reveal nothing).
    private func readable(_ context: AppRequestContext) async throws -> (Identity, UnitTree, Article) {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let article = try await Article.query(on: db).filter(\.$id == id).with(\.$tags).first(),
            identity.can(.readContent, in: tree, unit: article.$unit.id)
        else { throw AppError.notFound }
        return (identity, tree, article)
    }

    private func writableSites(_ identity: Identity, tree: UnitTree) async throws -> [SiteInfo] {
        try await sites.all().filter { identity.can(.writeDraft, in: tree, unit: $0.unitID) }
    }

    // MARK: List

    private func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let readableSites = try await sites.all().filter { identity.can(.readContent, in: tree, unit: $0.unitID) }
        let parameters = request.uri.queryParameters
        let state = parameters.get("trang-thai").flatMap { ArticleState(rawValue: String($0)) }
        let siteFilter = parameters.get("trang").flatMap { slug in readableSites.first { $0.slug == String(slug) } }
        let mine = parameters.get("cua-toi") == "1"
        let siteIDs = siteFilter.map { [$0.id] } ?? readableSites.map(\.id)
        let categories = try await Category.query(on: db).filter(\.$site.$id ~~ siteIDs).sort(\.$position).all()
        let categoryFilter = parameters.get("chuyen-muc").flatMap(UUID.init(uuidString:)).flatMap { id in categories.first { $0.id == id } }
        let writerIDs = try await Article.query(on: db).filter(\.$site.$id ~~ siteIDs).unique().all(\.$createdBy).compactMap { $0 }
        let writers = writerIDs.isEmpty ? [] : try await User.query(on: db).filter(\.$id ~~ writerIDs).sort(\.$name).all()
        let writerFilter = parameters.get("nguoi-viet").flatMap(UUID.init(uuidString:)).flatMap { id in writers.first { $0.id == id } }
        let page = RequestNumber.clamped(parameters.get("so-trang"), to: RequestNumber.pages, fallback: 1)
        let from = parameters.get("tu").flatMap { PublicController.parseDay(String($0)) }
        let to = parameters.get("den").flatMap { PublicController.parseDay(String($0)) }?.addingTimeInterval(86_400)
        var query = Article.query(on: db).filter(\.$site.$id ~~ siteIDs)
        if let state { query = query.filter(\.$status == state.rawValue) }
        if let id = categoryFilter?.id { query = query.filter(\.$category.$id == id) }
        if let id = writerFilter?.id { query = query.filter(\.$createdBy == id) }
        if mine { query = query.filter(\.$createdBy == identity.userID) }
        if parameters.get("ban-sua") == "1" { query = query.filter(\.$pendingRevisionID != nil) }
        if let from { query = query.filter(\.$updatedAt >= from) }
        if let to { query = query.filter(\.$updatedAt < to) }
        let siteNames = Dictionary(readableSites.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let total = try await query.count()
        let articles = try await query.sort(\.$updatedAt, .descending).sort(\.$id)
            .offset(Pagination.offset(page: page, pageSize: Self.pageSize)).limit(Self.pageSize).all()
        let model = ArticleListPage(
            shell: AdminShell(identity: identity, title: "Tin bài", current: .articles),
            newHref: AdminPage.newArticle.link, total: total,
            states: [SelectOption(value: "", label: "Mọi trạng thái", selected: state == nil)]
                + ArticleState.allCases.map { SelectOption(value: $0.rawValue, label: $0.vietnameseName, selected: $0 == state) },
            sites: [SelectOption(value: "", label: "Mọi trang", selected: siteFilter == nil)]
                + readableSites.map { SelectOption(value: $0.slug, label: $0.name, selected: $0.id == siteFilter?.id) },
            categories: [SelectOption(value: "", label: "Mọi chuyên mục", selected: categoryFilter == nil)]
                + categories.compactMap { category in
                    category.id.map { id in
                        let site = siteFilter == nil ? " — " + (siteNames[category.$site.id] ?? "") : ""
                        return SelectOption(value: id.uuidString, label: category.name + site, selected: id == categoryFilter?.id)
                    }
                },
            writers: [SelectOption(value: "", label: "Mọi người viết", selected: writerFilter == nil)]
                + writers.compactMap { user in user.id.map { SelectOption(value: $0.uuidString, label: user.name, selected: $0 == writerFilter?.id) } },
            mine: mine,
            from: parameters.get("tu").map { String($0) } ?? "", to: parameters.get("den").map { String($0) } ?? "",
            rows: try articles.map { article in
                ArticleListPage.Row(
                    title: article.title, href: AdminPage.article(id: try article.requireID().uuidString).link,
                    state: ArticleState(rawValue: article.status)?.vietnameseName ?? article.status,
                    site: siteNames[article.$site.id] ?? "",
                    updated: article.updatedAt.map(VietnameseDate.dayTime) ?? "")
            },
            pager: Pager(Pagination(page: page, pageSize: Self.pageSize, total: total)) { Self.listLink(request, page: $0) })
        return try renderer.response(model, template: "admin/articles")
    }

    static func listLink(_ request: Request, page: Int) -> String {
        var components = URLComponents()
        components.queryItems =
            request.uri.queryParameters.filter { $0.key != "so-trang" }
            .map { URLQueryItem(name: String($0.key), value: String($0.value)) } + [URLQueryItem(name: "so-trang", value: String(page))]
        return AdminPage.articles.link + "?" + (components.percentEncodedQuery ?? "")
    }

    // MARK: Editor

    private func newForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let writable = try await writableSites(identity, tree: tree)
        guard
            let site = request.uri.queryParameters.get("trang").flatMap({ slug in writable.first { $0.slug == String(slug) } })
                ?? writable.first(where: { $0.unitID == identity.unitID }) ?? writable.first
        else { throw AppError.forbidden("Bạn chưa được giao viết tin cho trang thông tin nào.") }
        if let kept = try await stash.takeBack(path: request.uri.path, for: identity.userID),
            let keptSite = writable.first(where: { $0.slug == kept["site"] })
        {
            return try await editorPage(
                identity: identity, tree: tree, site: keptSite, article: nil, content: Self.content(from: FormFields(kept)), version: 0,
                errors: [], notice: Self.restoredNotice)
        }
        let content = ArticleContent(title: "", summary: "", body: "", authorName: "", categoryID: nil, tags: [])
        return try await editorPage(identity: identity, tree: tree, site: site, article: nil, content: content, version: 0, errors: [])
    }

    private func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let form = try await FormFields.from(request, context: context)
        guard let site = try await writableSites(identity, tree: tree).first(where: { $0.slug == form.text("site") }) else {
            throw AppError.forbidden("Bạn không được viết tin cho trang thông tin này.")
        }
        let content = Self.content(from: form)
        do {
            let article = try await newsroom.create(content, site: site, identity: identity, tree: tree)
            return .redirect(to: AdminPage.article(id: try article.requireID().uuidString).link + "?tb=" + AdminNotice.saved.rawValue, type: .normal)
        } catch let failure as NewsroomService.Failure {
            return try await editorPage(identity: identity, tree: tree, site: site, article: nil, content: content, version: 0, errors: failure.fieldProblems)
        } catch {
            return try await keptAfterFailure(error, context: context, identity: identity, tree: tree, site: site, article: nil, content: content, version: 0)
        }
    }

    private func edit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (identity, tree, article) = try await readable(context)
        guard let site = try await sites.all().first(where: { $0.id == article.$site.id }) else { throw AppError.notFound }
        if let kept = try await stash.takeBack(path: request.uri.path, for: identity.userID) {
            // The version it was based on travels with it: a save still refuses to overwrite newer work.
            return try await editorPage(
                identity: identity, tree: tree, site: site, article: article, content: Self.content(from: FormFields(kept)),
                version: RequestNumber.parse(kept["version"], in: 0...Int(Int32.max)) ?? 0, errors: [], notice: Self.restoredNotice)
        }
        // A pending edit is what its writers go on from; the public text is one click away.
        let content = try await newsroom.pendingRevision(of: article, on: db)?.pendingContent ?? ArticleContent(article)
        return try await editorPage(identity: identity, tree: tree, site: site, article: article, content: content, version: article.version, errors: [])
    }

    private func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (identity, tree, article) = try await readable(context)
        guard let site = try await sites.all().first(where: { $0.id == article.$site.id }) else { throw AppError.notFound }
        let form = try await FormFields.from(request, context: context)
        let content = Self.content(from: form)
        let version = RequestNumber.parse(form.text("version"), in: 0...Int(Int32.max)) ?? 0
        do {
            try await newsroom.update(article, content: content, basedOn: version, identity: identity, tree: tree)
            return .redirect(to: AdminPage.article(id: try article.requireID().uuidString).link + "?tb=" + AdminNotice.saved.rawValue, type: .normal)
        } catch let failure as NewsroomService.Failure {
            if failure.status == .forbidden { throw failure }
            // What was typed stays in the form, whatever went wrong.
            return try await editorPage(
                identity: identity, tree: tree, site: site, article: article, content: content, version: version, errors: failure.fieldProblems)
        } catch {
            return try await keptAfterFailure(
                error, context: context, identity: identity, tree: tree, site: site, article: article, content: content, version: version)
        }
    }

    /// A save that failed for a reason not the writer's (the database went away, the disk is full): the
    /// form comes back with everything typed and a reference, instead of a bare error page (issue #8).
    private func keptAfterFailure(
        _ error: any Error, context: AppRequestContext, identity: Identity, tree: UnitTree, site: SiteInfo, article: Article?,
        content: ArticleContent, version: Int
    ) async throws -> Response {
        context.logger.error("article save failed", metadata: ["error": "\(String(reflecting: error))"])
        let problem = FieldProblem(
            field: "",
            message: "Chưa lưu được do lỗi hệ thống (mã tham chiếu \(context.requestID)). Nội dung bạn nhập vẫn còn dưới đây; hãy bấm Lưu lại sau ít phút.")
        var response = try await editorPage(
            identity: identity, tree: tree, site: site, article: article, content: content, version: version, errors: [problem])
        response.status = .serviceUnavailable
        return response
    }

    private func transition(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (identity, tree, article) = try await readable(context)
        let form = try await FormFields.from(request, context: context)
        guard let transition = ArticleTransition(rawValue: form.text("transition")) else { throw AppError.badRequest("Thao tác không hợp lệ.") }
        let publishAt = Self.parseDateTime(form.text("publish_at"))
        let expiresAt = Self.parseDateTime(form.text("expires_at"))
        do {
            // Without a version (a script, a form of an older page) the version just read is taken.
            let version = RequestNumber.parse(form.text("version"), in: 0...Int(Int32.max))
            try await newsroom.transition(
                article, transition, comment: form["comment"], publishAt: publishAt, expiresAt: expiresAt, basedOn: version,
                identity: identity, tree: tree)
        } catch let failure as NewsroomService.Failure {
            if failure.status == .forbidden { throw failure }
            guard let site = try await sites.all().first(where: { $0.id == article.$site.id }) else { throw AppError.notFound }
            let content = ArticleContent(article)
            return try await editorPage(
                identity: identity, tree: tree, site: site, article: article, content: content, version: article.version, errors: failure.fieldProblems)
        }
        return .redirect(to: AdminPage.article(id: try article.requireID().uuidString).link + "?tb=" + AdminNotice.saved.rawValue, type: .normal)
    }

    private func decidePendingEdit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (identity, tree, article) = try await readable(context)
        let form = try await FormFields.from(request, context: context)
        let version = RequestNumber.parse(form.text("version"), in: 0...Int(Int32.max)) ?? 0
        do {
            try await newsroom.decidePendingEdit(article, publish: form.text("decision") == "publish", basedOn: version, identity: identity, tree: tree)
        } catch let failure as NewsroomService.Failure {
            if case .notPermitted = failure { throw AppError.forbidden("Chỉ người có quyền đăng tin mới duyệt được bản sửa.") }
            guard let site = try await sites.all().first(where: { $0.id == article.$site.id }) else { throw AppError.notFound }
            let fresh = try await Article.query(on: db).filter(\.$id == article.requireID()).with(\.$tags).first() ?? article
            let content = try await newsroom.pendingRevision(of: fresh, on: db)?.pendingContent ?? ArticleContent(fresh)
            return try await editorPage(
                identity: identity, tree: tree, site: site, article: fresh, content: content, version: fresh.version, errors: failure.fieldProblems)
        }
        return .redirect(to: AdminPage.article(id: try article.requireID().uuidString).link + "?tb=" + AdminNotice.saved.rawValue, type: .normal)
    }

    static func content(from form: FormFields) -> ArticleContent {
        ArticleContent(
            title: form["title"] ?? "", summary: form["summary"] ?? "", body: form["body"] ?? "", authorName: form["author"] ?? "",
            categoryID: form["category"].flatMap(UUID.init(uuidString:)), tags: ArticleContent.tagList(form["tags"] ?? ""),
            featuredMediaID: .some(form["featured"].flatMap(UUID.init(uuidString:))))
    }

    /// `yyyy-MM-ddTHH:mm` from a datetime-local input, read as Vietnam time.
    static func parseDateTime(_ text: String) -> Date? {
        guard text.utf8.count <= 32 else { return nil }
        let parts = text.split(whereSeparator: { "-T:".contains($0) }).compactMap { Int($0) }
        guard parts.count == 5, (1900...2200).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]),
            (0...23).contains(parts[3]), (0...59).contains(parts[4])
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = VietnameseDate.timeZone
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4]))
    }

    private func editorPage(
        identity: Identity, tree: UnitTree, site: SiteInfo, article: Article?, content: ArticleContent, version: Int, errors: [FieldProblem],
        notice: String? = nil
    ) async throws -> Response {
        let categories = try await CategoryQueries.all(siteID: site.id, on: db)
        let images = try await Media.query(on: db).filter(\.$site.$id == site.id).sort(\.$createdAt, .descending).limit(24).all()
        let writable = try await writableSites(identity, tree: tree)
        let state = article.flatMap { ArticleState(rawValue: $0.status) }
        let id = try article?.requireID().uuidString
        let canEdit = article.map { newsroom.mayEdit($0, identity: identity, tree: tree) } ?? true
        let transitions = state.map { ArticleWorkflow.transitions(from: $0) } ?? []
        let mayPublish = identity.can(.publish, in: tree, unit: site.unitID)
        var pending: ArticleRevision?
        if let article { pending = try await newsroom.pendingRevision(of: article, on: db) }
        let publicHref: String? = article.flatMap { article in
            guard state == .published || state == .scheduled else { return nil }
            return (site.isPrimary ? SiteMount.root : .underPrefix(site.slug)).path(.article(slug: article.slug))
        }
        let model = ArticleEditorPage(
            shell: AdminShell(identity: identity, title: article == nil ? "Viết tin mới" : "Sửa tin bài", current: .articles, notice: notice),
            heading: article == nil ? "Viết tin mới" : "Sửa tin bài",
            action: id.map { AdminPage.article(id: $0).link } ?? AdminPage.newArticle.link,
            isNew: article == nil, canEdit: canEdit, version: version,
            siteName: site.name, siteSlug: site.slug,
            sites: writable.map { SelectOption(value: $0.slug, label: $0.name, selected: $0.id == site.id) },
            title: content.title, summary: content.summary, body: content.body, author: content.authorName,
            tags: content.tags.joined(separator: ", "),
            images: images.compactMap { media in
                media.id.map { id in
                    ArticleEditorPage.LibraryImage(
                        id: id.uuidString, thumbnail: MediaLibrary.path(id: id, format: media.imageFormat, width: media.widths.first),
                        alt: media.alt, markdown: AdminMediaController.markdown(media), featured: content.featuredMediaID == .some(id))
                }
            },
            mediaHref: AdminPage.media.link, previewAction: AdminPage.bodyPreview.link,
            draftKey: "loa-nhap-" + (id ?? "moi-\(site.slug)"),
            categories: [SelectOption(value: "", label: "Không chọn", selected: content.categoryID == nil)]
                + categories.map { SelectOption(value: $0.id?.uuidString ?? "", label: $0.name, selected: $0.id == content.categoryID) },
            state: state?.vietnameseName, workflowComment: article.flatMap { $0.workflowComment.isEmpty ? nil : $0.workflowComment },
            transitions: transitions.compactMap { transition -> ArticleEditorPage.Button? in
                guard identity.can(transition.requiredAction, in: tree, unit: site.unitID) else { return nil }
                return ArticleEditorPage.Button(
                    action: AdminPage.articleTransition(id: id ?? "").link, transition: transition.rawValue,
                    label: transition.vietnameseName, needsComment: transition == .returnToAuthor, isPublish: transition == .publish)
            },
            historyHref: id.map { AdminPage.articleHistory(id: $0).link },
            radioHref: state == .published && canEdit ? id.map { AdminPage.newRadioBulletin.link + "?bai=" + $0 } : nil,
            previewLinkAction: mayPublish ? id.map { AdminPage.articlePreviewLink(id: $0).link } : nil,
            pendingEdit: pending.map { revision in
                ArticleEditorPage.PendingEdit(
                    notice:
                        "Bản sửa số \(revision.number) của \(revision.editorName) (\(VietnameseDate.dayTime(revision.createdAt))) đang chờ duyệt; trang công khai vẫn hiện bản đã đăng. Ô soạn thảo dưới đây là bản sửa đó.",
                    decideAction: mayPublish ? AdminPage.articlePendingEdit(id: id ?? "").link : nil)
            },
            savesAsPendingEdit: article.map { !newsroom.saveGoesLive($0, identity: identity, tree: tree) } ?? false,
            publicHref: publicHref,
            errors: errors)
        return try renderer.response(model, template: "admin/article-editor", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    // MARK: History and preview

    private func history(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (identity, tree, article) = try await readable(context)
        let id = try article.requireID()
        let revisions = try await ArticleRevision.query(on: db).filter(\.$article.$id == id).sort(\.$number, .descending).all()
        let parameters = request.uri.queryParameters
        let newest = revisions.first?.number ?? 0
        let b = RequestNumber.parse(parameters.get("b"), in: RequestNumber.pages) ?? newest
        let a = RequestNumber.parse(parameters.get("a"), in: RequestNumber.pages) ?? max(1, b - 1)
        let old = revisions.first { $0.number == a }
        let new = revisions.first { $0.number == b }
        var diff: [ArticleHistoryPage.DiffLine] = []
        var approximate = false
        if let old, let new {
            let text = { (r: ArticleRevision) in "# \(r.title)\n\n\(r.summary)\n\n\(r.body)\n\nTừ khóa: \(r.tags)\nBút danh: \(r.authorName)" }
            let comparison = LineDiff.comparison(text(old), text(new))
            approximate = comparison.approximate
            diff = comparison.lines.map {
                .init(kind: $0.kind.rawValue, marker: $0.kind == .added ? "+" : $0.kind == .removed ? "−" : " ", text: $0.text)
            }
        }
        let canRestore = newsroom.mayEdit(article, identity: identity, tree: tree)
        let model = ArticleHistoryPage(
            shell: AdminShell(identity: identity, title: "Lịch sử tin bài", current: .articles),
            title: article.title, editHref: AdminPage.article(id: id.uuidString).link,
            revisions: try revisions.map { revision in
                ArticleHistoryPage.Revision(
                    number: revision.number, note: revision.note, editor: revision.editorName,
                    time: VietnameseDate.dayTime(revision.createdAt),
                    compareHref: AdminPage.articleHistory(id: id.uuidString).link + "?a=\(max(1, revision.number - 1))&b=\(revision.number)",
                    restoreAction: canRestore && revision.number != newest
                        ? AdminPage.restoreRevision(id: id.uuidString, revision: try revision.requireID().uuidString).link : nil)
            },
            a: a, b: b, diff: diff, approximate: approximate)
        return try renderer.response(model, template: "admin/article-history")
    }

    private func restore(_ context: AppRequestContext) async throws -> Response {
        let (identity, tree, article) = try await readable(context)
        let id = try article.requireID()
        guard let revisionID = context.parameters.get("revision").flatMap(UUID.init(uuidString:)),
            let revision = try await ArticleRevision.query(on: db).filter(\.$id == revisionID).filter(\.$article.$id == id).first()
        else { throw AppError.notFound }
        do {
            try await newsroom.restore(revision, of: article, identity: identity, tree: tree)
        } catch let failure as NewsroomService.Failure {
            throw AppError.forbidden(failure.description)
        }
        return .redirect(to: AdminPage.articleHistory(id: id.uuidString).link, type: .normal)
    }

    static let previewLifetime: TimeInterval = 7 * 86_400

    private func previewLink(_ context: AppRequestContext) async throws -> Response {
        let (identity, tree, article) = try await readable(context)
        // A public link to unpublished text is a kind of publication: only those who may publish make one.
        guard identity.can(.publish, in: tree, unit: article.$unit.id) else {
            throw AppError.forbidden("Chỉ người có quyền đăng tin mới tạo được liên kết xem trước.")
        }
        let token = clients.randomToken(24)
        let expires = clients.now().addingTimeInterval(Self.previewLifetime)
        try await PreviewToken(articleID: try article.requireID(), tokenHash: TokenHash.sha256Hex(token), expiresAt: expires, createdBy: identity.userID)
            .create(on: db)
        let model = PreviewLinkPage(
            shell: AdminShell(identity: identity, title: "Liên kết xem trước", current: .articles),
            title: article.title, link: baseURL.absoluteString + "/" + SystemRoute.preview.path(["token": token]),
            expires: VietnameseDate.dayTime(expires), editHref: AdminPage.article(id: try article.requireID().uuidString).link)
        return try renderer.response(model, template: "admin/preview-link")
    }
}
