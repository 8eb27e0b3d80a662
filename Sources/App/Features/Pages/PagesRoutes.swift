// The routes of this feature: its patterns and the typed links to them (issue #9).

extension SiteRoute {
    static let page = SiteRoute("trang/:slug")
}

extension SitePage {
    static func page(slug: String) -> SitePage { SitePage(.page, ["slug": slug]) }
}

extension AdminRoute {
    static let pages = AdminRoute("trang-tinh")
    static let newPage = AdminRoute("trang-tinh/moi")
    static let page = AdminRoute("trang-tinh/:id")
}

extension AdminPage {
    static let pages = AdminPage(.pages)
    static let newPage = AdminPage(.newPage)
    static func page(id: String) -> AdminPage { AdminPage(.page, ["id": id]) }
}
