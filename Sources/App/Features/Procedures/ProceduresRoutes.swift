// The routes of this feature: its patterns and the typed links to them (issue #9).

extension SiteRoute {
    static let procedures = SiteRoute("thu-tuc-hanh-chinh")
    static let procedure = SiteRoute("thu-tuc-hanh-chinh/:code")
    static let procedureForm = SiteRoute("thu-tuc-hanh-chinh/:code/mau/:file")
    static let procedureSheet = SiteRoute("niem-yet/thu-tuc/:code")
    static let sectorSheet = SiteRoute("niem-yet/linh-vuc/:sector")
    static let kiosk = SiteRoute("tra-cuu-thu-tuc")
    static let kioskSector = SiteRoute("tra-cuu-thu-tuc/:sector")
    static let kioskProcedure = SiteRoute("tra-cuu-thu-tuc/:sector/:code")
    static let reformHub = SiteRoute("cai-cach-hanh-chinh")
}

extension SitePage {
    static func procedures(level: String?, sector: String?) -> SitePage {
        SitePage(.procedures, query: SitePage.query([("cap", level), ("linh-vuc", sector)]))
    }
    static func procedure(code: String) -> SitePage { SitePage(.procedure, ["code": code]) }
    static func procedureForm(code: String, file: String) -> SitePage { SitePage(.procedureForm, ["code": code, "file": file]) }
    static func procedureSheet(code: String) -> SitePage { SitePage(.procedureSheet, ["code": code]) }
    static func sectorSheet(sector: String) -> SitePage { SitePage(.sectorSheet, ["sector": sector]) }
    static let kiosk = SitePage(.kiosk)
    static func kioskSector(sector: String) -> SitePage { SitePage(.kioskSector, ["sector": sector]) }
    static func kioskProcedure(sector: String, code: String) -> SitePage {
        SitePage(.kioskProcedure, ["sector": sector, "code": code])
    }
    static let reformHub = SitePage(.reformHub)
}

extension AdminRoute {
    static let procedures = AdminRoute("thu-tuc")
    static let newProcedure = AdminRoute("thu-tuc/moi")
    static let procedureReport = AdminRoute("thu-tuc/bao-cao")
    static let procedure = AdminRoute("thu-tuc/:id")
    static let procedureHistory = AdminRoute("thu-tuc/:id/lich-su")
    static let restoreProcedureRevision = AdminRoute("thu-tuc/:id/lich-su/:revision/khoi-phuc")
    static let retireProcedure = AdminRoute("thu-tuc/:id/bai-bo")
    static let procedureForms = AdminRoute("thu-tuc/:id/mau")
}

extension AdminPage {
    static let procedures = AdminPage(.procedures)
    static let newProcedure = AdminPage(.newProcedure)
    static let procedureReport = AdminPage(.procedureReport)
    static func procedure(id: String) -> AdminPage { AdminPage(.procedure, ["id": id]) }
    static func procedureHistory(id: String) -> AdminPage { AdminPage(.procedureHistory, ["id": id]) }
    static func restoreProcedureRevision(id: String, revision: String) -> AdminPage { AdminPage(.restoreProcedureRevision, ["id": id, "revision": revision]) }
    static func retireProcedure(id: String) -> AdminPage { AdminPage(.retireProcedure, ["id": id]) }
    static func procedureForms(id: String) -> AdminPage { AdminPage(.procedureForms, ["id": id]) }
}
