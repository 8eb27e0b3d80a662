// The routes of citizens' questions and feedback: their patterns and the typed links to them (issue #15).

extension SiteRoute {
    static let feedbackAnswers = SiteRoute("hoi-dap")
    static let feedbackAnswer = SiteRoute("hoi-dap/tra-loi/:code")
    static let feedbackForm = SiteRoute("hoi-dap/gui")
    static let feedbackSent = SiteRoute("hoi-dap/da-gui/:code")
    static let feedbackTrack = SiteRoute("hoi-dap/tra-cuu")
}

extension SitePage {
    static let feedbackAnswers = SitePage(.feedbackAnswers)
    static func feedbackAnswer(_ code: String) -> SitePage { SitePage(.feedbackAnswer, ["code": code]) }
    static let feedbackForm = SitePage(.feedbackForm)
    static func feedbackSent(_ code: String) -> SitePage { SitePage(.feedbackSent, ["code": code]) }
    static let feedbackTrack = SitePage(.feedbackTrack)
}

extension AdminRoute {
    static let feedbackInbox = AdminRoute("hoi-dap")
    static let feedbackItem = AdminRoute("hoi-dap/:id")
    static let feedbackStep = AdminRoute("hoi-dap/:id/xu-ly")
    static let feedbackEdit = AdminRoute("hoi-dap/:id/bien-tap")
    static let feedbackAttachment = AdminRoute("hoi-dap/:id/tep/:file")
}

extension AdminPage {
    static let feedbackInbox = AdminPage(.feedbackInbox)
    /// The inbox filtered by state or to overdue items; the link carries the filter as a query.
    static func feedbackInbox(state: String?, overdue: Bool) -> String {
        feedbackInbox.link + SitePage.query([("trang-thai", state), ("qua-han", overdue ? "1" : nil)])
    }
    static func feedbackItem(id: String) -> AdminPage { AdminPage(.feedbackItem, ["id": id]) }
    static func feedbackStep(id: String) -> AdminPage { AdminPage(.feedbackStep, ["id": id]) }
    static func feedbackEdit(id: String) -> AdminPage { AdminPage(.feedbackEdit, ["id": id]) }
    static func feedbackAttachment(id: String, file: String) -> AdminPage { AdminPage(.feedbackAttachment, ["id": id, "file": file]) }
}
