import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// Accounts and their roles. An administrator sees and changes only accounts of units in scope,
/// and grants roles only over units in scope.
struct AdminUsersController: Sendable {
    let database: DatabaseStack
    /// Taken per use: the next event loop's connections, the request's logger.
    var db: any Database { database.db }
    let renderer: PageRenderer
    let clients: Clients
    let configuration: AppConfiguration

    struct UsersPage: Sendable {
        struct Row: Sendable { var name, email, unit, roles, status, href: String }
        var shell: AdminShell
        var rows: [Row]
        var count: Int
        var newHref = AdminPage.newUser.link
    }

    struct UserFormPage: Sendable {
        var shell: AdminShell
        var action = AdminPage.newUser.link
        var name: String
        var email: String
        var units: [SelectOption]
        var roles: [SelectOption]
        var scopes: [SelectOption]
        var errors: [FieldProblem]
    }

    struct OneTimePasswordPage: Sendable {
        var shell: AdminShell
        var heading: String
        var email: String
        var password: String
        var userHref: String
    }

    struct UserDetailPage: Sendable {
        struct Grant: Sendable { var role, scope, revokeAction: String }
        var shell: AdminShell
        var name, email, unit, status, lastLogin: String
        var grants: [Grant]
        var roles: [SelectOption]
        var scopes: [SelectOption]
        var grantAction, resetAction, toggleAction, toggleLabel: String
        var errors: [FieldProblem]
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.users.rawValue)) { _, context in try await list(context) }
        group.get(RouterPath(AdminRoute.newUser.rawValue)) { _, context in try await newForm(context) }
        group.post(RouterPath(AdminRoute.newUser.rawValue)) { request, context in try await create(request, context) }
        group.get(RouterPath(AdminRoute.user.rawValue)) { _, context in try await detail(context) }
        group.post(RouterPath(AdminRoute.userGrants.rawValue)) { request, context in try await grant(request, context) }
        group.post(RouterPath(AdminRoute.revokeGrant.rawValue)) { _, context in try await revoke(context) }
        group.post(RouterPath(AdminRoute.resetPassword.rawValue)) { _, context in try await resetPassword(context) }
        group.post(RouterPath(AdminRoute.toggleUser.rawValue)) { _, context in try await toggle(context) }
    }

    /// The identity, the tree and the units it may manage users in; refuses anyone without that right.
    private func scope(_ context: AppRequestContext) async throws -> (Identity, UnitTree, [(node: UnitTree.Node, depth: Int)]) {
        let identity = try context.requireIdentity()
        guard identity.canSomewhere(.manageUsers) else { throw AppError.forbidden("Bạn không có quyền quản lý người dùng.") }
        let tree = try context.units()
        let manageable = tree.flattened().filter { identity.can(.manageUsers, in: tree, unit: $0.node.id) }
        return (identity, tree, manageable)
    }

    /// The account named in the URL, if it belongs to a unit the identity manages; otherwise 404,
    /// so ids of other units' accounts reveal nothing.
    private func managedUser(_ context: AppRequestContext) async throws -> (Identity, UnitTree, User) {
        let (identity, tree, _) = try await scope(context)
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let user = try await User.find(id, on: db),
            identity.can(.manageUsers, in: tree, unit: user.$unit.id)
        else { throw AppError.notFound }
        return (identity, tree, user)
    }

    private func list(_ context: AppRequestContext) async throws -> Response {
        let (identity, tree, manageable) = try await scope(context)
        let unitIDs = manageable.map(\.node.id)
        let users = try await User.query(on: db).filter(\.$unit.$id ~~ unitIDs).with(\.$grants).sort(\.$name).all()
        let rows = try users.map { user in
            UsersPage.Row(
                name: user.name, email: user.email, unit: tree.nodes[user.$unit.id]?.name ?? "",
                roles: user.grants.compactMap { $0.grant.map { "\($0.role.vietnameseName) (\(tree.nodes[$0.unitID]?.name ?? "?"))" } }.joined(separator: "; "),
                status: user.disabledAt == nil ? "Đang hoạt động" : "Đã khóa",
                href: AdminPage.user(id: try user.requireID().uuidString).link)
        }
        return try renderer.response(
            UsersPage(shell: AdminShell(identity: identity, title: "Người dùng", current: .users), rows: rows, count: rows.count),
            template: "admin/users")
    }

    private func unitOptions(_ manageable: [(node: UnitTree.Node, depth: Int)], selected: UUID?) -> [SelectOption] {
        manageable.map { node, depth in
            SelectOption(value: node.id.uuidString, label: String(repeating: "— ", count: depth) + node.name, selected: node.id == selected)
        }
    }

    private func roleOptions(selected: Role?) -> [SelectOption] {
        Role.allCases.map { SelectOption(value: $0.rawValue, label: $0.vietnameseName, selected: $0 == selected) }
    }

    private func newForm(_ context: AppRequestContext, fields: FormFields? = nil, errors: [FieldProblem] = []) async throws -> Response {
        let (identity, _, manageable) = try await scope(context)
        let unit = fields?["unit"].flatMap(UUID.init(uuidString:)) ?? identity.unitID
        let page = UserFormPage(
            shell: AdminShell(identity: identity, title: "Thêm người dùng", current: .users),
            name: fields?.text("name") ?? "", email: fields?.text("email") ?? "",
            units: unitOptions(manageable, selected: unit),
            roles: roleOptions(selected: fields?["role"].flatMap(Role.init(rawValue:)) ?? .editor),
            scopes: unitOptions(manageable, selected: fields?["scope"].flatMap(UUID.init(uuidString:)) ?? unit),
            errors: errors)
        return try renderer.response(page, template: "admin/user-form", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (identity, tree, _) = try await scope(context)
        let fields = try await FormFields.from(request, context: context)
        guard let unitID = fields["unit"].flatMap(UUID.init(uuidString:)), identity.can(.manageUsers, in: tree, unit: unitID),
            let scopeID = fields["scope"].flatMap(UUID.init(uuidString:)), identity.can(.manageUsers, in: tree, unit: scopeID)
        else {
            return try await newForm(
                context, fields: fields, errors: [FieldProblem(field: "unit", message: "Đơn vị hoặc phạm vi nằm ngoài quyền quản lý của bạn.")])
        }
        guard let role = fields["role"].flatMap(Role.init(rawValue:)) else {
            return try await newForm(context, fields: fields, errors: [FieldProblem(field: "role", message: "Vai trò không hợp lệ.")])
        }
        let service = UserService(db: db, clients: clients, configuration: configuration)
        do {
            let (user, password) = try await service.create(
                .init(email: fields.text("email"), name: fields.text("name"), unitID: unitID, role: role, scopeUnitID: scopeID),
                actor: identity.actor, ip: context.clientIP)
            return try oneTimePasswordPage(identity, user: user, password: password, heading: "Đã tạo tài khoản")
        } catch let failure as UserService.Failure {
            let problems = failure.fieldProblems
            return try await newForm(context, fields: fields, errors: problems)
        }
    }

    private func oneTimePasswordPage(_ identity: Identity, user: User, password: String, heading: String) throws -> Response {
        var response = try renderer.response(
            OneTimePasswordPage(
                shell: AdminShell(identity: identity, title: heading, current: .users), heading: heading,
                email: user.email, password: password, userHref: AdminPage.user(id: try user.requireID().uuidString).link),
            template: "admin/one-time-password")
        response.headers[.cacheControl] = "no-store"
        return response
    }

    private func detail(_ context: AppRequestContext, errors: [FieldProblem] = []) async throws -> Response {
        let (identity, tree, user) = try await managedUser(context)
        let id = try user.requireID().uuidString
        let manageable = tree.flattened().filter { identity.can(.manageUsers, in: tree, unit: $0.node.id) }
        let grants = try await RoleAssignment.query(on: db).filter(\.$user.$id == user.requireID()).sort(\.$createdAt).all()
        let page = UserDetailPage(
            shell: AdminShell(identity: identity, title: user.name, current: .users),
            name: user.name, email: user.email, unit: tree.pathName(of: user.$unit.id),
            status: user.disabledAt == nil ? "Đang hoạt động" : "Đã khóa",
            lastLogin: user.lastLoginAt.map(VietnameseDate.dayTime) ?? "Chưa đăng nhập",
            grants: try grants.map { grant in
                UserDetailPage.Grant(
                    role: Role(rawValue: grant.role)?.vietnameseName ?? grant.role,
                    scope: tree.pathName(of: grant.$unit.id),
                    revokeAction: AdminPage.revokeGrant(id: id, grant: try grant.requireID().uuidString).link)
            },
            roles: roleOptions(selected: nil), scopes: unitOptions(manageable, selected: user.$unit.id),
            grantAction: AdminPage.userGrants(id: id).link, resetAction: AdminPage.resetPassword(id: id).link,
            toggleAction: AdminPage.toggleUser(id: id).link,
            toggleLabel: user.disabledAt == nil ? "Khóa tài khoản" : "Mở khóa tài khoản",
            errors: errors)
        return try renderer.response(page, template: "admin/user-detail", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func grant(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (identity, tree, user) = try await managedUser(context)
        let fields = try await FormFields.from(request, context: context)
        guard let role = fields["role"].flatMap(Role.init(rawValue:)),
            let scopeID = fields["scope"].flatMap(UUID.init(uuidString:)), identity.can(.manageUsers, in: tree, unit: scopeID)
        else {
            return try await detail(context, errors: [FieldProblem(field: "scope", message: "Vai trò hoặc phạm vi nằm ngoài quyền quản lý của bạn.")])
        }
        let userID = try user.requireID()
        let exists =
            try await RoleAssignment.query(on: db)
            .filter(\.$user.$id == userID).filter(\.$role == role.rawValue).filter(\.$unit.$id == scopeID).count() > 0
        if !exists {
            try await RoleAssignment(userID: userID, role: role, unitID: scopeID).create(on: db)
            try await AuditLog(db: db, clients: clients).record(
                .roleGranted, actor: identity.actor, subject: user.email, ip: context.clientIP,
                detail: "\(role.vietnameseName), phạm vi \(tree.nodes[scopeID]?.name ?? scopeID.uuidString)")
        }
        return .redirect(to: AdminPage.user(id: userID.uuidString).link, type: .normal)
    }

    private func revoke(_ context: AppRequestContext) async throws -> Response {
        let (identity, tree, user) = try await managedUser(context)
        let userID = try user.requireID()
        guard let grantID = context.parameters.get("grant").flatMap(UUID.init(uuidString:)),
            let grant = try await RoleAssignment.query(on: db).filter(\.$id == grantID).filter(\.$user.$id == userID).first()
        else { throw AppError.notFound }
        guard identity.can(.manageUsers, in: tree, unit: grant.$unit.id) else {
            throw AppError.forbidden("Vai trò này được cấp ở phạm vi ngoài quyền quản lý của bạn.")
        }
        if userID == identity.userID, grant.role == Role.administrator.rawValue {
            return try await detail(context, errors: [FieldProblem(field: "", message: "Bạn không thể tự thu hồi quyền quản trị của chính mình.")])
        }
        try await grant.delete(on: db)
        try await AuditLog(db: db, clients: clients).record(
            .roleRevoked, actor: identity.actor, subject: user.email, ip: context.clientIP,
            detail: "\(Role(rawValue: grant.role)?.vietnameseName ?? grant.role), phạm vi \(tree.nodes[grant.$unit.id]?.name ?? "?")")
        return .redirect(to: AdminPage.user(id: userID.uuidString).link, type: .normal)
    }

    private func resetPassword(_ context: AppRequestContext) async throws -> Response {
        let (identity, _, user) = try await managedUser(context)
        let service = UserService(db: db, clients: clients, configuration: configuration)
        let password = try await service.resetPassword(user, actor: identity.actor, ip: context.clientIP)
        return try oneTimePasswordPage(identity, user: user, password: password, heading: "Đã cấp lại mật khẩu")
    }

    private func toggle(_ context: AppRequestContext) async throws -> Response {
        let (identity, _, user) = try await managedUser(context)
        let userID = try user.requireID()
        if userID == identity.userID {
            return try await detail(context, errors: [FieldProblem(field: "", message: "Bạn không thể tự khóa tài khoản của chính mình.")])
        }
        let disabling = user.disabledAt == nil
        user.disabledAt = disabling ? clients.now() : nil
        try await user.save(on: db)
        if disabling { try await UserSession.query(on: db).filter(\.$user.$id == userID).delete() }
        try await AuditLog(db: db, clients: clients).record(
            disabling ? .userDisabled : .userEnabled, actor: identity.actor, subject: user.email, ip: context.clientIP)
        return .redirect(to: AdminPage.user(id: userID.uuidString).link, type: .normal)
    }
}
