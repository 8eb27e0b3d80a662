import FluentKit
import Foundation
import LoaCore

/// Stations and their loudspeaker clusters: creation, device tokens and heartbeats (issue #11).
struct RadioStations: Sendable {
    let db: any Database
    let clients: Clients
    /// How often clusters are told to report; three missed intervals make a cluster offline.
    var heartbeatInterval: TimeInterval = RadioStations.defaultHeartbeatInterval

    static let defaultHeartbeatInterval: TimeInterval = 30

    struct NewStation: Sendable {
        var unitID: UUID
        var name: String
        var mount: String
        var parentID: UUID?
        var relaysParent: Bool
    }

    /// A mount is a path Icecast serves: "/" then lowercase letters, digits, "-" or "_", and ".mp3".
    static func mountProblem(_ mount: String) -> String? {
        let body = mount.dropFirst().dropLast(4)
        guard mount.hasPrefix("/"), mount.hasSuffix(".mp3"), !body.isEmpty, body.count <= 60,
            body.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
        else { return "Điểm phát (mount) phải có dạng /ten-dai.mp3, chỉ gồm chữ thường không dấu, chữ số, gạch ngang." }
        return nil
    }

    func create(_ input: NewStation, actor: (id: UUID?, email: String), ip: String) async throws -> RadioStationRecord {
        let station = RadioStationRecord(
            unitID: input.unitID, name: input.name, mount: input.mount, parentID: input.parentID, relaysParent: input.relaysParent)
        let clients = self.clients
        try await db.writeTransaction { db in
            try await station.create(on: db)
            try await AuditLog(db: db, clients: clients).record(
                .radioStationCreated, actor: actor, subject: "\(input.name) \(input.mount)", ip: ip)
        }
        return station
    }

    struct NewCluster: Sendable {
        var name: String
        var hamlet: String
        var latitude: Double?
        var longitude: Double?
    }

    /// Adds a cluster and returns its device token, which is stored only as a digest: shown once.
    func addCluster(_ input: NewCluster, to station: RadioStationRecord, actor: (id: UUID?, email: String), ip: String) async throws -> (
        cluster: LoudspeakerCluster, token: String
    ) {
        let token = "loa-" + clients.randomToken(24)
        let cluster = LoudspeakerCluster(
            stationID: try station.requireID(), name: input.name, hamlet: input.hamlet, latitude: input.latitude,
            longitude: input.longitude, tokenHash: TokenHash.sha256Hex(token))
        let clients = self.clients
        let stationName = station.name
        try await db.writeTransaction { db in
            try await cluster.create(on: db)
            try await AuditLog(db: db, clients: clients).record(
                .radioClusterAdded, actor: actor, subject: "\(stationName): \(input.name) (\(input.hamlet))", ip: ip)
        }
        return (cluster, token)
    }

    /// Stores a heartbeat for the cluster holding `token`; nil when no cluster has that token.
    func heartbeat(token: String, _ beat: ClusterHeartbeat) async throws -> LoudspeakerCluster? {
        guard !token.isEmpty, token.count <= 200,
            let cluster = try await LoudspeakerCluster.query(on: db).filter(\.$tokenHash == TokenHash.sha256Hex(token)).first()
        else { return nil }
        cluster.lastSeenAt = clients.now()
        cluster.volume = beat.volume
        cluster.isOn = beat.on
        cluster.currentItem = beat.currentItem.flatMap { $0.isEmpty ? nil : $0 }
        cluster.signal = beat.signal
        try await cluster.update(on: db)
        return cluster
    }

    func liveness(of cluster: LoudspeakerCluster) -> ClusterLiveness {
        ClusterLiveness.of(lastSeen: cluster.lastSeenAt, now: clients.now(), interval: heartbeatInterval)
    }

    /// How many of the station's clusters are offline (or never reported) now: the as-run log keeps it
    /// with every play, so a report can say who could not have heard it.
    func offlineCount(station: UUID) async throws -> Int {
        try await LoudspeakerCluster.query(on: db).filter(\.$station.$id == station).all().filter { liveness(of: $0) != .online }.count
    }

    /// Every station, as the playout decision reads them.
    static func world(on db: any Database) async throws -> [RadioStation] {
        try await RadioStationRecord.query(on: db).all().map(\.core)
    }
}
