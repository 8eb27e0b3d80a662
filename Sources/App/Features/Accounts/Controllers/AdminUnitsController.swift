import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// The unit tree in the back office. Administrators manage units inside their scope only.
struct AdminUnitsController: Sendable {
    let database: DatabaseStack
    /// Taken per use: the next event loop's connections, the request's logger.
    var db: any Database { database.db }
    let renderer: PageRenderer
    let clients: Clients
    let sites: SiteDirectory
    let pageCache: PageCache

    struct UnitsPage: Sendable {
        struct Row: Sendable {
            var name, code, kind: String
            var depth: Int
            var retired: Bool
            var editHref: String?
            var siteName: String?
            var siteHref: String?
        }
        var shell: AdminShell
        var rows: [Row]
        var count: Int
        var canCreate: Bool
        var newHref = AdminPage.newUnit.link
    }

    struct UnitFormPage: Sendable {
        var shell: AdminShell
        var heading: String
        var action: String
        var name: String
        var code: String
        var kinds: [SelectOption]
        var parents: [SelectOption]
        var errors: [FieldProblem]
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.units.rawValue)) { _, context in try await list(context) }
        group.get(RouterPath(AdminRoute.newUnit.rawValue)) { _, context in try await form(context, unit: nil) }
        group.post(RouterPath(AdminRoute.newUnit.rawValue)) { request, context in try await save(request, context, unit: nil) }
        group.get(RouterPath(AdminRoute.unit.rawValue)) { _, context in try await form(context, unit: try await unit(context)) }
        group.post(RouterPath(AdminRoute.unit.rawValue)) { request, context in try await save(request, context, unit: try await unit(context)) }
    }

    private func unit(_ context: AppRequestContext) async throws -> Unit {
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)), let unit = try await Unit.find(id, on: db) else {
            throw AppError.notFound
        }
        return unit
    }

    private func requireUnitManager(_ context: AppRequestContext) throws -> Identity {
        let identity = try context.requireIdentity()
        guard identity.canSomewhere(.manageUnits) else { throw AppError.forbidden("Bạn không có quyền quản lý đơn vị.") }
        return identity
    }

    private func list(_ context: AppRequestContext) async throws -> Response {
        let identity = try requireUnitManager(context)
        let tree = try context.units()
        let sitesByUnit = Dictionary(try await sites.all().map { ($0.unitID, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = tree.flattened().map { node, depth in
            let site = sitesByUnit[node.id]
            return UnitsPage.Row(
                name: node.name, code: node.code, kind: node.kind.vietnameseName, depth: min(depth, 6), retired: node.isRetired,
                editHref: identity.can(.manageUnits, in: tree, unit: node.id) ? AdminPage.unit(id: node.id.uuidString).link : nil,
                siteName: site?.name,
                siteHref: site.map { ($0.isPrimary ? SiteMount.root : .underPrefix($0.slug)).path(.home) })
        }
        let page = UnitsPage(
            shell: AdminShell(identity: identity, title: "Đơn vị", current: .units), rows: rows, count: rows.count, canCreate: true)
        return try renderer.response(page, template: "admin/units")
    }

    private func form(_ context: AppRequestContext, unit: Unit?, input: UnitService.Input? = nil, errors: [FieldProblem] = []) async throws -> Response {
        let identity = try requireUnitManager(context)
        let tree = try context.units()
        if let unit { try authorize(identity, tree: tree, unit: unit.requireID()) }
        let current =
            input ?? unit.map { UnitService.Input(code: $0.code, name: $0.name, kind: $0.unitKind, parentID: $0.$parent.id) }
            ?? UnitService.Input(code: "", name: "", kind: .agency, parentID: identity.unitID)
        let parentChoices = tree.flattened().filter { node, _ in
            node.id != unit?.id && identity.can(.manageUnits, in: tree, unit: node.id)
        }
        let page = UnitFormPage(
            shell: AdminShell(identity: identity, title: unit == nil ? "Thêm đơn vị" : "Sửa đơn vị", current: .units),
            heading: unit == nil ? "Thêm đơn vị" : "Sửa đơn vị: \(unit!.name)",
            action: unit.map { AdminPage.unit(id: $0.id!.uuidString).link } ?? AdminPage.newUnit.link,
            name: current.name, code: current.code,
            kinds: UnitKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.vietnameseName, selected: $0 == current.kind) },
            parents: (unit != nil && unit?.$parent.id == nil ? [SelectOption(value: "", label: "Không có (đơn vị gốc)", selected: true)] : [])
                + parentChoices.map { node, depth in
                    SelectOption(value: node.id.uuidString, label: String(repeating: "— ", count: depth) + node.name, selected: node.id == current.parentID)
                },
            errors: errors)
        return try renderer.response(page, template: "admin/unit-form", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func save(_ request: Request, _ context: AppRequestContext, unit: Unit?) async throws -> Response {
        let identity = try requireUnitManager(context)
        let fields = try await FormFields.from(request, context: context)
        let tree = try context.units()
        if let unit { try authorize(identity, tree: tree, unit: unit.requireID()) }
        let parentID = fields["parent"].flatMap(UUID.init(uuidString:))
        let input = UnitService.Input(
            code: fields.text("code"), name: fields.text("name"),
            kind: UnitKind(rawValue: fields.text("kind")) ?? .agency, parentID: parentID)
        // A unit goes under a unit the administrator manages; only an existing root may stay a root.
        let parentAllowed = parentID.map { identity.can(.manageUnits, in: tree, unit: $0) } ?? (unit != nil && unit?.$parent.id == nil)
        guard parentAllowed else {
            return try await form(
                context, unit: unit, input: input,
                errors: [
                    FieldProblem(field: "parent", message: "Vui lòng chọn đơn vị cấp trên thuộc phạm vi bạn quản lý.")
                ])
        }
        return try await persist(unit: unit, input: input, identity: identity, context: context)
    }

    private func persist(unit: Unit?, input: UnitService.Input, identity: Identity, context: AppRequestContext) async throws -> Response {
        let service = UnitService(db: db, clients: clients)
        do {
            if let unit {
                try await service.update(unit, with: input, actor: identity.actor, ip: context.clientIP)
            } else {
                _ = try await service.create(input, actor: identity.actor, ip: context.clientIP)
            }
        } catch let failure as UnitService.Failure {
            let problems = failure.fieldProblems
            return try await form(context, unit: unit, input: input, errors: problems)
        }
        // The service marked the page cache (and so the unit tree) inside the change's transaction.
        await sites.invalidate()
        pageCache.invalidateLocally()
        return .redirect(to: AdminPage.units.link, type: .normal)
    }

    private func authorize(_ identity: Identity, tree: UnitTree, unit: UUID) throws {
        guard identity.can(.manageUnits, in: tree, unit: unit) else {
            throw AppError.forbidden("Đơn vị này nằm ngoài phạm vi bạn được quản lý.")
        }
    }
}
