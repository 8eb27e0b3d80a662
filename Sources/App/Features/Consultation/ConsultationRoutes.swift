// The routes of public consultation on drafts: their patterns and the typed links to them (issue #15).

extension SiteRoute {
    static let consultations = SiteRoute("lay-y-kien")
    static let consultation = SiteRoute("lay-y-kien/:id")
}

extension SitePage {
    static let consultations = SitePage(.consultations)
    static func consultation(id: String) -> SitePage { SitePage(.consultation, ["id": id]) }
}

extension AdminRoute {
    static let consultations = AdminRoute("lay-y-kien")
    static let consultation = AdminRoute("lay-y-kien/:id")
    static let consultationComment = AdminRoute("lay-y-kien/:id/gop-y/:comment")
    static let closeConsultation = AdminRoute("lay-y-kien/:id/ket-thuc")
}

extension AdminPage {
    static let consultations = AdminPage(.consultations)
    static func consultation(id: String) -> AdminPage { AdminPage(.consultation, ["id": id]) }
    static func consultationComment(id: String, comment: String) -> AdminPage { AdminPage(.consultationComment, ["id": id, "comment": comment]) }
    static func closeConsultation(id: String) -> AdminPage { AdminPage(.closeConsultation, ["id": id]) }
}
