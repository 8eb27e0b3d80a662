import FluentKit
import Foundation
import LoaCore

/// Writes the playout decision's events into the as-run log: one row per station and item (the unique
/// key makes a replay after a restart update the row, never add a second one).
struct RadioAsRunLog: Sendable {
    let db: any Database
    let stations: RadioStations

    func record(_ events: [RadioPlayoutEvent]) async throws {
        guard !events.isEmpty else { return }
        try await db.writeTransaction { db in
            for event in events.sorted(by: { $0.at < $1.at }) {
                try await apply(event, on: db)
            }
        }
    }

    private func apply(_ event: RadioPlayoutEvent, on db: any Database) async throws {
        guard let stationID = UUID(uuidString: event.stationID) else { return }
        let existing = try await RadioAsRunEntry.query(on: db).filter(\.$station.$id == stationID).filter(\.$itemID == event.item.id).first()
        let entry = existing ?? RadioAsRunEntry()
        if existing == nil {
            entry.$station.id = stationID
            entry.$bulletin.id = UUID(uuidString: event.item.bulletinID)
            entry.itemID = event.item.id
            entry.priority = event.item.priority.rawValue
            entry.origin = String(describing: event.item.origin)
            entry.plannedStart = event.item.plannedStart
            entry.result = RadioAsRunEntry.Result.playing.rawValue
            entry.offlineClusters = 0
        }
        switch event.kind {
        case .started:
            entry.actualStart = entry.actualStart ?? event.at
            entry.result = RadioAsRunEntry.Result.playing.rawValue
            // On the transaction's connection: SQLite has only one (decision 0003).
            entry.offlineClusters = try await RadioStations(db: db, clients: stations.clients).offlineCount(station: stationID)
        case .resumed:
            // Stays "interrupted": the log tells that listeners heard it in two parts.
            break
        case .interrupted, .skipped:
            entry.result = RadioAsRunEntry.Result.interrupted.rawValue
            entry.actualEnd = event.at
        case .completed:
            if entry.playResult == .playing { entry.result = RadioAsRunEntry.Result.completed.rawValue }
            entry.actualEnd = event.at
        case .missed:
            entry.result = RadioAsRunEntry.Result.missed.rawValue
        }
        try await entry.save(on: db)
    }
}
