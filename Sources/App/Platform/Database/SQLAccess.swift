import FluentKit
import Logging
import SQLKit

extension Database {
    /// The SQL view of a Fluent database. Both engines Loa runs on (SQLite and PostgreSQL) provide one;
    /// a database that does not would be a programming error caught by the first test, reported here
    /// by name instead of a force-cast crash.
    var sql: any SQLDatabase {
        guard let sql = self as? any SQLDatabase else {
            preconditionFailure("Loa needs an SQL database; \(type(of: self)) is not one")
        }
        return sql
    }
}

/// The logger of the request being served, so database work done for it logs with its request id.
enum RequestLogger {
    @TaskLocal static var current: Logger?
}
