import FluentKit
import Foundation

/// The demo district's slideshow: two banners shipped with the app, stored through the media library
/// like any upload (renditions made at once when libvips is installed).
extension DemoWorld {
    static let slides: [(file: String, alt: String, caption: String)] = [
        (
            "slide-mot-cua.jpg", "Dải màu đỏ vàng với dòng chữ: Một cửa: nhanh, gọn, đúng hẹn",
            "Công tác tuyên truyền về cải cách hành chính năm 2020 trên địa bàn huyện"
        ),
        (
            "slide-truc-tuyen.jpg", "Dải màu xanh với dòng chữ: Nộp hồ sơ trực tuyến tại nhà",
            "Đài truyền thanh các xã tăng thời lượng phát tin về dịch vụ công trực tuyến"
        ),
    ]

    static func seedSlides(siteID: UUID, library: MediaLibrary, on db: any Database) async throws {
        guard let folder = AppResources.url("Demo") else { return }
        let articles = try await Article.query(on: db).filter(\.$site.$id == siteID).sort(\.$publishedAt, .descending).all()
        let present = Set(try await Slide.query(on: db).filter(\.$site.$id == siteID).all().map(\.caption))
        // A start interrupted half-way may have stored some slides already; only the missing ones are added.
        for (index, slide) in slides.enumerated() where !present.contains(slide.caption) {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(slide.file)))
            guard
                case .stored(let media) = try await library.store(
                    bytes, originalName: slide.file, alt: slide.alt, caption: "", siteID: siteID, userID: nil, renditionsNow: true)
            else { continue }
            let target = articles.first { $0.title.hasPrefix(slide.caption.prefix(40)) }
            if let target {
                target.featuredMediaID = media.id
                try await target.save(on: db)
            }
            try await Slide(
                siteID: siteID, mediaID: try media.requireID(), caption: slide.caption,
                link: target.map { "/" + SitePage.article(slug: $0.slug).relativePath } ?? "", position: index + 1
            ).create(on: db)
        }
    }
}
