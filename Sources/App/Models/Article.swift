import FluentKit
import Foundation

/// A news item of a site. The foundation keeps only what the public shell shows;
/// the newsroom (issue #3) adds categories, workflow states and revisions in later migrations.
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
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, siteID: UUID, unitID: UUID, title: String, slug: String, summary: String, body: String, authorName: String, publishedAt: Date?) {
        self.id = id
        self.$site.id = siteID
        self.$unit.id = unitID
        self.title = title
        self.slug = slug
        self.summary = summary
        self.body = body
        self.authorName = authorName
        self.publishedAt = publishedAt
    }
}
