import FluentKit
import Foundation

/// A slide of a site's home-page slideshow.
final class Slide: Model, @unchecked Sendable {
    static let schema = "slides"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: Site
    @Parent(key: "media_id") var media: Media
    @Field(key: "caption") var caption: String
    /// Where the slide leads: an article or page path of the site, or an https address.
    @Field(key: "link") var link: String
    @Field(key: "position") var position: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(siteID: UUID, mediaID: UUID, caption: String, link: String, position: Int) {
        self.$site.id = siteID
        self.$media.id = mediaID
        self.caption = caption
        self.link = link
        self.position = position
    }
}
