// The routes of the commune radio: its patterns and the typed links to them (issues #9, #11).

extension SiteRoute {
    static let radioReplay = SiteRoute("nghe-lai")
    static let radioAudio = SiteRoute("nghe-lai/:id/am-thanh")
    static let radioPodcast = SiteRoute("nghe-lai/podcast/:station")
    static let articleAudio = SiteRoute("nghe-bai-viet/:id")
}

extension SitePage {
    static let radioReplay = SitePage(.radioReplay)
    static func radioAudio(id: String) -> SitePage { SitePage(.radioAudio, ["id": id]) }
    static func radioPodcast(station: String) -> SitePage { SitePage(.radioPodcast, ["station": station]) }
    static func articleAudio(id: String) -> SitePage { SitePage(.articleAudio, ["id": id]) }
}

extension AdminRoute {
    static let radioStations = AdminRoute("truyen-thanh")
    static let newRadioStation = AdminRoute("truyen-thanh/moi")
    static let radioStation = AdminRoute("truyen-thanh/:id")
    static let radioClusters = AdminRoute("truyen-thanh/:id/cum-loa")
    static let radioSlots = AdminRoute("truyen-thanh/:id/lich-phat")
    static let radioBulletins = AdminRoute("truyen-thanh/ban-tin")
    static let radioReport = AdminRoute("truyen-thanh/bao-cao")
    static let newRadioBulletin = AdminRoute("truyen-thanh/ban-tin/moi")
    static let radioBulletin = AdminRoute("truyen-thanh/ban-tin/:id")
    static let approveRadioBulletin = AdminRoute("truyen-thanh/ban-tin/:id/duyet")
    static let radioBulletinAudio = AdminRoute("truyen-thanh/ban-tin/:id/am-thanh")
    static let startRadioEmergency = AdminRoute("truyen-thanh/ban-tin/:id/phat-khan-cap")
    static let endRadioEmergency = AdminRoute("truyen-thanh/khan-cap/:id/ket-thuc")
}

extension AdminPage {
    static let radioStations = AdminPage(.radioStations)
    static let newRadioStation = AdminPage(.newRadioStation)
    static func radioStation(id: String) -> AdminPage { AdminPage(.radioStation, ["id": id]) }
    static func radioClusters(id: String) -> AdminPage { AdminPage(.radioClusters, ["id": id]) }
    static func radioSlots(id: String) -> AdminPage { AdminPage(.radioSlots, ["id": id]) }
    static let radioBulletins = AdminPage(.radioBulletins)
    static let radioReport = AdminPage(.radioReport)
    static let newRadioBulletin = AdminPage(.newRadioBulletin)
    static func radioBulletin(id: String) -> AdminPage { AdminPage(.radioBulletin, ["id": id]) }
    static func approveRadioBulletin(id: String) -> AdminPage { AdminPage(.approveRadioBulletin, ["id": id]) }
    static func radioBulletinAudio(id: String) -> AdminPage { AdminPage(.radioBulletinAudio, ["id": id]) }
    static func startRadioEmergency(id: String) -> AdminPage { AdminPage(.startRadioEmergency, ["id": id]) }
    static func endRadioEmergency(id: String) -> AdminPage { AdminPage(.endRadioEmergency, ["id": id]) }
}

extension SystemRoute {
    static let radioHeartbeat = SystemRoute("radio/heartbeat")
}
