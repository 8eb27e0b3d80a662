import FluentKit
import Foundation

/// A tag on an article; `slug` is the folded form used for matching and related articles.
final class ArticleTag: Model, @unchecked Sendable {
    static let schema = "article_tags"

    @ID(key: .id) var id: UUID?
    @Parent(key: "article_id") var article: Article
    @Field(key: "name") var name: String
    @Field(key: "slug") var slug: String

    init() {}

    init(articleID: UUID, name: String, slug: String) {
        self.$article.id = articleID
        self.name = name
        self.slug = slug
    }
}

/// A slug an article had before its title changed; requests for it redirect to the current URL.
final class ArticleSlug: Model, @unchecked Sendable {
    static let schema = "article_slugs"

    @ID(key: .id) var id: UUID?
    @Parent(key: "article_id") var article: Article
    @Parent(key: "site_id") var site: Site
    @Field(key: "slug") var slug: String

    init() {}

    init(articleID: UUID, siteID: UUID, slug: String) {
        self.$article.id = articleID
        self.$site.id = siteID
        self.slug = slug
    }
}
