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
}
