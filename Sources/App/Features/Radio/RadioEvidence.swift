import FluentKit
import Foundation
import LoaCore

/// The as-run log as plan evidence: every bulletin that actually aired on a station (played to its end
/// or cut after it began) counts one broadcast for the station's unit, through the radio channel.
/// Missed and failed plays count nothing: the plan measures what listeners could hear, not intentions.
struct RadioEvidence: EvidenceSource {
    func records(indicators: Set<PlanIndicator>, units: Set<UUID>, from: Date, to: Date, on db: any Database) async throws -> [EvidenceRecord] {
        guard indicators.contains(.broadcasts), !units.isEmpty else { return [] }
        let stations = try await RadioStationRecord.query(on: db).filter(\.$unit.$id ~~ Array(units)).all()
        let unitByStation = Dictionary(uniqueKeysWithValues: stations.compactMap { station in station.id.map { ($0, station) } })
        guard !unitByStation.isEmpty else { return [] }
        let plays = try await RadioAsRunEntry.query(on: db).filter(\.$station.$id ~~ Array(unitByStation.keys))
            .filter(\.$result ~~ RadioAsRunEntry.Result.allCases.filter(\.aired).map(\.rawValue))
            .filter(\.$actualStart >= from).filter(\.$actualStart < to).with(\.$bulletin).all()
        return plays.compactMap { play in
            guard let station = unitByStation[play.$station.id], let start = play.actualStart else { return nil }
            return EvidenceRecord(
                date: start, unitID: station.$unit.id, indicator: .broadcasts, quantity: 1, itemID: nil, channel: .radio,
                source: "Truyền thanh", title: "\(play.bulletin?.title ?? "Bản tin") — \(station.name)")
        }
    }
}
