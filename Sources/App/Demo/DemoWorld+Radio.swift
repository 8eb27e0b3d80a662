import FluentKit
import Foundation
import LoaCore

/// The demo's commune radio (issue #11): the district's station and one per commune relaying it, three
/// to five loudspeaker clusters each with a recent heartbeat, one or two approved bulletins per station
/// made from its site's newest articles (their audio rendered by queued jobs after the first start), a morning
/// and an evening slot every day, and the as-run history of the plan year, which fills the seed plan's
/// radio items through `RadioEvidence` instead of typed reports.
extension DemoWorld {
    static func seedRadio(on db: any Database, now: Date, randomToken: @escaping @Sendable (Int) -> String) async throws {
        // Done by an earlier start that was interrupted later (FirstStart resumes step by step).
        guard try await RadioStationRecord.query(on: db).count() == 0 else { return }
        let units = try await Unit.query(on: db).all()
        let sites = try await Site.query(on: db).all()
        guard let district = units.first(where: { $0.code == districtCode }), let districtID = district.id else {
            throw DemoWorldError.missingUnit(districtCode)
        }
        try await db.writeTransaction { db in
            let top = RadioStationRecord(
                unitID: districtID, name: "Đài truyền thanh huyện Tân Phú Đông", mount: "/huyen-tan-phu-dong.mp3", parentID: nil, relaysParent: false)
            try await top.create(on: db)
            try await furnish(top, unitID: districtID, clusters: 3, sites: sites, now: now, randomToken: randomToken, on: db)
            for (index, commune) in communes.enumerated() {
                guard let unit = units.first(where: { $0.code == "DEMO-TPD-\(index + 1)" }), let unitID = unit.id else {
                    throw DemoWorldError.missingUnit("DEMO-TPD-\(index + 1)")
                }
                let station = RadioStationRecord(
                    unitID: unitID, name: "Đài truyền thanh xã \(commune.name)", mount: "/xa-\(commune.slug).mp3", parentID: top.id,
                    relaysParent: true)
                try await station.create(on: db)
                let bulletin = try await furnish(
                    station, unitID: unitID, clusters: 3 + index % 3, sites: sites, now: now, randomToken: randomToken, on: db)
                try await planYearHistory(station: station, bulletin: bulletin, missesSome: index >= 4, on: db)
            }
        }
    }

    /// Clusters, bulletins and daily slots of one station; returns its first bulletin.
    @discardableResult
    private static func furnish(
        _ station: RadioStationRecord, unitID: UUID, clusters: Int, sites: [Site], now: Date,
        randomToken: @escaping @Sendable (Int) -> String, on db: any Database
    ) async throws -> RadioBulletinRecord {
        let stationID = try station.requireID()
        for number in 1...clusters {
            // Device tokens are random and shown to nobody: a real cluster gets its own in the back office.
            let cluster = LoudspeakerCluster(
                stationID: stationID, name: "Cụm loa ấp \(number)", hamlet: "Ấp \(number)", latitude: nil, longitude: nil,
                tokenHash: TokenHash.sha256Hex("loa-" + randomToken(24)))
            cluster.lastSeenAt = now.addingTimeInterval(-Double(number * 7))
            cluster.volume = 60 + number * 5
            cluster.isOn = number != clusters || clusters < 5  // one amplifier of the largest stations is off
            cluster.signal = 70 + number * 5
            try await cluster.create(on: db)
        }
        guard let site = sites.first(where: { $0.$unit.id == unitID }), let siteID = site.id else { throw DemoWorldError.missingUnit("site") }
        let articles = try await Article.query(on: db).filter(\.$site.$id == siteID).sort(\.$publishedAt, .descending).range(..<2).all()
        var bulletins: [RadioBulletinRecord] = []
        for article in articles {
            let bulletin = RadioBulletinRecord()
            bulletin.$station.id = stationID
            bulletin.title = article.title
            bulletin.source = RadioBulletinRecord.Source.article.rawValue
            bulletin.$article.id = article.id
            bulletin.radioText = RadioBulletins.radioText(fromTitle: article.title, summary: article.summary, body: article.body)
            bulletin.transcript = bulletin.radioText
            bulletin.renderStatus = RadioBulletinRecord.RenderStatus.pending.rawValue
            bulletin.state = RadioBulletinRecord.State.approved.rawValue
            bulletin.approvedAt = now
            bulletin.isEmergency = false
            try await bulletin.create(on: db)
            try await BulletinRenderJob.enqueue(bulletinID: try bulletin.requireID(), now: now, on: db)
            bulletins.append(bulletin)
        }
        guard let first = bulletins.first else { throw DemoWorldError.missingUnit("articles of \(site.slug)") }
        // A commune site has one demo article: its bulletin then airs morning and evening.
        for (index, (label, time)) in [("Bản tin sáng", "05:30"), ("Bản tin chiều", "17:00")].enumerated() {
            let bulletin = bulletins[index % bulletins.count]
            let slot = RadioSlotRecord()
            slot.$station.id = stationID
            slot.$bulletin.id = try bulletin.requireID()
            slot.label = label
            slot.timeOfDay = time
            slot.repeats = "daily"
            slot.dates = ""
            // About the length espeak-ng reads the text in; the playout stops at the audio's end anyway.
            slot.durationSeconds = max(30, (Double(bulletin.radioText.count) / 14).rounded(.up))
            slot.priority = RadioPriority.normal.rawValue
            slot.includesSubtree = false
            try await slot.create(on: db)
        }
        return first
    }

    /// The plan year's evening plays: four a month, two in April, August and December on the stations
    /// that miss some (the evaluation's finding), all heard in full.
    private static func planYearHistory(station: RadioStationRecord, bulletin: RadioBulletinRecord, missesSome: Bool, on db: any Database) async throws {
        for month in 1...12 {
            let count = missesSome && month % 4 == 0 ? 2 : 4
            for week in 0..<count {
                let start = day(planYear, month, 3 + week * 7).addingTimeInterval(17 * 3600)
                let play = RadioAsRunEntry()
                play.$station.id = try station.requireID()
                play.$bulletin.id = try bulletin.requireID()
                play.itemID = "demo-\(planYear)-\(month)-\(week)"
                play.priority = RadioPriority.normal.rawValue
                play.origin = "schedule"
                play.plannedStart = start
                play.actualStart = start
                play.actualEnd = start.addingTimeInterval(150)
                play.result = RadioAsRunEntry.Result.completed.rawValue
                play.offlineClusters = 0
                try await play.create(on: db)
            }
        }
    }
}
