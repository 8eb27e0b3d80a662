import FluentKit
import Foundation
import LoaCore

/// A radio station (đài truyền thanh) of a unit of any level; `parent` is the upper station it may relay.
/// Named apart from LoaCore's `RadioStation`, the value the playout decision reads.
final class RadioStationRecord: Model, @unchecked Sendable {
    static let schema = "radio_stations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: Unit
    @Field(key: "name") var name: String
    /// The Icecast mount the playout feeds, e.g. "/tan-thoi.mp3"; unique across stations.
    @Field(key: "mount") var mount: String
    @OptionalParent(key: "parent_id") var parent: RadioStationRecord?
    @Field(key: "relays_parent") var relaysParent: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(unitID: UUID, name: String, mount: String, parentID: UUID?, relaysParent: Bool) {
        self.$unit.id = unitID
        self.name = name
        self.mount = mount
        self.$parent.id = parentID
        self.relaysParent = relaysParent
    }

    /// The station as the playout decision sees it.
    var core: RadioStation {
        RadioStation(id: id?.uuidString ?? "", name: name, parentID: $parent.id?.uuidString, relaysParent: relaysParent)
    }
}

/// A loudspeaker cluster (cụm loa) in a hamlet, with the state its last heartbeat reported.
final class LoudspeakerCluster: Model, @unchecked Sendable {
    static let schema = "radio_clusters"

    @ID(key: .id) var id: UUID?
    @Parent(key: "station_id") var station: RadioStationRecord
    @Field(key: "name") var name: String
    /// The hamlet (ấp) it serves.
    @Field(key: "hamlet") var hamlet: String
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    /// SHA-256 of the device token; the token itself is shown once, when the cluster is added.
    @Field(key: "token_hash") var tokenHash: String
    @OptionalField(key: "last_seen_at") var lastSeenAt: Date?
    @OptionalField(key: "volume") var volume: Int?
    @OptionalField(key: "is_on") var isOn: Bool?
    @OptionalField(key: "current_item") var currentItem: String?
    @OptionalField(key: "signal") var signal: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(stationID: UUID, name: String, hamlet: String, latitude: Double?, longitude: Double?, tokenHash: String) {
        self.$station.id = stationID
        self.name = name
        self.hamlet = hamlet
        self.latitude = latitude
        self.longitude = longitude
        self.tokenHash = tokenHash
    }
}
