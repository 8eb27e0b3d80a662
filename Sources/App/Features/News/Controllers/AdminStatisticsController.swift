import FluentKit
import Foundation
import Hummingbird
import LoaCore
import SQLKit

/// Visit statistics of the sites in the identity's scope (issue #3; required of Vietnamese portals).
struct AdminStatisticsController: Sendable {
    let database: DatabaseStack
    /// Taken per use: the next event loop's connections, the request's logger.
    var db: any Database { database.db }
    let renderer: PageRenderer
    let sites: SiteDirectory
    let clients: Clients
    static let days = 30

    struct StatisticsPage: Sendable {
        struct Day: Sendable { var day: String; var views: Int }
        struct Top: Sendable { var title: String; var site: String; var views: Int }
        var shell: AdminShell
        var from: String
        var to: String
        var total: Int
        var days: [Day]
        var top: [Top]
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.statistics.rawValue)) { _, context in try await statistics(context) }
    }

    private func statistics(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let readable = try await sites.all().filter { identity.can(.readContent, in: tree, unit: $0.unitID) }
        let now = clients.now()
        let from = ViewCounter.day(now.addingTimeInterval(-Double(Self.days - 1) * 86_400))
        let to = ViewCounter.day(now)
        var days: [StatisticsPage.Day] = []
        var top: [StatisticsPage.Top] = []
        if !readable.isEmpty, let sql = db as? any SQLDatabase {
            let siteList = SQLList(readable.map { SQLBind($0.id) })
            struct DayRow: Decodable { var day: String; var views: Int }
            days = try await sql.raw(
                """
                SELECT day, CAST(SUM(views) AS BIGINT) AS views FROM article_views
                WHERE site_id IN (\(siteList)) AND day >= \(bind: from) AND day <= \(bind: to) GROUP BY day ORDER BY day DESC
                """
            ).all(decoding: DayRow.self).map { StatisticsPage.Day(day: Self.display($0.day), views: $0.views) }
            struct TopRow: Decodable { var title: String; var site_id: UUID; var views: Int }
            let names = Dictionary(readable.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            top = try await sql.raw(
                """
                SELECT a.title AS title, v.site_id AS site_id, CAST(SUM(v.views) AS BIGINT) AS views FROM article_views v
                JOIN articles a ON a.id = v.article_id
                WHERE v.site_id IN (\(siteList)) AND v.day >= \(bind: from) AND v.day <= \(bind: to)
                GROUP BY a.id, a.title, v.site_id ORDER BY views DESC, a.title LIMIT 20
                """
            ).all(decoding: TopRow.self).map { StatisticsPage.Top(title: $0.title, site: names[$0.site_id] ?? "", views: $0.views) }
        }
        let page = StatisticsPage(
            shell: AdminShell(identity: identity, title: "Thống kê truy cập", current: .statistics),
            from: Self.display(from), to: Self.display(to), total: days.reduce(0) { $0 + $1.views }, days: days, top: top)
        return try renderer.response(page, template: "admin/statistics")
    }

    /// "2026-03-15" → "15/03/2026".
    static func display(_ day: String) -> String {
        day.split(separator: "-").reversed().joined(separator: "/")
    }
}
