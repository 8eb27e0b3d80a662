import FluentKit
import Foundation
import LoaCore

/// Reads what the playout decision needs from the database: stations, slots and the bulletins that may
/// air (approved, with audio).
struct RadioWorldLoader: Sendable {
    let db: any Database

    struct Loaded: Sendable {
        var world: RadioWorld
        /// Audio file and length of every bulletin that may air, by bulletin id.
        var audio: [RadioBulletinID: (file: String, duration: TimeInterval)]
        /// Mounts by station id.
        var mounts: [RadioStationID: String]
    }

    func load(now: Date, lookback: TimeInterval) async throws -> Loaded {
        let stations = try await RadioStationRecord.query(on: db).all()
        let bulletins = try await RadioBulletinRecord.query(on: db)
            .filter(\.$state != RadioBulletinRecord.State.draft.rawValue).filter(\.$audioFile != nil).all()
        let slots = try await RadioSlotRecord.query(on: db).all().compactMap(Self.slot)
        let emergencies = try await RadioEmergencies.world(on: db, now: now, lookback: lookback)
        var audio: [RadioBulletinID: (file: String, duration: TimeInterval)] = [:]
        for bulletin in bulletins {
            if let id = bulletin.id, let file = bulletin.audioFile { audio[id.uuidString] = (file, bulletin.durationSeconds ?? 0) }
        }
        return Loaded(
            world: RadioWorld(stations: stations.map(\.core), slots: slots, emergencies: emergencies, approvedBulletins: Set(audio.keys)),
            audio: audio,
            mounts: Dictionary(uniqueKeysWithValues: stations.compactMap { station in station.id.map { ($0.uuidString, station.mount) } }))
    }

    /// A stored slot as LoaCore reads it; nil when a stored value no longer parses (it then never airs).
    static func slot(_ record: RadioSlotRecord) -> RadioSlot? {
        guard let id = record.id, let time = RadioTimeOfDay(record.timeOfDay), let priority = RadioPriority(rawValue: record.priority) else { return nil }
        let repeats: RadioRepeat
        switch record.repeats {
        case "daily": repeats = .daily
        case "weekdays": repeats = .weekdays
        case "dates": repeats = .dates(Set(record.dates.split(separator: ",").compactMap { CalendarDay(iso: String($0)) }))
        default: return nil
        }
        let station = record.$station.id.uuidString
        return RadioSlot(
            id: id.uuidString, label: record.label, target: record.includesSubtree ? .subtree(root: station) : .station(station),
            time: time, repeats: repeats, startsOn: record.startsOn.flatMap { CalendarDay(iso: $0) },
            endsOn: record.endsOn.flatMap { CalendarDay(iso: $0) }, duration: record.durationSeconds,
            bulletinID: record.$bulletin.id.uuidString, priority: priority)
    }
}
