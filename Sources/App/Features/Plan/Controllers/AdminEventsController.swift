import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// Trainings, meetings, conferences and contests in person (issue #5): recorded once here, they count
/// toward the plans' training and conference items and appear in the public events calendar.
struct AdminEventsController: Sendable {
    let database: DatabaseStack
    /// Taken per use: the next event loop's connections, the request's logger.
    var db: any Database { database.db }
    let renderer: PageRenderer
    let clients: Clients
    let pageCache: PageCache

    struct EventsPage: Sendable {
        struct Row: Sendable { var date, title, kind, unit, place: String; var planned, actual: Int }
        var shell: AdminShell
        var action = AdminPage.events.link
        var canRecord: Bool
        var units: [SelectOption]
        var kinds: [SelectOption]
        var photos: [SelectOption]
        var materials: [SelectOption]
        var form: [String: String]
        var isPublic: Bool
        var errors: [FieldProblem]
        var rows: [Row]
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.events.rawValue)) { request, context in
            try await list(context, fields: nil, errors: [], notice: AdminNotice.message(in: request))
        }
        group.post(RouterPath(AdminRoute.events.rawValue)) { request, context in try await create(request, context) }
    }

    private func list(_ context: AppRequestContext, fields: FormFields?, errors: [FieldProblem], notice: String? = nil) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let readable = tree.nodes.keys.filter { identity.can(.readContent, in: tree, unit: $0) }
        guard !readable.isEmpty else { throw AppError.forbidden("Bạn không có quyền xem sự kiện.") }
        let events = try await Event.query(on: db).filter(\.$unit.$id ~~ readable).sort(\.$startsAt, .descending).limit(300).all()
        let recordable = tree.flattened().map(\.node).filter { !$0.isRetired && identity.can(.reportActivity, in: tree, unit: $0.id) }
        // Photos and materials come from the libraries of the sites of the units one may record for.
        let sites = try await Site.query(on: db).filter(\.$unit.$id ~~ recordable.map(\.id)).all().compactMap(\.id)
        let media = try await Media.query(on: db).filter(\.$site.$id ~~ sites).sort(\.$createdAt, .descending).limit(100).all()
        let documents = try await Document.query(on: db).filter(\.$site.$id ~~ sites).sort(\.$postedOn, .descending).limit(100).all()
        let chosenPhotos = Set(fields?.list("photos") ?? []), chosenMaterials = Set(fields?.list("materials") ?? [])
        let model = EventsPage(
            shell: AdminShell(identity: identity, title: "Sự kiện", current: .plans, notice: notice),
            canRecord: !recordable.isEmpty,
            units: recordable.map { SelectOption(value: $0.id.uuidString, label: tree.pathName(of: $0.id), selected: $0.id.uuidString == fields?["unit"]) },
            kinds: Event.Kind.allCases.map { SelectOption(value: $0.rawValue, label: $0.vietnameseName, selected: $0.rawValue == fields?["kind"]) },
            photos: media.compactMap { item in
                item.id.map { SelectOption(value: $0.uuidString, label: item.alt, selected: chosenPhotos.contains($0.uuidString)) }
            },
            materials: documents.compactMap { document in
                document.id.map {
                    SelectOption(
                        value: $0.uuidString, label: "\(document.form) số \(document.number): \(document.summary.prefix(80))",
                        selected: chosenMaterials.contains($0.uuidString))
                }
            },
            form: fields?.all ?? [:], isPublic: fields.map { $0["public"] == "1" } ?? true, errors: errors,
            rows: events.map { event in
                EventsPage.Row(
                    date: VietnameseDate.dayOrDayTime(event.startsAt), title: event.title, kind: event.eventKind.vietnameseName,
                    unit: tree.nodes[event.$unit.id]?.name ?? "", place: event.place,
                    planned: event.plannedParticipants, actual: event.actualParticipants)
            })
        return try renderer.response(model, template: "admin/events", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let fields = try await FormFields.from(request, context: context)
        guard let unitID = UUID(uuidString: fields.text("unit")), let unit = tree.nodes[unitID], !unit.isRetired,
            identity.can(.reportActivity, in: tree, unit: unitID)
        else { throw AppError.forbidden("Bạn không được ghi nhận sự kiện cho đơn vị này.") }
        var problems = [
            FieldCheck.text(fields.text("title"), field: "title", label: "Tên sự kiện", required: true, max: 300),
            FieldCheck.text(fields.text("place"), field: "place", label: "Địa điểm", required: true, max: 300),
            FieldCheck.text(fields.text("audience"), field: "audience", label: "Thành phần", required: false, max: 500),
            FieldCheck.text(fields.text("minutes"), field: "minutes", label: "Biên bản, ghi chú", required: false, max: 20_000),
        ].compactMap { $0 }
        let kind = Event.Kind(rawValue: fields.text("kind"))
        if kind == nil { problems.append(FieldProblem(field: "kind", message: "Vui lòng chọn loại sự kiện.")) }
        let startsAt = AdminArticlesController.parseDateTime(fields.text("starts_at"))
        if startsAt == nil { problems.append(FieldProblem(field: "starts_at", message: "Thời gian bắt đầu không hợp lệ.")) }
        let planned = fields.text("planned").isEmpty ? 0 : RequestNumber.parse(fields.text("planned"), in: 0...100_000)
        let actual = fields.text("actual").isEmpty ? 0 : RequestNumber.parse(fields.text("actual"), in: 0...100_000)
        for (value, field, label) in [(planned, "planned", "Số người dự kiến"), (actual, "actual", "Số người thực tế")] {
            if value == nil { problems.append(FieldProblem(field: field, message: "\(label) phải là số từ 0 đến 100.000.")) }
        }
        if let startsAt, let actual, actual > 0, startsAt > clients.now() {
            problems.append(FieldProblem(field: "actual", message: "Sự kiện chưa diễn ra thì chưa có số người thực tế."))
        }
        // Photos and materials must belong to a library of the organiser's unit (or one above it).
        let sites = try await Site.query(on: db).all().filter { tree.isDescendant(unitID, of: $0.$unit.id) }.compactMap(\.id)
        let photoIDs = fields.list("photos").compactMap(UUID.init(uuidString:))
        let documentIDs = fields.list("materials").compactMap(UUID.init(uuidString:))
        let photos = photoIDs.isEmpty ? [] : try await Media.query(on: db).filter(\.$id ~~ photoIDs).filter(\.$site.$id ~~ sites).all()
        let documents = documentIDs.isEmpty ? [] : try await Document.query(on: db).filter(\.$id ~~ documentIDs).filter(\.$site.$id ~~ sites).all()
        if photos.count != photoIDs.count { problems.append(FieldProblem(field: "photos", message: "Ảnh phải thuộc thư viện ảnh của đơn vị tổ chức.")) }
        if documents.count != documentIDs.count { problems.append(FieldProblem(field: "materials", message: "Tài liệu phải là văn bản của đơn vị tổ chức.")) }
        guard problems.isEmpty, let kind, let startsAt, let planned, let actual else { return try await list(context, fields: fields, errors: problems) }
        let event = Event(
            unitID: unitID, kind: kind, title: fields.text("title"), startsAt: startsAt, place: fields.text("place"),
            audience: fields.text("audience"), planned: planned, actual: actual, minutes: fields.text("minutes"), isPublic: fields["public"] == "1")
        try await pageCache.changingContent(on: db) { db in
            try await event.create(on: db)
            var position = 0
            for photo in photos {
                position += 1
                try await EventMaterial(eventID: event.requireID(), mediaID: photo.id, position: position).create(on: db)
            }
            for document in documents {
                position += 1
                try await EventMaterial(eventID: event.requireID(), documentID: document.id, position: position).create(on: db)
            }
        }
        return .redirect(to: AdminPage.events.link + "?tb=\(AdminNotice.saved.rawValue)", type: .normal)
    }
}
