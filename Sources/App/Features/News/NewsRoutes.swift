// The routes of this feature: its patterns and the typed links to them (issue #9).

extension SiteRoute {
    static let news = SiteRoute("tin-tuc")
    static let article = SiteRoute("tin-tuc/:slug")
    static let articleDownload = SiteRoute("tin-tuc/:slug/tai-ve")
    static let category = SiteRoute("chuyen-muc/:category")
    static let categoryFeed = SiteRoute("chuyen-muc/:category/rss.xml")
    static let search = SiteRoute("tim-kiem")
    static let feed = SiteRoute("rss.xml")
}

extension SitePage {
    static func news(page: Int) -> SitePage { SitePage(.news, query: page > 1 ? "?trang=\(page)" : "") }
    static func article(slug: String) -> SitePage { SitePage(.article, ["slug": slug]) }
    static func articleDownload(slug: String) -> SitePage { SitePage(.articleDownload, ["slug": slug]) }
    static func category(slug: String, page: Int) -> SitePage {
        SitePage(.category, ["category": slug], query: page > 1 ? "?trang=\(page)" : "")
    }
    static func categoryFeed(slug: String) -> SitePage { SitePage(.categoryFeed, ["category": slug]) }
    static let search = SitePage(.search)
    static let feed = SitePage(.feed)
}

extension AdminRoute {
    static let articles = AdminRoute("tin-bai")
    static let statistics = AdminRoute("thong-ke")
    static let newArticle = AdminRoute("tin-bai/moi")
    static let article = AdminRoute("tin-bai/:id")
    static let articleTransition = AdminRoute("tin-bai/:id/chuyen-trang-thai")
    static let articleHistory = AdminRoute("tin-bai/:id/lich-su")
    static let articlePendingEdit = AdminRoute("tin-bai/:id/ban-sua-cho-duyet")
    static let restoreRevision = AdminRoute("tin-bai/:id/lich-su/:revision/khoi-phuc")
    static let articlePreviewLink = AdminRoute("tin-bai/:id/xem-truoc")
    static let bodyPreview = AdminRoute("xem-truoc-noi-dung")
}

extension AdminPage {
    static let articles = AdminPage(.articles)
    static let statistics = AdminPage(.statistics)
    static let newArticle = AdminPage(.newArticle)
    static func article(id: String) -> AdminPage { AdminPage(.article, ["id": id]) }
    static func articleTransition(id: String) -> AdminPage { AdminPage(.articleTransition, ["id": id]) }
    static func articleHistory(id: String) -> AdminPage { AdminPage(.articleHistory, ["id": id]) }
    static func articlePendingEdit(id: String) -> AdminPage { AdminPage(.articlePendingEdit, ["id": id]) }
    static func restoreRevision(id: String, revision: String) -> AdminPage { AdminPage(.restoreRevision, ["id": id, "revision": revision]) }
    static func articlePreviewLink(id: String) -> AdminPage { AdminPage(.articlePreviewLink, ["id": id]) }
    static let bodyPreview = AdminPage(.bodyPreview)
}

extension SystemRoute {
    static let preview = SystemRoute("xem-truoc/:token")
}
