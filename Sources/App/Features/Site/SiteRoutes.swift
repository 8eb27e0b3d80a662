// The routes of this feature: its patterns and the typed links to them (issue #9).

extension SiteRoute {
    static let home = SiteRoute("")
    static let about = SiteRoute("gioi-thieu")
    static let contact = SiteRoute("lien-he")
    static let siteMap = SiteRoute("so-do-site")
}

extension SitePage {
    static let home = SitePage(.home)
    static let about = SitePage(.about)
    static let contact = SitePage(.contact)
    static let siteMap = SitePage(.siteMap)
}

extension AdminRoute {
    static let dashboard = AdminRoute("")
    static let system = AdminRoute("he-thong")
    static let audit = AdminRoute("nhat-ky")
}

extension AdminPage {
    static let dashboard = AdminPage(.dashboard)
    static let system = AdminPage(.system)
    static let audit = AdminPage(.audit)
}

extension SystemRoute {
    static let sitemapXML = SystemRoute("sitemap.xml")
    static let robots = SystemRoute("robots.txt")
    static let ready = SystemRoute("readyz")
}
