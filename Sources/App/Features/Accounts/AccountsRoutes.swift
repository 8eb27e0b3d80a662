// The routes of this feature: its patterns and the typed links to them (issue #9).

extension AdminRoute {
    static let signIn = AdminRoute("dang-nhap")
    static let signOut = AdminRoute("dang-xuat")
    static let signOutEverywhere = AdminRoute("dang-xuat-moi-noi")
    static let changePassword = AdminRoute("doi-mat-khau")
    static let units = AdminRoute("don-vi")
    static let newUnit = AdminRoute("don-vi/moi")
    static let unit = AdminRoute("don-vi/:id")
    static let users = AdminRoute("nguoi-dung")
    static let newUser = AdminRoute("nguoi-dung/moi")
    static let user = AdminRoute("nguoi-dung/:id")
    static let userGrants = AdminRoute("nguoi-dung/:id/vai-tro")
    static let revokeGrant = AdminRoute("nguoi-dung/:id/vai-tro/:grant/thu-hoi")
    static let resetPassword = AdminRoute("nguoi-dung/:id/cap-lai-mat-khau")
    static let toggleUser = AdminRoute("nguoi-dung/:id/khoa")
}

extension AdminPage {
    static let signIn = AdminPage(.signIn)
    static let signOut = AdminPage(.signOut)
    static let signOutEverywhere = AdminPage(.signOutEverywhere)
    static let changePassword = AdminPage(.changePassword)
    static let units = AdminPage(.units)
    static let newUnit = AdminPage(.newUnit)
    static func unit(id: String) -> AdminPage { AdminPage(.unit, ["id": id]) }
    static let users = AdminPage(.users)
    static let newUser = AdminPage(.newUser)
    static func user(id: String) -> AdminPage { AdminPage(.user, ["id": id]) }
    static func userGrants(id: String) -> AdminPage { AdminPage(.userGrants, ["id": id]) }
    static func revokeGrant(id: String, grant: String) -> AdminPage { AdminPage(.revokeGrant, ["id": id, "grant": grant]) }
    static func resetPassword(id: String) -> AdminPage { AdminPage(.resetPassword, ["id": id]) }
    static func toggleUser(id: String) -> AdminPage { AdminPage(.toggleUser, ["id": id]) }
}
