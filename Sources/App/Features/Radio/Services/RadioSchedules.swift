import FluentKit
import Foundation
import LoaCore

/// Recurring slots of a station's schedule (issue #11), checked by LoaCore's `RadioSchedule.problem`
/// against every other slot, so a clash names the slot, the station and the time.
struct RadioSchedules: Sendable {
    let db: any Database
    let clients: Clients

    struct NewSlot: Sendable {
        var station: RadioStationRecord
        var bulletin: RadioBulletinRecord
        var label: String
        var time: RadioTimeOfDay
        var repeats: RadioRepeat
        var startsOn: CalendarDay?
        var endsOn: CalendarDay?
        var priority: RadioPriority
        var includesSubtree: Bool
    }

    enum Refusal: Error, Equatable, CustomStringConvertible {
        case notApproved(String)
        case noAudio(String)
        case problem(RadioSlotProblem)

        var description: String {
            switch self {
            case .notApproved(let title): "Bản tin «\(title)» chưa được duyệt nên chưa xếp lịch được."
            case .noAudio(let title): "Bản tin «\(title)» chưa có âm thanh nên chưa xếp lịch được."
            case .problem(let problem): problem.message
            }
        }
    }

    /// Adds the slot, or refuses it with the first reason; nothing already scheduled changes on a refusal.
    func add(_ input: NewSlot, actor: (id: UUID?, email: String), ip: String) async throws -> RadioSlotRecord {
        guard input.bulletin.bulletinState.mayAir else { throw Refusal.notApproved(input.bulletin.title) }
        guard let duration = input.bulletin.durationSeconds, input.bulletin.audioFile != nil else { throw Refusal.noAudio(input.bulletin.title) }
        let stationID = try input.station.requireID()
        let record = RadioSlotRecord()
        record.$station.id = stationID
        record.$bulletin.id = try input.bulletin.requireID()
        record.label = input.label
        record.timeOfDay = input.time.description
        switch input.repeats {
        case .daily: (record.repeats, record.dates) = ("daily", "")
        case .weekdays: (record.repeats, record.dates) = ("weekdays", "")
        case .dates(let days): (record.repeats, record.dates) = ("dates", days.sorted().map(\.iso).joined(separator: ","))
        }
        record.startsOn = input.startsOn?.iso
        record.endsOn = input.endsOn?.iso
        record.durationSeconds = duration.rounded(.up)
        record.priority = input.priority.rawValue
        record.includesSubtree = input.includesSubtree
        let clients = self.clients
        let bulletin = input.bulletin
        try await db.writeTransaction { db in
            // Checked inside the write transaction, so two editors cannot both take the same hour.
            let existing = try await RadioSlotRecord.query(on: db).all().compactMap(RadioWorldLoader.slot)
            let stations = try await RadioStations.world(on: db)
            let candidate = RadioSlot(
                id: "new", label: input.label, target: input.includesSubtree ? .subtree(root: stationID.uuidString) : .station(stationID.uuidString),
                time: input.time, repeats: input.repeats, startsOn: input.startsOn, endsOn: input.endsOn, duration: record.durationSeconds,
                bulletinID: bulletin.id?.uuidString ?? "", priority: input.priority)
            if let problem = RadioSchedule.problem(with: candidate, existing: existing, stations: stations, now: clients.now()) {
                throw Refusal.problem(problem)
            }
            try await record.create(on: db)
            if bulletin.bulletinState == .approved {
                try await RadioBulletinRecord.query(on: db).filter(\.$id == bulletin.requireID())
                    .set(\.$state, to: RadioBulletinRecord.State.scheduled.rawValue).update()
            }
            try await AuditLog(db: db, clients: clients).record(
                .radioSlotAdded, actor: actor, subject: "\(input.label) \(input.time)", ip: ip, detail: bulletin.title)
        }
        return record
    }
}
