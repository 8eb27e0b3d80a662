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

/// On which days a slot airs. Days are Vietnamese calendar days.
public enum RadioRepeat: Hashable, Sendable {
    case daily
    /// Monday to Friday.
    case weekdays
    case dates(Set<CalendarDay>)
}

/// A time of day in Asia/Ho_Chi_Minh, to the minute.
public struct RadioTimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// "05:30"
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, (1...2).contains(parts[0].count),
              let hour = Int(parts[0]), let minute = Int(parts[1]) else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public var secondsFromMidnight: Int { hour * 3600 + minute * 60 }
    public var description: String { String(format: "%02d:%02d", hour, minute) }
    public static func < (a: Self, b: Self) -> Bool { a.secondsFromMidnight < b.secondsFromMidnight }

    /// The instant this time falls on `day` in Vietnam (Vietnam keeps no daylight saving time).
    public func instant(on day: CalendarDay) -> Date {
        (day.date ?? Date(timeIntervalSince1970: 0)).addingTimeInterval(TimeInterval(secondsFromMidnight))
    }
}

/// A recurring schedule slot: a bulletin aired at a time of day on the days of `repeats`.
public struct RadioSlot: Hashable, Sendable {
    public var id: String
    /// How people call the slot ("Bản tin sáng"), used in messages; the id when empty.
    public var label: String
    public var target: RadioTarget
    public var time: RadioTimeOfDay
    public var repeats: RadioRepeat
    /// First and last day the slot runs (inclusive); nil means unbounded.
    public var startsOn: CalendarDay?
    public var endsOn: CalendarDay?
    public var duration: TimeInterval
    public var bulletinID: RadioBulletinID
    public var priority: RadioPriority

    public init(
        id: String, label: String = "", target: RadioTarget, time: RadioTimeOfDay, repeats: RadioRepeat,
        startsOn: CalendarDay? = nil, endsOn: CalendarDay? = nil, duration: TimeInterval,
        bulletinID: RadioBulletinID, priority: RadioPriority = .normal
    ) {
        self.id = id
        self.label = label
        self.target = target
        self.time = time
        self.repeats = repeats
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.duration = duration
        self.bulletinID = bulletinID
        self.priority = priority
    }

    var displayName: String { label.isEmpty ? id : label }

    /// Whether the slot airs on `day` (its repeat rule and its first and last day).
    public func airs(on day: CalendarDay) -> Bool {
        if let startsOn, day < startsOn { return false }
        if let endsOn, endsOn < day { return false }
        switch repeats {
        case .daily: return true
        case .weekdays: return (2...6).contains(day.weekday)
        case .dates(let days): return days.contains(day)
        }
    }
}

/// A bulletin started by hand on some stations ("Phát ngay"), or planned once at a given instant.
public struct RadioManualPlay: Hashable, Sendable {
    public var id: String
    public var target: RadioTarget
    public var bulletinID: RadioBulletinID
    public var priority: RadioPriority
    public var start: Date
    public var duration: TimeInterval

    public init(id: String, target: RadioTarget, bulletinID: RadioBulletinID, priority: RadioPriority = .priority,
                start: Date, duration: TimeInterval) {
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

    public init(stations: [RadioStation], slots: [RadioSlot] = [], manualPlays: [RadioManualPlay] = [],
                emergencies: [RadioEmergency] = [], approvedBulletins: Set<RadioBulletinID>) {
        self.stations = stations
        self.slots = slots
        self.manualPlays = manualPlays
        self.emergencies = emergencies
        self.approvedBulletins = approvedBulletins
    }
}
