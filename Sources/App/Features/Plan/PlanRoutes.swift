// The routes of this feature: its patterns and the typed links to them (issue #9).

extension SiteRoute {
    static let plans = SiteRoute("ke-hoach-tuyen-truyen")
    static let events = SiteRoute("lich-su-kien")
}

extension SitePage {
    static let plans = SitePage(.plans)
    static let events = SitePage(.events)
}

extension AdminRoute {
    static let plans = AdminRoute("ke-hoach")
    static let newPlan = AdminRoute("ke-hoach/moi")
    static let plan = AdminRoute("ke-hoach/:id")
    static let planItems = AdminRoute("ke-hoach/:id/muc")
    static let planActivityReports = AdminRoute("ke-hoach/:id/bao-cao-hoat-dong")
    static let planReport = AdminRoute("ke-hoach/:id/bao-cao")
    static let planPush = AdminRoute("ke-hoach/:id/giao-xuong")
    static let reviewActivityReport = AdminRoute("bao-cao-hoat-dong/:id/danh-gia")
    static let confirmActivityReport = AdminRoute("bao-cao-hoat-dong/:id/xac-nhan")
    static let reportAttachment = AdminRoute("bao-cao-hoat-dong/:id/tep/:file")
    static let events = AdminRoute("su-kien")
    static let evaluation = AdminRoute("danh-gia")
    static let inspections = AdminRoute("danh-gia/kiem-tra")
    static let criteria = AdminRoute("danh-gia/tieu-chi")
}

extension AdminPage {
    static let plans = AdminPage(.plans)
    static let newPlan = AdminPage(.newPlan)
    static func plan(id: String) -> AdminPage { AdminPage(.plan, ["id": id]) }
    static func planItems(id: String) -> AdminPage { AdminPage(.planItems, ["id": id]) }
    static func planActivityReports(id: String) -> AdminPage { AdminPage(.planActivityReports, ["id": id]) }
    static func planReport(id: String) -> AdminPage { AdminPage(.planReport, ["id": id]) }
    static func planPush(id: String) -> AdminPage { AdminPage(.planPush, ["id": id]) }
    static func reviewActivityReport(id: String) -> AdminPage { AdminPage(.reviewActivityReport, ["id": id]) }
    static func confirmActivityReport(id: String) -> AdminPage { AdminPage(.confirmActivityReport, ["id": id]) }
    static func reportAttachment(id: String, file: String) -> AdminPage { AdminPage(.reportAttachment, ["id": id, "file": file]) }
    static let events = AdminPage(.events)
    static let evaluation = AdminPage(.evaluation)
    static let inspections = AdminPage(.inspections)
    static let criteria = AdminPage(.criteria)
}
