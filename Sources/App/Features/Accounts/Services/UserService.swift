import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// Creating accounts and granting roles; shared by the back office, `loa create-user` and the first start.
struct UserService: Sendable {
    let db: any Database
    let clients: Clients
    let configuration: AppConfiguration

    struct NewUser: Sendable {
        var email: String
        var name: String
        var unitID: UUID
        var role: Role
        /// Unit whose subtree the role covers; the user's own unit when nil.
        var scopeUnitID: UUID?
    }

    enum Failure: Error, Equatable, CustomStringConvertible {
        case invalid([FieldProblem])
        case emailTaken(String)
        case unknownUnit

        var description: String {
            switch self {
            case .invalid(let problems): problems.map(\.message).joined(separator: " ")
            case .emailTaken(let email): "Email \(email) đã được dùng cho một tài khoản khác."
            case .unknownUnit: "Đơn vị không tồn tại."
            }
        }
    }

    /// Creates the account with a one-time password that must be changed at first sign-in.
    func create(_ input: NewUser, actor: (id: UUID?, email: String)?, ip: String) async throws -> (user: User, oneTimePassword: String) {
        let email = input.email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        let problems = [
            FieldCheck.email(email, field: "email"),
            FieldCheck.text(name, field: "name", label: "Họ và tên", required: true, max: 120),
        ].compactMap { $0 }
        guard problems.isEmpty else { throw Failure.invalid(problems) }
        guard try await Unit.find(input.unitID, on: db) != nil else { throw Failure.unknownUnit }
        if let scope = input.scopeUnitID, try await Unit.find(scope, on: db) == nil { throw Failure.unknownUnit }
        guard try await User.query(on: db).filter(\.$email == email).count() == 0 else { throw Failure.emailTaken(email) }

        let password = OneTimePassword.make(clients.randomToken(24))
        let hash = try await PasswordHasher(cost: configuration.bcryptCost).hash(password)
        let user = User(email: email, name: name, unitID: input.unitID, passwordHash: hash, mustChangePassword: true)
        try await db.writeTransaction { db in
            try await user.create(on: db)
            try await RoleAssignment(userID: user.requireID(), role: input.role, unitID: input.scopeUnitID ?? input.unitID).create(on: db)
        }
        let audit = AuditLog(db: db, clients: clients)
        try await audit.record(.userCreated, actor: actor, subject: email, ip: ip, detail: "Vai trò \(input.role.vietnameseName)")
        return (user, password)
    }

    /// Issues a new one-time password (an administrator's reset) and ends the account's sessions.
    func resetPassword(_ user: User, actor: (id: UUID?, email: String)?, ip: String) async throws -> String {
        let password = OneTimePassword.make(clients.randomToken(24))
        user.passwordHash = try await PasswordHasher(cost: configuration.bcryptCost).hash(password)
        user.mustChangePassword = true
        try await user.save(on: db)
        try await UserSession.query(on: db).filter(\.$user.$id == user.requireID()).delete()
        try await AuditLog(db: db, clients: clients).record(.passwordChanged, actor: actor, subject: user.email, ip: ip, detail: "Quản trị viên đặt lại")
        return password
    }
}

enum OneTimePassword {
    /// Readable over the phone: four groups of four, from a random token, without look-alike characters.
    static func make(_ randomToken: String) -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        let characters = randomToken.utf8.prefix(16).map { alphabet[Int($0) % alphabet.count] }
        return stride(from: 0, to: characters.count, by: 4)
            .map { String(characters[$0..<min($0 + 4, characters.count)]) }
            .joined(separator: "-")
    }
}

extension UserService.Failure: UserFacingError {
    var fieldProblems: [FieldProblem] {
        switch self {
        case .invalid(let list): list
        case .emailTaken: [FieldProblem(field: "email", message: description)]
        case .unknownUnit: [FieldProblem(field: "unit", message: description)]
        }
    }
}
