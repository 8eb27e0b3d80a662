import ArgumentParser
import FluentKit
import LoaCore

struct CreateUserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-user",
        abstract: "Create a back-office account and print its one-time password.")

    @Option(help: "Sign-in e-mail.") var email: String
    @Option(help: "Full name.") var name: String
    @Option(help: "Code of the unit the person works in.") var unit: String
    @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
    @Option(help: "Code of the unit whose subtree the role covers (default: --unit).") var scope: String?

    func run() async throws {
        guard let role = Role(rawValue: role) else {
            throw ValidationError("unknown role \"\(role)\"; expected one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let configuration = try loadConfiguration()
        try await withServices(configuration) { services in
            let db = services.database.db
            guard let unitID = try await Unit.query(on: db).filter(\.$code == unit).first()?.id else {
                throw CommandError("no unit with code \"\(unit)\"")
            }
            var scopeID = unitID
            if let scope {
                guard let id = try await Unit.query(on: db).filter(\.$code == scope).first()?.id else {
                    throw CommandError("no unit with code \"\(scope)\" (--scope)")
                }
                scopeID = id
            }
            let users = UserService(db: db, clients: services.clients, configuration: configuration)
            do {
                let (user, password) = try await users.create(
                    .init(email: email, name: name, unitID: unitID, role: role, scopeUnitID: scopeID), actor: nil, ip: "cli")
                print("Created \(user.email) (\(role.rawValue) over \(scope ?? unit)).\nOne-time password: \(password)")
            } catch let failure as UserService.Failure {
                throw CommandError(failure.englishDescription)
            }
        }
    }
}

extension UserService.Failure {
    var englishDescription: String {
        switch self {
        case .invalid(let problems): problems.map { "\($0.field): invalid (\($0.message))" }.joined(separator: "; ")
        case .emailTaken(let email): "an account with e-mail \(email) already exists"
        case .unknownUnit: "unknown unit"
        }
    }
}
