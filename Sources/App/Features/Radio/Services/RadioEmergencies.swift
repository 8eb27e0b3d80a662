import FluentKit
import Foundation
import LoaCore

/// The one emergency action (issue #11): an approver or administrator of a unit puts an approved
/// emergency bulletin on every station of the unit's subtree, at once and on none outside it, until
/// someone ends it. The playout reads the open emergencies on its next tick (every 2 s).
struct RadioEmergencies: Sendable {
    let db: any Database
    let clients: Clients

    enum Refusal: Error, Equatable, CustomStringConvertible {
        case notEmergency, notApproved, alreadyEnded

        var description: String {
            switch self {
            case .notEmergency: "Chỉ bản tin đánh dấu khẩn cấp mới phát khẩn cấp được."
            case .notApproved: "Bản tin khẩn cấp phải được duyệt và có âm thanh trước khi phát."
            case .alreadyEnded: "Tin khẩn cấp này đã kết thúc."
            }
        }
    }

    func start(_ bulletin: RadioBulletinRecord, unitID: UUID, actor: (id: UUID?, email: String), ip: String) async throws -> RadioEmergencyRecord {
        guard bulletin.isEmergency else { throw Refusal.notEmergency }
        guard bulletin.bulletinState.mayAir, bulletin.audioFile != nil else { throw Refusal.notApproved }
        let emergency = RadioEmergencyRecord()
        emergency.$unit.id = unitID
        emergency.$bulletin.id = try bulletin.requireID()
        emergency.startedAt = clients.now()
        emergency.startedBy = actor.id
        let clients = self.clients
        let title = bulletin.title
        try await db.writeTransaction { db in
            try await emergency.create(on: db)
            try await AuditLog(db: db, clients: clients).record(.radioEmergencyStarted, actor: actor, subject: title, ip: ip)
        }
        return emergency
    }

    func end(_ emergency: RadioEmergencyRecord, actor: (id: UUID?, email: String), ip: String) async throws {
        guard emergency.endedAt == nil else { throw Refusal.alreadyEnded }
        let clients = self.clients
        try await db.writeTransaction { db in
            emergency.endedAt = clients.now()
            try await emergency.update(on: db)
            try await AuditLog(db: db, clients: clients).record(.radioEmergencyEnded, actor: actor, subject: emergency.id?.uuidString ?? "", ip: ip)
        }
    }

    /// Emergencies still within the playout's look-back, each with the stations of its unit's subtree.
    static func world(on db: any Database, now: Date, lookback: TimeInterval) async throws -> [RadioEmergency] {
        let recent = try await RadioEmergencyRecord.query(on: db).group(.or) { group in
            group.filter(\.$endedAt == nil).filter(\.$endedAt >= now.addingTimeInterval(-lookback))
        }.all()
        guard !recent.isEmpty else { return [] }
        let tree = try await UnitTree.load(on: db)
        let stations = try await RadioStationRecord.query(on: db).all()
        return recent.compactMap { emergency in
            guard let id = emergency.id else { return nil }
            let units = tree.subtree(of: emergency.$unit.id)
            return RadioEmergency(
                id: id.uuidString, stationIDs: Set(stations.filter { units.contains($0.$unit.id) }.compactMap { $0.id?.uuidString }),
                bulletinID: emergency.$bulletin.id.uuidString, start: emergency.startedAt, end: emergency.endedAt)
        }
    }
}
