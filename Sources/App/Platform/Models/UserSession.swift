import FluentKit
import Foundation

/// A signed-in browser. Kept in the database so several server instances share sessions.
/// Only a SHA-256 of the cookie token is stored: a leaked table cannot be replayed.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "ip") var ip: String
    @Field(key: "user_agent") var userAgent: String

    init() {}

    init(tokenHash: String, userID: UUID, csrfToken: String, now: Date, expiresAt: Date, ip: String, userAgent: String) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.csrfToken = csrfToken
        self.createdAt = now
        self.lastSeenAt = now
        self.expiresAt = expiresAt
        self.ip = ip
        self.userAgent = userAgent
    }
}
