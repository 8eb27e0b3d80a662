// The routes of this feature: its patterns and the typed links to them (issue #9).

extension AdminRoute {
    static let media = AdminRoute("thu-vien")
    static let mediaItem = AdminRoute("thu-vien/:id")
    static let slides = AdminRoute("trinh-chieu")
    static let deleteSlide = AdminRoute("trinh-chieu/:id/xoa")
    static let links = AdminRoute("lien-ket")
    static let deleteLink = AdminRoute("lien-ket/:id/xoa")
}

extension AdminPage {
    static let media = AdminPage(.media)
    static func mediaItem(id: String) -> AdminPage { AdminPage(.mediaItem, ["id": id]) }
    static let slides = AdminPage(.slides)
    static func deleteSlide(id: String) -> AdminPage { AdminPage(.deleteSlide, ["id": id]) }
    static let links = AdminPage(.links)
    static func deleteLink(id: String) -> AdminPage { AdminPage(.deleteLink, ["id": id]) }
}

extension SystemRoute {
    static let media = SystemRoute("media/:file")
}
