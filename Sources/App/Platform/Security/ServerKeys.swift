import FluentKit
import SQLKit

/// Secrets shared by every instance, kept in the database (`server_keys`, made by migration 047).
enum ServerKeys {
    static let proofOfWork = "proof-of-work"

    static func value(_ name: String, on db: any Database) async throws -> String {
        let row = try await db.sql.select().column("value").from("server_keys").where("name", .equal, SQLBind(name)).first()
        guard let value = try row?.decode(column: "value", as: String.self) else {
            preconditionFailure("server key \(name) is missing: migration 047 makes it")
        }
        return value
    }
}
