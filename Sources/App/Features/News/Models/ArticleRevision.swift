import FluentKit
import Foundation

/// One saved state of an article's text; any two can be compared and an old one restored.
final class ArticleRevision: Model, @unchecked Sendable {
    static let schema = "article_revisions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "article_id") var article: Article
    @Field(key: "number") var number: Int
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    @Field(key: "body") var body: String
    @Field(key: "author_name") var authorName: String
    @OptionalField(key: "category_id") var categoryID: UUID?
    /// Tag names joined by ", ", as typed in the form.
    @Field(key: "tags") var tags: String
    @OptionalField(key: "editor_id") var editorID: UUID?
    @Field(key: "editor_name") var editorName: String
    /// What happened: "Tạo bài", "Sửa", "Khôi phục phiên bản 2"…
    @Field(key: "note") var note: String
    @Field(key: "created_at") var createdAt: Date
    /// The featured image chosen with a pending edit; other revisions leave the image as it is.
    @OptionalField(key: "featured_media_id") var featuredMediaID: UUID?

    init() {}

    init(articleID: UUID, number: Int, content: ArticleContent, editorID: UUID?, editorName: String, note: String, at date: Date) {
        self.$article.id = articleID
        self.number = number
        self.title = content.title
        self.summary = content.summary
        self.body = content.body
        self.authorName = content.authorName
        self.categoryID = content.categoryID
        self.tags = content.tags.joined(separator: ", ")
        self.editorID = editorID
        self.editorName = editorName
        self.note = note
        self.createdAt = date
        if case .some(let featured) = content.featuredMediaID { self.featuredMediaID = featured }
    }

    var content: ArticleContent {
        ArticleContent(
            title: title, summary: summary, body: body, authorName: authorName, categoryID: categoryID,
            tags: ArticleContent.tagList(tags))
    }

    /// The content of a pending edit, featured image included.
    var pendingContent: ArticleContent {
        var content = content
        content.featuredMediaID = .some(featuredMediaID)
        return content
    }
}

/// The editable text of an article, as the form sends it and a revision keeps it.
struct ArticleContent: Sendable, Equatable {
    var title: String
    var summary: String
    var body: String
    var authorName: String
    var categoryID: UUID?
    var tags: [String]
    /// The featured image as the editor form sets it: `nil` leaves it as it is (a restored revision
    /// does not carry one), `.some(nil)` removes it, `.some(id)` sets it.
    var featuredMediaID: UUID?? = nil

    static func tagList(_ text: String) -> [String] {
        var seen = Set<String>()
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
    }
}

/// A link that shows a draft to someone without an account, until it expires.
final class PreviewToken: Model, @unchecked Sendable {
    static let schema = "preview_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "article_id") var article: Article
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "created_by") var createdBy: UUID?

    init() {}

    init(articleID: UUID, tokenHash: String, expiresAt: Date, createdBy: UUID?) {
        self.$article.id = articleID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
        self.createdBy = createdBy
    }
}

extension ArticleContent {
    /// The article's current text, as a revision records it.
    init(_ article: Article) {
        self.init(
            title: article.title, summary: article.summary, body: article.body, authorName: article.authorName,
            categoryID: article.$category.id, tags: (article.$tags.value ?? []).map(\.name), featuredMediaID: .some(article.featuredMediaID))
    }
}
