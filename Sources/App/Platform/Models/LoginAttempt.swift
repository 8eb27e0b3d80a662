import FluentKit
import Foundation

/// One sign-in attempt; the throttle counts recent failures per account and per address from here,
/// so every server instance sees the same counts.
final class LoginAttempt: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "ip") var ip: String
    @Field(key: "succeeded") var succeeded: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(email: String, ip: String, succeeded: Bool, at date: Date) {
        self.email = email
        self.ip = ip
        self.succeeded = succeeded
        self.createdAt = date
    }
}
