import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// Stations and loudspeaker clusters in the back office (issue #11). Anyone who reads content in a
/// station's unit sees it and its clusters' state; administrators of the unit (`manageSites`) add
/// stations and clusters. Stations outside a user's subtree answer 404.
struct AdminRadioStationsController: Sendable {
    let database: DatabaseStack
    var db: any Database { database.db }
    let renderer: PageRenderer
    let clients: Clients

    static let noRights = "Bạn không có quyền quản lý đài truyền thanh."
    var stations: RadioStations { RadioStations(db: db, clients: clients) }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.radioStations.rawValue)) { _, context in try await list(context) }
        group.get(RouterPath(AdminRoute.newRadioStation.rawValue)) { _, context in try await form(context, fields: [:], errors: []) }
        group.post(RouterPath(AdminRoute.newRadioStation.rawValue)) { request, context in try await create(request, context) }
        group.get(RouterPath(AdminRoute.radioStation.rawValue)) { _, context in
            try await stationPage(context, station: try await station(context, .readContent), fields: [:], errors: [], token: nil)
        }
        group.post(RouterPath(AdminRoute.radioClusters.rawValue)) { request, context in try await addCluster(request, context) }
    }

    /// The station named in the path, when the user may do `action` in its unit.
    private func station(_ context: AppRequestContext, _ action: Action) async throws -> RadioStationRecord {
        let identity = try context.requireIdentity()
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)), let station = try await RadioStationRecord.find(id, on: db)
        else { throw AppError.notFound }
        let tree = try context.units()
        guard identity.can(.readContent, in: tree, unit: station.$unit.id) else { throw AppError.notFound }
        guard identity.can(action, in: tree, unit: station.$unit.id) else { throw AppError.forbidden(Self.noRights) }
        return station
    }

    struct ListPage: Sendable {
        struct Row: Sendable { var name, unit, mount, href: String; var clusters, offline: Int }
        var shell: AdminShell
        var rows: [Row]
        var newHref: String?
        var bulletinsHref = AdminPage.radioBulletins.link
        var reportHref = AdminPage.radioReport.link
    }

    private func list(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        guard identity.canSomewhere(.readContent) else { throw AppError.forbidden(Self.noRights) }
        let tree = try context.units()
        let visible = try await RadioStationRecord.query(on: db).sort(\.$name).all().filter { identity.can(.readContent, in: tree, unit: $0.$unit.id) }
        let clusters = try await LoudspeakerCluster.query(on: db).filter(\.$station.$id ~~ visible.compactMap(\.id)).all()
        let rows = try visible.map { station in
            let own = clusters.filter { $0.$station.id == station.id }
            return ListPage.Row(
                name: station.name, unit: tree.nodes[station.$unit.id]?.name ?? "", mount: station.mount,
                href: AdminPage.radioStation(id: try station.requireID().uuidString).link, clusters: own.count,
                offline: own.filter { stations.liveness(of: $0) != .online }.count)
        }
        let page = ListPage(
            shell: AdminShell(identity: identity, title: "Đài truyền thanh", current: .radioStations), rows: rows,
            newHref: identity.canSomewhere(.manageSites) ? AdminPage.newRadioStation.link : nil)
        return try renderer.response(page, template: "admin/radio-stations")
    }

    struct FormPage: Sendable {
        var shell: AdminShell
        var action = AdminPage.newRadioStation.link
        var name, mount: String
        var units: [SelectOption]
        var parents: [SelectOption]
        var relaysParent: Bool
        var errors: [FieldProblem]
    }

    private func form(_ context: AppRequestContext, fields: [String: String], errors: [FieldProblem]) async throws -> Response {
        let identity = try context.requireIdentity()
        guard identity.canSomewhere(.manageSites) else { throw AppError.forbidden(Self.noRights) }
        let tree = try context.units()
        let units = tree.flattened().filter { node, _ in !node.isRetired && identity.can(.manageSites, in: tree, unit: node.id) }
        let parents = try await RadioStationRecord.query(on: db).sort(\.$name).all()
        let page = FormPage(
            shell: AdminShell(identity: identity, title: "Thêm đài truyền thanh", current: .radioStations),
            name: fields["name"] ?? "", mount: fields["mount"] ?? "",
            units: units.map { node, depth in
                SelectOption(
                    value: node.id.uuidString, label: String(repeating: "— ", count: depth) + node.name, selected: node.id.uuidString == fields["unit"])
            },
            parents: [SelectOption(value: "", label: "Không có (đài cấp cao nhất)", selected: (fields["parent"] ?? "").isEmpty)]
                + parents.compactMap { station in
                    station.id.map { SelectOption(value: $0.uuidString, label: station.name, selected: $0.uuidString == fields["parent"]) }
                },
            relaysParent: fields.isEmpty || fields["relays_parent"] == "1", errors: errors)
        return try renderer.response(page, template: "admin/radio-station-form", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        guard identity.canSomewhere(.manageSites) else { throw AppError.forbidden(Self.noRights) }
        let form = try await FormFields.from(request, context: context)
        let fields = form.all.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let tree = try context.units()
        var problems = [FieldCheck.text(fields["name"], field: "name", label: "Tên đài", required: true, max: 200)].compactMap { $0 }
        let mount = form.text("mount")
        if let problem = RadioStations.mountProblem(mount) {
            problems.append(FieldProblem(field: "mount", message: problem))
        } else if try await RadioStationRecord.query(on: db).filter(\.$mount == mount).count() > 0 {
            problems.append(FieldProblem(field: "mount", message: "Điểm phát \(mount) đã thuộc một đài khác."))
        }
        let unitID = fields["unit"].flatMap(UUID.init(uuidString:))
        if unitID.map({ identity.can(.manageSites, in: tree, unit: $0) && tree.nodes[$0] != nil }) != true {
            problems.append(FieldProblem(field: "unit", message: "Vui lòng chọn đơn vị thuộc phạm vi bạn quản lý."))
        }
        var parentID: UUID?
        if let raw = fields["parent"], !raw.isEmpty {
            parentID = UUID(uuidString: raw)
            if try await parentID.asyncMap({ try await RadioStationRecord.find($0, on: db) }) == nil {
                problems.append(FieldProblem(field: "parent", message: "Đài cấp trên không tồn tại."))
            }
        }
        guard problems.isEmpty, let unitID else { return try await self.form(context, fields: fields, errors: problems) }
        let station = try await stations.create(
            .init(unitID: unitID, name: form.text("name"), mount: mount, parentID: parentID, relaysParent: fields["relays_parent"] == "1"),
            actor: identity.actor, ip: context.clientIP)
        return .redirect(to: AdminPage.radioStation(id: try station.requireID().uuidString).link, type: .normal)
    }

    struct StationPage: Sendable {
        struct Row: Sendable { var name, hamlet, lastSeen, state, volume, power, currentItem, signal: String; var offline: Bool }
        var shell: AdminShell
        var name, unit, mount: String
        var slotsHref: String
        var bulletinsHref = AdminPage.radioBulletins.link
        var reportHref = AdminPage.radioReport.link
        var parent: String?
        var rows: [Row]
        var interval: Int
        var addAction: String?
        var newToken: String?
        var clusterName, hamlet, latitude, longitude: String
        var errors: [FieldProblem]
    }

    private func stationPage(
        _ context: AppRequestContext, station: RadioStationRecord, fields: [String: String], errors: [FieldProblem], token: String?
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let clusters = try await LoudspeakerCluster.query(on: db).filter(\.$station.$id == station.requireID()).sort(\.$hamlet).sort(\.$name).all()
        let parent = try await station.$parent.get(on: db)
        let rows = clusters.map { cluster in
            let liveness = stations.liveness(of: cluster)
            return StationPage.Row(
                name: cluster.name, hamlet: cluster.hamlet, lastSeen: cluster.lastSeenAt.map(VietnameseDate.dayTime) ?? "Chưa có",
                state: liveness.vietnameseName, volume: cluster.volume.map(String.init) ?? "—",
                power: cluster.isOn.map { $0 ? "Bật" : "Tắt" } ?? "—", currentItem: cluster.currentItem ?? "—",
                signal: cluster.signal.map(String.init) ?? "—", offline: liveness != .online)
        }
        let page = StationPage(
            shell: AdminShell(identity: identity, title: station.name, current: .radioStations),
            name: station.name, unit: tree.nodes[station.$unit.id]?.name ?? "", mount: station.mount,
            slotsHref: AdminPage.radioSlots(id: try station.requireID().uuidString).link, parent: parent?.name, rows: rows,
            interval: Int(RadioStations.defaultHeartbeatInterval),
            addAction: identity.can(.manageSites, in: tree, unit: station.$unit.id)
                ? AdminPage.radioClusters(id: try station.requireID().uuidString).link : nil,
            newToken: token, clusterName: fields["name"] ?? "", hamlet: fields["hamlet"] ?? "", latitude: fields["latitude"] ?? "",
            longitude: fields["longitude"] ?? "", errors: errors)
        return try renderer.response(page, template: "admin/radio-station", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func addCluster(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let station = try await station(context, .manageSites)
        let form = try await FormFields.from(request, context: context)
        let fields = form.all.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        var problems = [
            FieldCheck.text(fields["name"], field: "name", label: "Tên cụm loa", required: true, max: 200),
            FieldCheck.text(fields["hamlet"], field: "hamlet", label: "Ấp", required: true, max: 200),
        ].compactMap { $0 }
        func coordinate(_ name: String, _ label: String, _ range: ClosedRange<Double>) -> Double? {
            let raw = (fields[name] ?? "").replacingOccurrences(of: ",", with: ".")
            guard !raw.isEmpty else { return nil }
            guard raw.count <= 20, let value = Double(raw), range.contains(value) else {
                problems.append(FieldProblem(field: name, message: "\(label) phải là số từ \(Int(range.lowerBound)) đến \(Int(range.upperBound))."))
                return nil
            }
            return value
        }
        let latitude = coordinate("latitude", "Vĩ độ", -90...90)
        let longitude = coordinate("longitude", "Kinh độ", -180...180)
        if (latitude == nil) != (longitude == nil), problems.isEmpty {
            problems.append(FieldProblem(field: "latitude", message: "Nhập cả vĩ độ và kinh độ, hoặc bỏ trống cả hai."))
        }
        guard problems.isEmpty else { return try await stationPage(context, station: station, fields: fields, errors: problems, token: nil) }
        let added = try await stations.addCluster(
            .init(name: form.text("name"), hamlet: form.text("hamlet"), latitude: latitude, longitude: longitude), to: station,
            actor: identity.actor, ip: context.clientIP)
        // The token is shown on this one answer only: the database keeps its digest.
        return try await stationPage(context, station: station, fields: [:], errors: [], token: added.token)
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
