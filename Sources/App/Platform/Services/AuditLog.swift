import FluentKit
import Foundation

/// Writes security events. Callers pass the actor they already know; nothing here reads the request.
struct AuditLog: Sendable {
    let db: any Database
    let clients: Clients

    func record(_ kind: AuditKind, actor: (id: UUID?, email: String)?, subject: String, ip: String, detail: String = "") async throws {
        let event = AuditEvent(
            kind: kind, at: clients.now(), actorID: actor?.id, actorEmail: actor?.email ?? "",
            subject: subject, ip: ip, detail: detail)
        try await event.create(on: db)
    }
}
