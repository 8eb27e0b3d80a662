import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// A station's schedule (lịch phát): its slots and a form to add one (issue #11). Editors of the
/// station's unit schedule approved bulletins; times are entered in Asia/Ho_Chi_Minh.
struct AdminRadioSlotsController: Sendable {
    let database: DatabaseStack
    var db: any Database { database.db }
    let renderer: PageRenderer
    let clients: Clients

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.radioSlots.rawValue)) { _, context in try await page(context, fields: [:], errors: []) }
        group.post(RouterPath(AdminRoute.radioSlots.rawValue)) { request, context in try await add(request, context) }
    }

    private func station(_ context: AppRequestContext) async throws -> RadioStationRecord {
        let identity = try context.requireIdentity()
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)), let station = try await RadioStationRecord.find(id, on: db)
        else { throw AppError.notFound }
        let tree = try context.units()
        guard identity.can(.readContent, in: tree, unit: station.$unit.id) else { throw AppError.notFound }
        guard identity.can(.editOthersContent, in: tree, unit: station.$unit.id) else {
            throw AppError.forbidden("Bạn không có quyền xếp lịch phát cho đài này.")
        }
        return station
    }

    struct Page: Sendable {
        struct Row: Sendable { var label, time, repeats, bulletin, priority: String; var subtree: Bool }
        var shell: AdminShell
        var station: String
        var stationHref: String
        var action: String
        var rows: [Row]
        var bulletins: [SelectOption]
        var repeats: [SelectOption]
        var priorities: [SelectOption]
        var label, time, dates, startsOn, endsOn: String
        var subtree: Bool
        var errors: [FieldProblem]
    }

    static let repeatChoices = [("daily", "Hằng ngày"), ("weekdays", "Thứ Hai đến thứ Sáu"), ("dates", "Các ngày chọn")]

    private func page(_ context: AppRequestContext, fields: [String: String], errors: [FieldProblem]) async throws -> Response {
        let identity = try context.requireIdentity()
        let station = try await station(context)
        let id = try station.requireID()
        let slots = try await RadioSlotRecord.query(on: db).filter(\.$station.$id == id).with(\.$bulletin).sort(\.$timeOfDay).all()
        let airable = try await RadioBulletinRecord.query(on: db).filter(\.$station.$id == id)
            .filter(\.$state != RadioBulletinRecord.State.draft.rawValue).sort(\.$createdAt, .descending).range(..<200).all()
        let model = Page(
            shell: AdminShell(identity: identity, title: "Lịch phát: \(station.name)", current: .radioStations),
            station: station.name, stationHref: AdminPage.radioStation(id: id.uuidString).link, action: AdminPage.radioSlots(id: id.uuidString).link,
            rows: slots.map { slot in
                Page.Row(
                    label: slot.label, time: slot.timeOfDay,
                    repeats: (Self.repeatChoices.first { $0.0 == slot.repeats }?.1 ?? slot.repeats) + (slot.dates.isEmpty ? "" : ": \(slot.dates)"),
                    bulletin: slot.bulletin.title, priority: RadioPriority(rawValue: slot.priority)?.vietnameseName ?? "", subtree: slot.includesSubtree)
            },
            bulletins: airable.compactMap { bulletin in
                bulletin.id.map { SelectOption(value: $0.uuidString, label: bulletin.title, selected: $0.uuidString == fields["bulletin"]) }
            },
            repeats: Self.repeatChoices.map { SelectOption(value: $0.0, label: $0.1, selected: $0.0 == (fields["repeats"] ?? "daily")) },
            priorities: [RadioPriority.normal, .priority].map {
                SelectOption(value: String($0.rawValue), label: $0.vietnameseName, selected: String($0.rawValue) == (fields["priority"] ?? "0"))
            },
            label: fields["label"] ?? "", time: fields["time"] ?? "", dates: fields["dates"] ?? "", startsOn: fields["starts_on"] ?? "",
            endsOn: fields["ends_on"] ?? "", subtree: fields["subtree"] == "1", errors: errors)
        return try renderer.response(model, template: "admin/radio-slots", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func add(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let station = try await station(context)
        let form = try await FormFields.from(request, context: context)
        let fields = form.all.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        var problems = [FieldCheck.text(fields["label"], field: "label", label: "Tên buổi phát", required: true, max: 200)].compactMap { $0 }
        let time = RadioTimeOfDay(form.text("time"))
        if time == nil { problems.append(FieldProblem(field: "time", message: "Giờ phát phải có dạng 05:30 (giờ Việt Nam).")) }
        func day(_ name: String, _ label: String) -> CalendarDay? {
            let raw = form.text(name)
            guard !raw.isEmpty else { return nil }
            guard raw.count <= 10, let day = CalendarDay(iso: raw) else {
                problems.append(FieldProblem(field: name, message: "\(label) không hợp lệ (dạng 2026-04-15).")); return nil
            }
            return day
        }
        let startsOn = day("starts_on", "Ngày bắt đầu")
        let endsOn = day("ends_on", "Ngày kết thúc")
        var repeats = RadioRepeat.daily
        switch form.text("repeats") {
        case "weekdays": repeats = .weekdays
        case "dates":
            let raw = form.text("dates").split(whereSeparator: { $0 == "," || $0 == " " }).prefix(60)
            let days = raw.compactMap { CalendarDay(iso: String($0)) }
            if days.count != raw.count || days.isEmpty {
                problems.append(FieldProblem(field: "dates", message: "Các ngày phát phải có dạng 2026-04-15, cách nhau bằng dấu phẩy."))
            }
            repeats = .dates(Set(days))
        default: break
        }
        let priority = RadioPriority(rawValue: Int(form.text("priority")) ?? -1).flatMap { $0 == .emergency ? nil : $0 }
        if priority == nil { problems.append(FieldProblem(field: "priority", message: "Chọn mức ưu tiên Thường hoặc Ưu tiên.")) }
        let bulletin = try await fields["bulletin"].flatMap(UUID.init(uuidString:)).asyncFlatMap { id in
            try await RadioBulletinRecord.query(on: db).filter(\.$id == id).filter(\.$station.$id == station.requireID()).first()
        }
        if bulletin == nil { problems.append(FieldProblem(field: "bulletin", message: "Chọn một bản tin của đài này.")) }
        guard problems.isEmpty, let time, let priority, let bulletin else { return try await page(context, fields: fields, errors: problems) }
        do {
            _ = try await RadioSchedules(db: db, clients: clients).add(
                .init(
                    station: station, bulletin: bulletin, label: form.text("label"), time: time, repeats: repeats, startsOn: startsOn,
                    endsOn: endsOn, priority: priority, includesSubtree: fields["subtree"] == "1"),
                actor: identity.actor, ip: context.clientIP)
        } catch let refusal as RadioSchedules.Refusal {
            return try await page(context, fields: fields, errors: [FieldProblem(field: "time", message: refusal.description)])
        }
        return .redirect(to: AdminPage.radioSlots(id: try station.requireID().uuidString).link, type: .normal)
    }
}

extension Optional {
    fileprivate func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
