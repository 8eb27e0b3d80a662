import Foundation

/// Identifiers chosen by the caller (the App passes its database ids as text).
public typealias RadioStationID = String
public typealias RadioBulletinID = String

/// The three levels of the commune radio, in increasing order: a higher level always wins a station.
public enum RadioPriority: Int, Comparable, CaseIterable, Sendable, Codable {
    /// The station's ordinary schedule.
    case normal
    /// Goes before ordinary items (e.g. an urgent notice of the commune).
    case priority
    /// Storm, flood, fire, epidemic: interrupts at once across a whole area.
    case emergency

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var vietnameseName: String {
        switch self {
        case .normal: "Thường"
        case .priority: "Ưu tiên"
        case .emergency: "Khẩn cấp"
        }
    }
}

/// Where an item comes from. The raw value is the tie-break rank: emergency > manual > schedule.
/// A relayed item keeps its own origin; `RadioPlay.relayedFrom` tells that it came from above.
public enum RadioOrigin: Int, Comparable, CaseIterable, Sendable, Codable {
    case schedule, manual, emergency

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A radio station (đài truyền thanh). `parentID` is the upper station it may relay.
public struct RadioStation: Hashable, Sendable {
    public var id: RadioStationID
    public var name: String
    public var parentID: RadioStationID?
    /// Whether the station carries its parent's items when it has nothing of its own at that priority.
    public var relaysParent: Bool

    public init(id: RadioStationID, name: String = "", parentID: RadioStationID? = nil, relaysParent: Bool = true) {
        self.id = id
        self.name = name
        self.parentID = parentID
        self.relaysParent = relaysParent
    }

    var displayName: String { name.isEmpty ? id : name }
}

/// The stations a slot or a manual play is for.
public enum RadioTarget: Hashable, Sendable {
    case station(RadioStationID)
    /// A station and every station below it, minus `except` (local changes: a commune that keeps its own
    /// programme at that hour).
    case subtree(root: RadioStationID, except: Set<RadioStationID> = [])
}

/// A bulletin started by hand on some stations ("Phát ngay"), or planned once at a given instant.
public struct RadioManualPlay: Hashable, Sendable {
    public var id: String
    public var target: RadioTarget
    public var bulletinID: RadioBulletinID
    public var priority: RadioPriority
    public var start: Date
    public var duration: TimeInterval

    public init(
        id: String, target: RadioTarget, bulletinID: RadioBulletinID, priority: RadioPriority = .priority,
        start: Date, duration: TimeInterval
    ) {
        self.id = id
        self.target = target
        self.bulletinID = bulletinID
        self.priority = priority
        self.start = start
        self.duration = duration
    }
}

/// An emergency broadcast for a unit's subtree, given as the set of its stations (the App resolves
/// the unit tree). It airs, repeated, from `start` until `end` (nil: until someone ends it).
public struct RadioEmergency: Hashable, Sendable {
    public var id: String
    public var stationIDs: Set<RadioStationID>
    public var bulletinID: RadioBulletinID
    public var start: Date
    public var end: Date?

    public init(id: String, stationIDs: Set<RadioStationID>, bulletinID: RadioBulletinID, start: Date, end: Date? = nil) {
        self.id = id
        self.stationIDs = stationIDs
        self.bulletinID = bulletinID
        self.start = start
        self.end = end
    }
}

/// Everything the playout decision reads: stations, what is planned, and which bulletins are approved.
public struct RadioWorld: Sendable {
    public var stations: [RadioStation]
    public var slots: [RadioSlot]
    public var manualPlays: [RadioManualPlay]
    public var emergencies: [RadioEmergency]
    /// Only approved bulletins air; anything else is ignored as if it were not planned.
    public var approvedBulletins: Set<RadioBulletinID>

    public init(
        stations: [RadioStation], slots: [RadioSlot] = [], manualPlays: [RadioManualPlay] = [],
        emergencies: [RadioEmergency] = [], approvedBulletins: Set<RadioBulletinID>
    ) {
        self.stations = stations
        self.slots = slots
        self.manualPlays = manualPlays
        self.emergencies = emergencies
        self.approvedBulletins = approvedBulletins
    }
}
