import FluentPostgresDriver
import Foundation

/// A database error as one line for a command-line report. PostgreSQL's errors describe themselves
/// only generically (to keep data out of logs), so the server's own message is taken from them.
enum DatabaseFailure {
    static func describe(_ error: any Error) -> String {
        if let postgres = error as? PSQLError, let message = postgres.serverInfo?[.message] {
            let detail = postgres.serverInfo?[.detail].map { " (\($0))" } ?? ""
            return message + detail
        }
        return String(String(describing: error).prefix(300))
    }

    /// Whether the error says the database cannot be reached right now (stopped, restarting, every
    /// connection busy past the pool's wait), rather than that a query was wrong: the request gets a
    /// "try again shortly" page (503), not a fault report.
    static func isUnavailable(_ error: any Error) -> Bool {
        if error is ConnectionPoolTimeoutError { return true }
        guard let postgres = error as? PSQLError else { return false }
        switch postgres.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .poolClosed: return true
        case .server:
            // 57P03 "the database system is starting up", 57P01 admin shutdown, 08xxx connection errors.
            let state = postgres.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("57P") || state.hasPrefix("08")
        default: return false
        }
    }
}
