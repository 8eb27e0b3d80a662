import Foundation

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
            let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
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
