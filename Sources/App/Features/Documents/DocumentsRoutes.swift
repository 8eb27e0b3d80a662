// The routes of this feature: its patterns and the typed links to them (issue #9).

extension SiteRoute {
    static let documents = SiteRoute("van-ban")
    static let document = SiteRoute("van-ban/:slug")
    static let documentFile = SiteRoute("van-ban/:slug/tep/:file")
}

extension SitePage {
    static let documents = SitePage(.documents)
    static func document(slug: String) -> SitePage { SitePage(.document, ["slug": slug]) }
    static func documentFile(slug: String, file: String) -> SitePage { SitePage(.documentFile, ["slug": slug, "file": file]) }
}

extension AdminRoute {
    static let documents = AdminRoute("van-ban")
    static let newDocument = AdminRoute("van-ban/moi")
    static let document = AdminRoute("van-ban/:id")
}

extension AdminPage {
    static let documents = AdminPage(.documents)
    static let newDocument = AdminPage(.newDocument)
    static func document(id: String) -> AdminPage { AdminPage(.document, ["id": id]) }
}
