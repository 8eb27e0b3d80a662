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
        for route in [SiteRoute.radioReplay, .radioAudio, .radioPodcast, .articleAudio] {
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
        switch route {
        case .radioReplay: try await replay(r)
        case .radioPodcast: try await podcast(r)
        case .articleAudio: try await articleAudio(r)
        default: try await audio(r)
        }
    }

    struct ReplayPage: Sendable {
        struct Row: Sendable { var title, station, aired, isoAired, audioHref, transcript, duration: String }
        struct Podcast: Sendable { var station, href: String }
        var shell: PublicShell
        var rows: [Row]
        var podcasts: [Podcast]
        /// Stored, not computed: templates see stored properties only.
        var hasPodcasts: Bool
    }

    private func stations(of site: SiteInfo) async throws -> [RadioStationRecord] {
        try await RadioStationRecord.query(on: db).filter(\.$unit.$id == site.unitID).sort(\.$name).all()
    }

    /// Bulletins of the site's unit's stations that aired, newest first, each once.
    private func aired(_ site: SiteInfo) async throws -> [(RadioBulletinRecord, RadioStationRecord, Date)] {
        try await aired(on: try await stations(of: site))
    }

    private func aired(on stations: [RadioStationRecord]) async throws -> [(RadioBulletinRecord, RadioStationRecord, Date)] {
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
        let podcasts = try await stations(of: r.site).map { station in
            ReplayPage.Podcast(station: station.name, href: r.mount.path(.radioPodcast(station: Self.podcastName(station))))
        }
        return try pages.renderer.response(
            ReplayPage(shell: shell, rows: rows, podcasts: podcasts, hasPodcasts: !podcasts.isEmpty), template: "public/radio-replay")
    }

    /// A station's podcast name: its mount without the slash and ".mp3" ("/xa-tan-thoi.mp3" → "xa-tan-thoi").
    static func podcastName(_ station: RadioStationRecord) -> String {
        String(station.mount.dropFirst().dropLast(4))
    }

    /// A podcast (RSS 2.0 with enclosures) of one station of the site's unit: what it aired, newest first,
    /// so a phone's podcast app keeps the commune's bulletins for listening later.
    private func podcast(_ r: PublicRequest) async throws -> Response {
        guard let name = r.context.parameters.get("station"), name.count <= 60,
            let station = try await stations(of: r.site).first(where: { Self.podcastName($0) == name })
        else { throw AppError.notFound }
        let base = pages.baseURL(of: r.site).absoluteString
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel>
            <title>\(PublicController.xmlText(station.name))</title>
            <link>\(PublicController.xmlText(base + r.mount.path(.radioReplay)))</link>
            <description>\(PublicController.xmlText("Bản tin đã phát trên \(station.name) (\(r.site.name))"))</description>
            <language>vi</language>

            """
        for (bulletin, _, start) in try await aired(on: [station]) {
            guard let id = bulletin.id?.uuidString.lowercased(), let file = bulletin.audioFile else { continue }
            let url = base + r.mount.path(.radioAudio(id: id))
            let size = (try? FileManager.default.attributesOfItem(atPath: audioDirectory.appendingPathComponent(file).path)[.size] as? Int) ?? 0
            xml += "<item><title>\(PublicController.xmlText(bulletin.title))</title>"
            xml += "<guid isPermaLink=\"false\">\(id)</guid><pubDate>\(PublicController.rfc822(start))</pubDate>"
            xml += "<enclosure url=\"\(PublicController.xmlText(url))\" length=\"\(size)\" type=\"audio/mpeg\"/>"
            xml += "<description>\(PublicController.xmlText(bulletin.transcript))</description></item>\n"
        }
        xml += "</channel></rss>\n"
        var headers = HTTPFields()
        headers[.contentType] = "application/rss+xml; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: xml)))
    }

    /// The audio of a bulletin that aired on one of the site's stations; anything else is 404.
    private func audio(_ r: PublicRequest) async throws -> Response {
        guard let id = r.context.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let bulletin = try await aired(r.site).first(where: { $0.0.id == id })?.0, let file = bulletin.audioFile,
            let data = FileManager.default.contents(atPath: audioDirectory.appendingPathComponent(file).path)
        else { throw AppError.notFound }
        return AdminRadioBulletinsController.mp3(data)
    }

    /// "Nghe bài viết": the audio of an article of this site that readers can see now, made from its
    /// current version; anything else is 404.
    private func articleAudio(_ r: PublicRequest) async throws -> Response {
        guard let id = r.context.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let article = try await ArticleQueries.visible(id: id, siteID: r.site.id, now: pages.clients.now(), on: db),
            let file = try await ArticleAudio.current(for: article, on: db)?.file,
            let data = FileManager.default.contents(atPath: audioDirectory.appendingPathComponent(file).path)
        else { throw AppError.notFound }
        return AdminRadioBulletinsController.mp3(data)
    }
}
