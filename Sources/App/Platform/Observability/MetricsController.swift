import FluentKit
import Foundation
import Hummingbird
import SQLKit

/// `GET /metrics` in Prometheus's text format, for the monitoring server only: it exists when
/// `LOA_METRICS_TOKEN` is set and answers only a request that carries it (`Authorization: Bearer …`).
/// The job queue's depth and the database connections are read when scraped.
struct MetricsController: Sendable {
    let database: DatabaseStack
    let configuration: AppConfiguration

    func register(on router: Router<AppRequestContext>) {
        guard let token = configuration.metricsToken else { return }
        router.get(RouterPath(SystemRoute.metrics.rawValue)) { request, _ in
            let sent = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil } ?? ""
            guard TokenHash.constantTimeEquals(sent, token) else {
                var headers = HTTPFields()
                headers[.wwwAuthenticate] = "Bearer realm=\"metrics\""
                return Response(status: .unauthorized, headers: headers)
            }
            await readGauges()
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: LoaMetrics.registry.emitToBuffer())))
        }
    }

    /// Scrapes go on when the database does not answer: those gauges then keep their last values and
    /// `loa_database_up` says 0.
    private func readGauges() async {
        LoaMetrics.gauge("loa_db_pool_size").record(database.isSQLite ? 1 : configuration.databasePoolSize)
        do {
            let jobs = try await database.sql.raw("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state").all()
            var byState = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0.rawValue, 0) })
            for row in jobs { byState[try row.decode(column: "state", as: String.self)] = try row.decode(column: "n", as: Int.self) }
            for (state, count) in byState { LoaMetrics.gauge("loa_jobs", [("state", state)]).record(count) }
            if !database.isSQLite {
                // Every instance's connections to this database, by what they are doing.
                let rows = try await database.sql.raw(
                    "SELECT COALESCE(state, 'unknown') AS state, COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() GROUP BY 1"
                ).all()
                for row in rows {
                    LoaMetrics.gauge("loa_db_connections", [("state", try row.decode(column: "state", as: String.self))])
                        .record(try row.decode(column: "n", as: Int.self))
                }
            }
            LoaMetrics.gauge("loa_database_up").record(1)
        } catch {
            LoaMetrics.gauge("loa_database_up").record(0)
        }
    }
}

extension SystemRoute {
    static let metrics = SystemRoute("metrics")
}
