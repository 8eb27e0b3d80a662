import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// "Nghe lại" (issue #11): a site's recently aired bulletins with a player and their transcript, the
/// accessible alternative to the audio. Outside the page cache: it changes with every play, and it is a
/// light page (one query, at most `limit` rows).
struct PublicRadioController: Sendable {
    let pages: PublicController
    var db: any Database { pages.db }
    let audioDirectory: URL
    static let limit = 20

    func register(on router: Router<AppRequestContext>, sites: SiteDirectory) {
        for route in [SiteRoute.radioReplay, .radioAudio] {
            router.get(RouterPath(route.rawValue)) { request, context in
                guard let site = try await sites.site(forHost: request.head.authority) else { throw AppError.notFound }
                return try await handle(route, PublicRequest(site: site, mount: .root, request: request, context: context))
            }
            router.group(RouterPath("\(SiteMount.prefixSegment)/:site")).get(RouterPath(route.rawValue)) { request, context in
                guard let slug = context.parameters.get("site"), let site = try await sites.site(slug: slug) else { throw AppError.notFound }
                return try await handle(route, PublicRequest(site: site, mount: .underPrefix(slug), request: request, context: context))
            }
        }
    }

    private func handle(_ route: SiteRoute, _ r: PublicRequest) async throws -> Response {
        route == .radioReplay ? try await replay(r) : try await audio(r)
    }

    struct ReplayPage: Sendable {
        struct Row: Sendable { var title, station, aired, isoAired, audioHref, transcript, duration: String }
        var shell: PublicShell
        var rows: [Row]
    }

    /// Bulletins of the site's unit's stations that aired, newest first, each once.
    private func aired(_ site: SiteInfo) async throws -> [(RadioBulletinRecord, RadioStationRecord, Date)] {
        let stations = try await RadioStationRecord.query(on: db).filter(\.$unit.$id == site.unitID).all()
        let byID = Dictionary(uniqueKeysWithValues: stations.compactMap { station in station.id.map { ($0, station) } })
        guard !byID.isEmpty else { return [] }
        let plays = try await RadioAsRunEntry.query(on: db).filter(\.$station.$id ~~ Array(byID.keys))
            .filter(\.$result ~~ RadioAsRunEntry.Result.allCases.filter(\.aired).map(\.rawValue))
            .sort(\.$actualStart, .descending).range(..<(Self.limit * 5)).with(\.$bulletin).all()
        var seen: Set<UUID> = []
        var result: [(RadioBulletinRecord, RadioStationRecord, Date)] = []
        for play in plays {
            guard let bulletin = play.bulletin, let id = bulletin.id, bulletin.audioFile != nil, let start = play.actualStart,
                let station = byID[play.$station.id], seen.insert(id).inserted
            else { continue }
            result.append((bulletin, station, start))
            if result.count == Self.limit { break }
        }
        return result
    }

    private func replay(_ r: PublicRequest) async throws -> Response {
        var shell = pages.shell(r, current: .radioReplay, title: "Nghe lại bản tin truyền thanh")
        shell.breadcrumbs = [
            MenuItem(label: "Trang chủ", href: r.mount.path(.home)), MenuItem(label: "Nghe lại", href: r.mount.path(.radioReplay), current: true),
        ]
        let rows = try await aired(r.site).map { bulletin, station, start in
            ReplayPage.Row(
                title: bulletin.title, station: station.name, aired: VietnameseDate.dayTime(start), isoAired: VietnameseDate.iso8601(start),
                audioHref: r.mount.path(.radioAudio(id: bulletin.id?.uuidString.lowercased() ?? "")), transcript: bulletin.transcript,
                duration: bulletin.durationSeconds.map { "\(Int($0.rounded())) giây" } ?? "")
        }
        return try pages.renderer.response(ReplayPage(shell: shell, rows: rows), template: "public/radio-replay")
    }

    /// The audio of a bulletin that aired on one of the site's stations; anything else is 404.
    private func audio(_ r: PublicRequest) async throws -> Response {
        guard let id = r.context.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let bulletin = try await aired(r.site).first(where: { $0.0.id == id })?.0, let file = bulletin.audioFile,
            let data = FileManager.default.contents(atPath: audioDirectory.appendingPathComponent(file).path)
        else { throw AppError.notFound }
        return AdminRadioBulletinsController.mp3(data)
    }
}
