import FluentKit
import Foundation

/// A link of a site's "Liên kết" block (the national public-service portal, the province's portal…).
final class SiteLink: Model, @unchecked Sendable {
    static let schema = "site_links"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: Site
    @Field(key: "label") var label: String
    /// An http(s) address.
    @Field(key: "url") var url: String
    @Field(key: "position") var position: Int

    init() {}

    init(siteID: UUID, label: String, url: String, position: Int) {
        self.$site.id = siteID
        self.label = label
        self.url = url
        self.position = position
    }
}
