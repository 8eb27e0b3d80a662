import FluentKit
import Foundation
import LoaCore

/// Sign-in, sessions and sign-out (issue #2). Controllers and the CLI call these; nothing here knows HTTP.
struct AuthService: Sendable {
    let db: any Database
    let clients: Clients
    let configuration: AppConfiguration
    var throttle = LoginThrottle()

    enum SignInOutcome: Sendable {
        case signedIn(token: String, identity: Identity)
        /// Same outcome for an unknown e-mail, a wrong password and a disabled account: no enumeration.
        case rejected
        case throttled(retryAfterSeconds: Int)
    }

    enum SessionLookup: Sendable {
        case active(Identity)
        /// The session ended; its owner and CSRF token let a form posted after the end be kept (FormStash).
        case expired(ExpiredSession)
        case none
    }

    private var hasher: PasswordHasher { PasswordHasher(cost: configuration.bcryptCost) }
    private var audit: AuditLog { AuditLog(db: db, clients: clients) }

    func signIn(email rawEmail: String, password: String, ip: String, userAgent: String) async throws -> SignInOutcome {
        let email = rawEmail.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let now = clients.now()
        if let wait = try await throttleWait(email: email, ip: ip, now: now) {
            try await audit.record(.loginBlocked, actor: (nil, email), subject: email, ip: ip, detail: "Thử lại sau \(wait) giây")
            return .throttled(retryAfterSeconds: wait)
        }
        let user = try await User.query(on: db).filter(\.$email == email).first()
        let passwordMatches = try await hasher.verify(password, hash: user?.passwordHash ?? PasswordHasher.decoyHash)
        guard let user, let userID = user.id, passwordMatches, user.disabledAt == nil else {
            try await LoginAttempt(email: email, ip: ip, succeeded: false, at: now).create(on: db)
            try await audit.record(
                .loginFailed, actor: (user?.id, email), subject: email, ip: ip,
                detail: user == nil ? "unknown account" : (user?.disabledAt != nil ? "disabled account" : "wrong password"))
            return .rejected
        }
        try await LoginAttempt(email: email, ip: ip, succeeded: true, at: now).create(on: db)
        user.lastLoginAt = now
        try await user.save(on: db)
        let token = clients.randomToken(32)
        let session = UserSession(
            tokenHash: TokenHash.sha256Hex(token), userID: userID, csrfToken: clients.randomToken(32), now: now,
            expiresAt: now.addingTimeInterval(TimeInterval(configuration.sessionMaxHours * 3600)),
            ip: ip, userAgent: String(userAgent.prefix(300)))
        try await session.create(on: db)
        try await audit.record(.loginSucceeded, actor: (userID, email), subject: email, ip: ip)
        return .signedIn(token: token, identity: try await identity(of: user, session: session))
    }

    /// Seconds to wait before another attempt, or nil (decision 0013: back off per account and address,
    /// never lock the owner out). Failures before a successful sign-in do not count. Each list is read
    /// newest first and capped: past these counts every wait is already at its ceiling.
    private func throttleWait(email: String, ip: String, now: Date) async throws -> Int? {
        let since = now.addingTimeInterval(-throttle.window)
        let pairSince = now.addingTimeInterval(-throttle.pairMemory)
        func lastSuccess(_ query: QueryBuilder<LoginAttempt>, after date: Date) async throws -> Date? {
            try await query.filter(\.$succeeded == true).filter(\.$createdAt >= date).sort(\.$createdAt, .descending).first()?.createdAt
        }
        func failures(_ query: QueryBuilder<LoginAttempt>, after date: Date, cap: Int) async throws -> [Date] {
            try await query.filter(\.$succeeded == false).filter(\.$createdAt >= date).sort(\.$createdAt, .descending)
                .limit(cap).all().map(\.createdAt)
        }
        let pair = { LoginAttempt.query(on: db).filter(\.$email == email).filter(\.$ip == ip) }
        let account = { LoginAttempt.query(on: db).filter(\.$email == email) }
        let pairSuccess = try await lastSuccess(pair(), after: pairSince)
        let accountSuccess = try await lastSuccess(account(), after: since)
        let pairFailures = try await failures(pair(), after: pairSuccess ?? pairSince, cap: 64)
        let accountFailures = try await failures(account(), after: accountSuccess ?? since, cap: 256)
        let addressFailures = try await failures(LoginAttempt.query(on: db).filter(\.$ip == ip), after: since, cap: 512)
        let known = try await pair().filter(\.$succeeded == true).count() > 0
        return throttle.retryAfter(
            pairFailures: pairFailures, accountFailures: accountFailures, addressFailures: addressFailures,
            addressKnownToAccount: known, now: now)
    }

    func session(forToken token: String) async throws -> SessionLookup {
        guard !token.isEmpty, token.count < 200 else { return .none }
        guard
            let session = try await UserSession.query(on: db)
                .filter(\.$tokenHash == TokenHash.sha256Hex(token)).with(\.$user).first()
        else { return .none }
        let now = clients.now()
        let idleLimit = TimeInterval(configuration.sessionIdleMinutes * 60)
        guard session.expiresAt > now, now.timeIntervalSince(session.lastSeenAt) < idleLimit, session.user.disabledAt == nil else {
            try await session.delete(on: db)
            return .expired(ExpiredSession(userID: session.$user.id, csrfToken: session.csrfToken))
        }
        // Touch at most once a minute: a page view should not always cost a write.
        if now.timeIntervalSince(session.lastSeenAt) > 60 {
            session.lastSeenAt = now
            try await session.save(on: db)
        }
        return .active(try await identity(of: session.user, session: session))
    }

    private func identity(of user: User, session: UserSession) async throws -> Identity {
        let grants = try await RoleAssignment.query(on: db).filter(\.$user.$id == user.requireID()).all().compactMap(\.grant)
        return Identity(
            userID: try user.requireID(), email: user.email, name: user.name, unitID: user.$unit.id,
            mustChangePassword: user.mustChangePassword, sessionID: try session.requireID(),
            csrfToken: session.csrfToken, grants: grants)
    }

    func signOut(_ identity: Identity, ip: String) async throws {
        try await UserSession.query(on: db).filter(\.$id == identity.sessionID).delete()
        try await audit.record(.logout, actor: identity.actor, subject: identity.email, ip: ip)
    }

    /// Ends every session of the account, on every device and every server instance.
    func signOutEverywhere(_ identity: Identity, ip: String) async throws {
        try await UserSession.query(on: db).filter(\.$user.$id == identity.userID).delete()
        try await audit.record(.logoutEverywhere, actor: identity.actor, subject: identity.email, ip: ip)
    }

    enum PasswordChange: Sendable, Equatable {
        case changed
        case wrongCurrentPassword
        case rejected([PasswordProblem])
    }

    /// Changing the password ends the account's other sessions: whoever knew the old one is out.
    func changePassword(_ identity: Identity, current: String, new: String, confirmation: String, ip: String) async throws -> PasswordChange {
        guard let user = try await User.find(identity.userID, on: db) else { return .wrongCurrentPassword }
        guard try await hasher.verify(current, hash: user.passwordHash) else { return .wrongCurrentPassword }
        var problems = PasswordPolicy.problems(password: new, confirmation: confirmation, email: user.email)
        if new == current { problems.append(.sameAsCurrent) }
        guard problems.isEmpty else { return .rejected(problems) }
        user.passwordHash = try await hasher.hash(new)
        user.mustChangePassword = false
        try await user.save(on: db)
        try await UserSession.query(on: db).filter(\.$user.$id == identity.userID).filter(\.$id != identity.sessionID).delete()
        try await audit.record(.passwordChanged, actor: identity.actor, subject: user.email, ip: ip)
        return .changed
    }
}

/// Who owned a session that has ended, and the CSRF token its pages carried.
struct ExpiredSession: Sendable, Equatable {
    var userID: UUID
    var csrfToken: String
}
