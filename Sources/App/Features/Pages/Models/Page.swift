import FluentKit
import Foundation

/// A static page of a site, written in the same Markdown subset as articles.
final class Page: Model, @unchecked Sendable {
    static let schema = "pages"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: Site
    @Field(key: "slug") var slug: String
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    /// Shown in the site's main menu, after "Giới thiệu", in `position` order.
    @Field(key: "in_menu") var inMenu: Bool
    @Field(key: "position") var position: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(siteID: UUID, slug: String, title: String, body: String, inMenu: Bool, position: Int) {
        self.$site.id = siteID
        self.slug = slug
        self.title = title
        self.body = body
        self.inMenu = inMenu
        self.position = position
    }
}
