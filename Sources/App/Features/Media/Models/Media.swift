import FluentKit
import Foundation
import LoaCore

/// An image of a site's media library. The file lives in `uploads/media/<id>/`; the row says what it
/// is (read from its bytes), which widths were rendered, and the text that goes with it.
final class Media: Model, @unchecked Sendable {
    static let schema = "media"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: Site
    /// An `ImageProbe.Format` raw value.
    @Field(key: "format") var format: String
    @Field(key: "width") var width: Int
    @Field(key: "height") var height: Int
    @Field(key: "bytes") var bytes: Int
    /// Comma-separated widths of the renditions written beside the original; empty without libvips.
    @Field(key: "rendition_widths") var renditionWidths: String
    /// Shown to editors only; never used as a path.
    @Field(key: "original_name") var originalName: String
    /// Required: what the image shows, for people who cannot see it.
    @Field(key: "alt") var alt: String
    @Field(key: "caption") var caption: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID, siteID: UUID, probe: ImageProbe, bytes: Int, renditionWidths: [Int], originalName: String, alt: String, caption: String, createdBy: UUID?) {
        self.id = id
        self.$site.id = siteID
        self.format = probe.format.rawValue
        self.width = probe.width
        self.height = probe.height
        self.bytes = bytes
        self.renditionWidths = renditionWidths.map(String.init).joined(separator: ",")
        self.originalName = originalName
        self.alt = alt
        self.caption = caption
        self.createdBy = createdBy
    }

    var imageFormat: ImageProbe.Format { ImageProbe.Format(rawValue: format) ?? .jpeg }
    var widths: [Int] { renditionWidths.split(separator: ",").compactMap { Int($0) } }
}
