import FluentKit
import Foundation
import LoaCore

/// The seed's world: Tân Phú Đông district, its six communes and the agencies the seed names
/// (issue #2). Codes are local demo codes, not the official list's. All text is written for Loa.
enum DemoWorld {
    static let provinceCode = "DEMO-TG"
    static let districtCode = "DEMO-TPD"

    static let communes: [(slug: String, name: String)] = [
        ("tan-thoi", "Tân Thới"), ("tan-phu", "Tân Phú"), ("phu-thanh", "Phú Thạnh"),
        ("tan-thanh", "Tân Thạnh"), ("phu-dong", "Phú Đông"), ("phu-tan", "Phú Tân"),
    ]

    static let agencies: [(code: String, name: String)] = [
        ("TPD-VP", "Văn phòng HĐND và UBND huyện"),
        ("TPD-NV", "Phòng Nội vụ"),
        ("TPD-VHTT", "Trung tâm Văn hóa - Thể thao và Truyền thanh"),
    ]

    /// Every site starts with these categories; "Cải cách hành chính" is the one the plan counts.
    static let categories: [(slug: String, name: String)] = [
        ("tin-tuc-su-kien", "Tin tức - Sự kiện"), ("cai-cach-hanh-chinh", "Cải cách hành chính"), ("thong-bao", "Thông báo"),
    ]

    /// Seeds units, sites and articles in one transaction; returns the district (where the first
    /// administrator works) and the province (the root the administrator's role covers).
    static func seed(on db: any Database, now: Date) async throws -> (district: UUID, province: UUID) {
        try await db.writeTransaction { db in
            let province = Unit(code: provinceCode, name: "Tỉnh Tiền Giang", kind: .province, parentID: nil)
            try await province.create(on: db)
            let district = Unit(code: districtCode, name: "Huyện Tân Phú Đông", kind: .district, parentID: province.id)
            try await district.create(on: db)
            for agency in agencies {
                try await Unit(code: agency.code, name: agency.name, kind: .agency, parentID: district.id).create(on: db)
            }
            let districtSite = Site(
                unitID: try district.requireID(), slug: "tan-phu-dong", name: "Trang thông tin điện tử huyện Tân Phú Đông",
                isPrimary: true, contact: districtContact, introduction: districtIntroduction)
            try await districtSite.create(on: db)
            try await seedArticles(districtArticles, site: districtSite, unitID: district.requireID(), now: now, on: db)
            try await Page(
                siteID: districtSite.requireID(), slug: "co-cau-to-chuc", title: "Cơ cấu tổ chức",
                body: "Ủy ban nhân dân huyện gồm các cơ quan chuyên môn:\n\n" + agencies.map { "- \($0.name)" }.joined(separator: "\n"),
                inMenu: true, position: 1
            ).create(on: db)

            for (position, link) in nationalLinks.enumerated() {
                try await SiteLink(siteID: districtSite.requireID(), label: link.label, url: link.url, position: position + 1).create(on: db)
            }
            for (index, commune) in communes.enumerated() {
                let unit = Unit(code: "DEMO-TPD-\(index + 1)", name: "Xã \(commune.name)", kind: .commune, parentID: district.id)
                try await unit.create(on: db)
                let site = Site(
                    unitID: try unit.requireID(), slug: commune.slug, name: "Trang thông tin điện tử xã \(commune.name)",
                    isPrimary: false, contact: communeContact(commune.name),
                    introduction: "Xã \(commune.name) là một trong sáu xã của huyện Tân Phú Đông, tỉnh Tiền Giang.")
                try await site.create(on: db)
                try await seedArticles(communeArticles(commune.name), site: site, unitID: unit.requireID(), now: now, on: db)
            }
            return (try district.requireID(), try province.requireID())
        }
    }

    private static func seedArticles(
        _ articles: [DemoArticle], site: Site, unitID: UUID, now: Date, on db: any Database
    ) async throws {
        var categoryIDs: [String: UUID] = [:]
        for (position, category) in categories.enumerated() {
            let model = Category(siteID: try site.requireID(), slug: category.slug, name: category.name, position: position)
            try await model.create(on: db)
            categoryIDs[category.slug] = try model.requireID()
        }
        for (index, article) in articles.enumerated() {
            let published = article.publishedAt ?? now.addingTimeInterval(-Double(index + 1) * 86_400 * 3)
            let model = Article(
                siteID: try site.requireID(), unitID: unitID, categoryID: categoryIDs[article.category],
                title: article.title, slug: VietnameseText.slug(article.title),
                summary: article.summary, body: article.body, authorName: article.author, publishedAt: published)
            try await model.create(on: db)
            var tags: [ArticleTag] = []
            for tag in article.tags {
                let model = ArticleTag(articleID: try model.requireID(), name: tag, slug: VietnameseText.slug(tag))
                try await model.create(on: db)
                tags.append(model)
            }
            model.$tags.value = tags
            try await SearchIndex(db: db).update(model)
        }
    }

    static let nationalLinks: [(label: String, url: String)] = [
        ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn"),
        ("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn"),
        ("Cơ sở dữ liệu quốc gia về văn bản pháp luật", "https://vbpl.vn"),
    ]

    static let districtContact = SiteContact(
        ownerAgency: "Ủy ban nhân dân huyện Tân Phú Đông",
        responsiblePerson: "Chánh Văn phòng HĐND và UBND huyện",
        address: "Ấp Tân Phú, xã Tân Thới, huyện Tân Phú Đông, tỉnh Tiền Giang",
        phone: "0273 3500 000",
        email: "vanphong@tanphudong.example.vn")

    static func communeContact(_ name: String) -> SiteContact {
        SiteContact(
            ownerAgency: "Ủy ban nhân dân xã \(name)",
            responsiblePerson: "Chủ tịch UBND xã \(name)",
            address: "Trụ sở UBND xã \(name), huyện Tân Phú Đông, tỉnh Tiền Giang",
            phone: "0273 3500 100",
            email: "ubnd.\(VietnameseText.slug(name).replacingOccurrences(of: "-", with: ""))@tanphudong.example.vn")
    }

    static let districtIntroduction = """
        Huyện Tân Phú Đông nằm ở cuối vùng cù lao giữa sông Tiền, gồm sáu xã. \
        Trang thông tin điện tử của huyện đăng tải tin tức, văn bản chỉ đạo điều hành \
        và thủ tục hành chính để người dân và doanh nghiệp dễ tra cứu.
        """
}

struct DemoArticle: Sendable {
    var title: String
    var summary: String
    var body: String
    var author: String
    var category = "cai-cach-hanh-chinh"
    var tags: [String] = ["cải cách hành chính"]
    /// When the article really appeared (the seed's own is dated 27/04/2020); the others are spread
    /// over the days before the demo world was made.
    var publishedAt: Date?
}
