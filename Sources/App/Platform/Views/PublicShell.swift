import Foundation
import LoaCore

/// Everything the public layout needs around a page: head, header, menu, footer (issue #2;
/// TT 32/2017 Art. 16: emblem and agency name, menu, footer with the owner's contacts).
struct PublicShell: Sendable {
    var pageTitle: String
    var description: String
    var canonicalURL: String
    var siteName: String
    var ownerName: String
    var homeHref: String
    var siteMapHref: String
    var searchHref: String
    var feedHref: String
    var menu: [MenuItem]
    var contact: SiteContact
    var breadcrumbs: [MenuItem]
    var year: String

    init(
        site: SiteInfo, mount: SiteMount, baseURL: URL, current: SitePage?, title: String?, description: String? = nil, breadcrumbs: [MenuItem] = [], now: Date
    ) {
        pageTitle = title.map { "\($0) | \(site.name)" } ?? site.name
        self.description = description ?? site.introduction
        siteName = site.name
        ownerName = site.contact.ownerAgency
        homeHref = mount.path(.home)
        siteMapHref = mount.path(.siteMap)
        searchHref = mount.path(.search)
        feedHref = mount.path(.feed)
        canonicalURL = baseURL.absoluteString + mount.path(current ?? .home)
        let entries: [(String, SitePage)] =
            [("Trang chủ", .home), ("Giới thiệu", .about)]
            + site.menuPages.map { ($0.title, SitePage.page(slug: $0.slug)) }
            + [
                ("Tin tức", .news(page: 1)), ("Thủ tục hành chính", .procedures(level: nil, sector: nil)), ("Văn bản", .documents),
                ("Hỏi đáp", .feedbackAnswers), ("Liên hệ", .contact), ("Sơ đồ site", .siteMap),
            ]
        menu = entries.map { label, page in
            MenuItem(
                label: label, href: mount.path(page), current: current.map { $0 == page || ($0.route == page.route && !page.route.hasParameters) } ?? false)
        }
        contact = site.contact
        self.breadcrumbs = breadcrumbs
        year = String(Calendar(identifier: .gregorian).dateComponents(in: VietnameseDate.timeZone, from: now).year ?? 2026)
    }
}
