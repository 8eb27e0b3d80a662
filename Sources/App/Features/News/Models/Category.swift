import FluentKit
import Foundation

/// A news category (chuyên mục) of one site.
final class Category: Model, @unchecked Sendable {
    static let schema = "categories"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: Site
    @Field(key: "slug") var slug: String
    @Field(key: "name") var name: String
    /// Order in menus and on the home page.
    @Field(key: "position") var position: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, siteID: UUID, slug: String, name: String, position: Int) {
        self.id = id
        self.$site.id = siteID
        self.slug = slug
        self.name = name
        self.position = position
    }
}
