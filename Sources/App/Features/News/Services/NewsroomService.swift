import FluentKit
import Foundation
import Hummingbird
import LoaCore
import SQLKit

/// Writing, editing and moving articles through the workflow (issue #3). Controllers call this; every
/// rule about who may do what comes from `PermissionPolicy` and `ArticleWorkflow` in LoaCore.
struct NewsroomService: Sendable {
    let db: any Database
    let clients: Clients
    let pageCache: PageCache

    enum Failure: Error, Equatable, CustomStringConvertible {
        case invalid([FieldProblem])
        case notPermitted
        /// Someone saved the article after this copy was opened.
        case stale(currentVersion: Int, editorName: String)
        case workflow(WorkflowError)
        /// An approver's decision on a pending edit that another approver already took.
        case nothingPending

        var description: String {
            switch self {
            case .invalid(let problems): problems.map(\.message).joined(separator: " ")
            case .notPermitted: "Bạn không có quyền thực hiện thao tác này với tin bài này."
            case .stale(_, let editor):
                "Tin bài đã được \(editor) lưu sau khi bạn mở. Nội dung bạn vừa nhập vẫn còn trong ô soạn thảo; hãy xem bản mới nhất rồi lưu lại."
            case .workflow(let error): error.message
            case .nothingPending: "Tin bài không còn bản sửa nào chờ duyệt (có thể người khác vừa duyệt)."
            }
        }
    }

    func validate(_ content: ArticleContent, siteID: UUID) async throws -> ArticleContent {
        var content = content
        content.title = content.title.trimmingCharacters(in: .whitespacesAndNewlines)
        content.summary = content.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        content.authorName = content.authorName.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems = [
            FieldCheck.text(content.title, field: "title", label: "Tiêu đề", required: true, max: ArticleTextLimits.title),
            FieldCheck.text(content.summary, field: "summary", label: "Tóm tắt", required: false, max: ArticleTextLimits.summary),
            FieldCheck.text(content.body, field: "body", label: "Nội dung", required: true, max: ArticleTextLimits.body),
            FieldCheck.text(content.authorName, field: "author", label: "Bút danh", required: false, max: ArticleTextLimits.author),
        ].compactMap { $0 }
        if content.tags.count > ArticleTextLimits.tags || content.tags.contains(where: { $0.count > ArticleTextLimits.tagLength }) {
            problems.append(FieldProblem(field: "tags", message: "Tối đa 20 từ khóa, mỗi từ khóa không quá 60 ký tự."))
        }
        let missingAlt = MarkdownHTML.imagesWithoutAlt(content.body)
        if !missingAlt.isEmpty {
            problems.append(
                FieldProblem(
                    field: "body", message: "Ảnh trong nội dung phải có mô tả (văn bản thay thế): ![mô tả ảnh](\(missingAlt[0]))."))
        }
        if case .some(.some(let mediaID)) = content.featuredMediaID,
            try await Media.query(on: db).filter(\.$id == mediaID).filter(\.$site.$id == siteID).count() == 0
        {
            problems.append(FieldProblem(field: "featured", message: "Ảnh đại diện phải là ảnh trong thư viện của trang thông tin này."))
        }
        if let category = content.categoryID,
            try await Category.query(on: db).filter(\.$id == category).filter(\.$site.$id == siteID).count() == 0
        {
            problems.append(FieldProblem(field: "category", message: "Chuyên mục không thuộc trang thông tin này."))
        }
        guard problems.isEmpty else { throw Failure.invalid(problems) }
        return content
    }

    /// Whether the identity may change this article's text: editors and approvers of its unit may edit
    /// any article; a contributor only their own drafts and returned articles.
    func mayEdit(_ article: Article, identity: Identity, tree: UnitTree) -> Bool {
        if identity.can(.editOthersContent, in: tree, unit: article.$unit.id) { return true }
        let own = article.createdBy == identity.userID
        let open = [ArticleState.draft.rawValue, ArticleState.returned.rawValue].contains(article.status)
        return own && open && identity.can(.writeDraft, in: tree, unit: article.$unit.id)
    }

    /// Whether a save by this identity changes what the public sees at once. Text not yet public may be
    /// changed by whoever may edit it; the public text changes only through someone who may publish:
    /// anyone else's edit waits as a pending revision (issue #8).
    func saveGoesLive(_ article: Article, identity: Identity, tree: UnitTree) -> Bool {
        let isPublic = [ArticleState.published.rawValue, ArticleState.scheduled.rawValue].contains(article.status)
        return !isPublic || identity.can(.publish, in: tree, unit: article.$unit.id)
    }

    /// The pending edit of a public article, if one waits for an approver.
    func pendingRevision(of article: Article, on db: any Database) async throws -> ArticleRevision? {
        guard let id = article.pendingRevisionID else { return nil }
        return try await ArticleRevision.query(on: db).filter(\.$id == id).filter(\.$article.$id == article.requireID()).first()
    }

    func create(_ content: ArticleContent, site: SiteInfo, identity: Identity, tree: UnitTree) async throws -> Article {
        guard identity.can(.writeDraft, in: tree, unit: site.unitID) else { throw Failure.notPermitted }
        let content = try await validate(content, siteID: site.id)
        let slug = try await ArticleSlugs.available(VietnameseText.slug(content.title), siteID: site.id, on: db)
        let article = Article(
            siteID: site.id, unitID: site.unitID, categoryID: content.categoryID, title: content.title, slug: slug,
            summary: content.summary, body: content.body, authorName: content.authorName, publishedAt: nil, status: .draft)
        article.createdBy = identity.userID
        article.featuredMediaID = content.featuredMediaID ?? nil
        try await db.writeTransaction { db in
            try await article.create(on: db)
            try await replaceTags(of: article, with: content.tags, on: db)
            try await ArticleRevision(
                articleID: article.requireID(), number: 1, content: content, editorID: identity.userID,
                editorName: identity.name, note: "Tạo bài", at: clients.now()
            ).create(on: db)
        }
        return article
    }

    /// Saves a new revision. `basedOn` is the version the editor opened; a newer one in the database
    /// means someone else saved meanwhile, and this save is refused instead of overwriting theirs.
    func update(_ article: Article, content: ArticleContent, basedOn version: Int, identity: Identity, tree: UnitTree, note: String = "Sửa") async throws {
        guard mayEdit(article, identity: identity, tree: tree) else { throw Failure.notPermitted }
        let content = try await validate(content, siteID: article.$site.id)
        let id = try article.requireID()
        let wentLive = try await db.writeTransaction { db -> Bool in
            let current = try await claim(id, atVersion: version, on: db)
            let number = (try await ArticleRevision.query(on: db).filter(\.$article.$id == id).max(\.$number) ?? 0) + 1
            guard saveGoesLive(current, identity: identity, tree: tree) else {
                // The published text stays; the edit waits for an approver as a revision of its own.
                let revision = ArticleRevision(
                    articleID: id, number: number, content: content, editorID: identity.userID, editorName: identity.name,
                    note: Self.pendingNote, at: clients.now())
                try await revision.create(on: db)
                current.pendingRevisionID = try revision.requireID()
                try await current.save(on: db)
                return false
            }
            current.pendingRevisionID = nil
            Self.apply(content, to: current)
            if current.publishedAt == nil {
                // Until first publication the address follows the title; after it, links must stay valid.
                current.slug = try await ArticleSlugs.available(VietnameseText.slug(content.title), siteID: current.$site.id, excluding: id, on: db)
            }
            try await current.save(on: db)
            try await replaceTags(of: current, with: content.tags, on: db)
            try await ArticleRevision(
                articleID: id, number: number, content: content, editorID: identity.userID, editorName: identity.name,
                note: note, at: clients.now()
            ).create(on: db)
            try await SearchIndex(db: db).update(current)
            try await PageCache.bump(on: db, site: current.$site.id)  // with the change, so both commit or neither
            return true
        }
        if wentLive { pageCache.invalidateLocally(site: article.$site.id) }
    }

    static let pendingNote = "Sửa (chờ duyệt)"

    /// The editable text onto the article; the featured image only when the content names one.
    static func apply(_ content: ArticleContent, to article: Article) {
        article.title = content.title
        article.summary = content.summary
        article.body = content.body
        article.authorName = content.authorName
        article.$category.id = content.categoryID
        if case .some(let featured) = content.featuredMediaID { article.featuredMediaID = featured }
    }

    /// An approver publishes the pending edit of a public article, or sets it aside; either is recorded
    /// in the history with who decided.
    func decidePendingEdit(_ article: Article, publish: Bool, basedOn version: Int, identity: Identity, tree: UnitTree) async throws {
        guard identity.can(.publish, in: tree, unit: article.$unit.id) else { throw Failure.notPermitted }
        let id = try article.requireID()
        try await db.writeTransaction { db in
            let current = try await claim(id, atVersion: version, on: db)
            try await current.$tags.load(on: db)
            guard let pending = try await pendingRevision(of: current, on: db) else {
                throw Failure.nothingPending
            }
            let number = (try await ArticleRevision.query(on: db).filter(\.$article.$id == id).max(\.$number) ?? 0) + 1
            current.pendingRevisionID = nil
            guard publish else {
                try await current.save(on: db)
                try await ArticleRevision(
                    articleID: id, number: number, content: ArticleContent(current), editorID: identity.userID, editorName: identity.name,
                    note: "Không đăng bản sửa số \(pending.number) của \(pending.editorName)", at: clients.now()
                ).create(on: db)
                return
            }
            let content = pending.pendingContent
            Self.apply(content, to: current)
            try await current.save(on: db)
            try await replaceTags(of: current, with: content.tags, on: db)
            try await ArticleRevision(
                articleID: id, number: number, content: content, editorID: identity.userID, editorName: identity.name,
                note: "Đăng bản sửa số \(pending.number) của \(pending.editorName)", at: clients.now()
            ).create(on: db)
            try await SearchIndex(db: db).update(current)
            try await PageCache.bump(on: db, site: current.$site.id)
        }
        if publish { pageCache.invalidateLocally(site: article.$site.id) }
    }

    /// Moves the article through the workflow. `basedOn` is the version the person's page showed (nil
    /// from callers without a page); a newer one means someone changed it meanwhile. Publishing,
    /// scheduling and withdrawing are recorded in the history with who did it and the text concerned.
    func transition(
        _ article: Article, _ transition: ArticleTransition, comment: String?, publishAt: Date?, expiresAt: Date?,
        basedOn version: Int? = nil, identity: Identity, tree: UnitTree
    ) async throws {
        let id = try article.requireID()
        let now = clients.now()
        try await pageCache.changingContent(on: db, site: article.$site.id) { db in
            let current = try await claim(id, atVersion: version ?? article.version, on: db)
            guard let state = ArticleState(rawValue: current.status) else { throw Failure.notPermitted }
            var allowed = identity.can(transition.requiredAction, in: tree, unit: current.$unit.id)
            if transition == .submit, !identity.can(.editOthersContent, in: tree, unit: current.$unit.id) {
                allowed = allowed && current.createdBy == identity.userID  // contributors submit their own drafts only
            }
            let next: ArticleState
            switch ArticleWorkflow.apply(transition, to: state, allowed: allowed, comment: comment, publishAt: publishAt, expiresAt: expiresAt, now: now) {
            case .failure(let error): throw error.reason == .notPermitted ? Failure.notPermitted : Failure.workflow(error)
            case .success(let state): next = state
            }
            current.status = next.rawValue
            if transition == .publish {
                current.publishedAt = publishAt ?? now
                current.expiresAt = expiresAt
            }
            current.workflowComment = transition == .returnToAuthor ? (comment ?? "") : ""
            try await current.save(on: db)
            current.$tags.value = try await current.$tags.get(reload: true, on: db)
            try await SearchIndex(db: db).update(current)
            if let note = Self.traceNote(transition, to: next, at: current.publishedAt) {
                try await Self.trace(current, note: note, editorID: identity.userID, editorName: identity.name, at: now, on: db)
            }
        }
    }

    /// What the history says of a step that changes what the public sees; nil for the others.
    static func traceNote(_ transition: ArticleTransition, to state: ArticleState, at publishedAt: Date?) -> String? {
        switch (transition, state) {
        case (.publish, .scheduled): "Hẹn giờ đăng lúc \(publishedAt.map(VietnameseDate.dayTime) ?? "?")"
        case (.publish, _): "Đăng"
        case (.unpublish, _): "Gỡ bài"
        default: nil
        }
    }

    /// A revision holding the text as it was published or withdrawn, by whom and when.
    static func trace(_ article: Article, note: String, editorID: UUID?, editorName: String, at date: Date, on db: any Database) async throws {
        let id = try article.requireID()
        let number = (try await ArticleRevision.query(on: db).filter(\.$article.$id == id).max(\.$number) ?? 0) + 1
        try await ArticleRevision(
            articleID: id, number: number, content: ArticleContent(article), editorID: editorID, editorName: editorName, note: note, at: date
        ).create(on: db)
    }

    /// Compare-and-set on the article's version: the row moves to `version + 1` only while it is still
    /// at `version`, and the article is returned as it now is. On PostgreSQL the UPDATE also locks the
    /// row until the transaction ends, so of two concurrent saves the second waits, then finds the
    /// version moved and is refused (issue #9); SQLite runs write transactions one at a time.
    private func claim(_ id: UUID, atVersion version: Int, on db: any Database) async throws -> Article {
        let moved = try await db.sql.raw(
            "UPDATE articles SET version = version + 1 WHERE id = \(bind: id) AND version = \(bind: version) RETURNING version"
        ).all()
        guard let current = try await Article.find(id, on: db) else { throw Failure.notPermitted }
        guard !moved.isEmpty else {
            let last = try await ArticleRevision.query(on: db).filter(\.$article.$id == id).sort(\.$number, .descending).first()
            throw Failure.stale(currentVersion: current.version, editorName: last?.editorName ?? "người khác")
        }
        return current
    }

    /// Copies an old revision's text into a new revision (the history is never rewritten).
    func restore(_ revision: ArticleRevision, of article: Article, identity: Identity, tree: UnitTree) async throws {
        try await update(
            article, content: revision.content, basedOn: article.version, identity: identity, tree: tree,
            note: "Khôi phục phiên bản \(revision.number)")
    }

    private func replaceTags(of article: Article, with names: [String], on db: any Database) async throws {
        let id = try article.requireID()
        try await ArticleTag.query(on: db).filter(\.$article.$id == id).delete()
        var models: [ArticleTag] = []
        for name in names {
            let slug = VietnameseText.slug(name)
            guard !slug.isEmpty, !models.contains(where: { $0.slug == slug }) else { continue }
            models.append(ArticleTag(articleID: id, name: name, slug: slug))
        }
        try await models.create(on: db)
        article.$tags.value = models
    }
}

extension NewsroomService.Failure: UserFacingError {
    var status: HTTPResponse.Status {
        switch self {
        case .notPermitted: .forbidden
        case .stale, .nothingPending: .conflict
        case .invalid, .workflow: .unprocessableContent
        }
    }

    var fieldProblems: [FieldProblem] {
        if case .invalid(let problems) = self { return problems }
        return [FieldProblem(field: "", message: description)]
    }
}
