import FluentKit
import Foundation
import LoaCore

/// A news item of a site (issue #2), with the newsroom's category, workflow state and import id (issue #3).
final class Article: Model, @unchecked Sendable {
    static let schema = "articles"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: Site
    @Parent(key: "unit_id") var unit: Unit
    @Field(key: "title") var title: String
    /// Unique per site; kept when the title is later edited so links stay valid.
    @Field(key: "slug") var slug: String
    @Field(key: "summary") var summary: String
    /// Markdown source; never rendered as raw HTML.
    @Field(key: "body") var body: String
    /// The pen name printed at the end, as the seed's "MINH QUANG".
    @Field(key: "author_name") var authorName: String
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalParent(key: "category_id") var category: Category?
    /// An `ArticleState` raw value.
    @Field(key: "status") var status: String
    @OptionalField(key: "expires_at") var expiresAt: Date?
    /// Id in the portal this article was imported from; re-imports update instead of duplicating.
    @OptionalField(key: "external_id") var externalID: String?
    @Field(key: "source") var source: String
    /// Incremented on every save; an edit based on an older version is refused, not merged silently.
    @Field(key: "version") var version: Int
    @OptionalField(key: "created_by") var createdBy: UUID?
    /// The approver's comment when the article was returned to its author.
    @Field(key: "workflow_comment") var workflowComment: String
    /// Thumbnail in listings and the OpenGraph image; an image of the site's media library.
    @OptionalField(key: "featured_media_id") var featuredMediaID: UUID?
    /// An edit of the public text waiting for an approver; the public page shows the published text until then.
    @OptionalField(key: "pending_revision_id") var pendingRevisionID: UUID?
    @Children(for: \.$article) var tags: [ArticleTag]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(
        id: UUID? = nil, siteID: UUID, unitID: UUID, categoryID: UUID? = nil, title: String, slug: String, summary: String,
        body: String, authorName: String, publishedAt: Date?, status: ArticleState = .published, source: String = ""
    ) {
        self.id = id
        self.$site.id = siteID
        self.$unit.id = unitID
        self.title = title
        self.slug = slug
        self.summary = summary
        self.body = body
        self.authorName = authorName
        self.publishedAt = publishedAt
        self.$category.id = categoryID
        self.status = status.rawValue
        self.source = source
        self.version = 1
        self.workflowComment = ""
    }
}
