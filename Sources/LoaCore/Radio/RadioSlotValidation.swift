import Foundation

/// Why a new schedule slot is refused; `message` is shown to the editor.
public enum RadioSlotProblem: Error, Hashable, Sendable, CustomStringConvertible {
    case notLongEnough
    /// Its first airing is already over.
    case inThePast(firstAiring: Date)
    /// `dates` with no day: the slot would never air.
    case noDays
    /// It overlaps `otherSlot` on `station` at the same priority (the first clash found).
    case overlaps(otherSlotID: String, otherLabel: String, stationName: String, otherStart: Date, otherEnd: Date)

    public var message: String {
        switch self {
        case .notLongEnough:
            "Thời lượng phát phải lớn hơn 0 giây."
        case .inThePast(let first):
            "Không thể đặt lịch trong quá khứ: lần phát đầu tiên lúc \(VietnameseDate.dayTime(first)) đã qua."
        case .noDays:
            "Hãy chọn ít nhất một ngày phát."
        case .overlaps(_, let label, let station, let start, let end):
            "Lịch trùng giờ với \"\(label)\" trên \(station): \(VietnameseDate.dayTime(start))–\(Self.clock(end)), cùng mức ưu tiên."
        }
    }

    public var description: String { message }

    private static func clock(_ date: Date) -> String { String(VietnameseDate.dayTime(date).suffix(5)) }
}

extension RadioSchedule {
    /// Checks a new (or edited) slot before it is saved: a positive length, at least one day, a first
    /// airing not in the past, and no overlap with another slot on a common station at the same priority
    /// (slots of different priorities may overlap: the higher one wins on air). Slots with the same id
    /// as `slot` are ignored, so an edit is not compared with itself.
    public static func problem(with slot: RadioSlot, existing: [RadioSlot], stations: [RadioStation], now: Date) -> RadioSlotProblem? {
        guard slot.duration > 0 else { return .notLongEnough }
        if case .dates(let days) = slot.repeats, days.isEmpty { return .noDays }
        if let first = firstAiring(of: slot, notBefore: CalendarDay(now)), first < now {
            return .inThePast(firstAiring: first)
        }
        let tree = RadioStationTree(stations)
        let ownStations = Set(tree.stationIDs(for: slot.target))
        for other in existing where other.id != slot.id && other.priority == slot.priority {
            let shared = tree.stationIDs(for: other.target).filter(ownStations.contains)
            guard let station = shared.first, let (start, end) = firstClash(slot, other, from: CalendarDay(now)) else { continue }
            return .overlaps(
                otherSlotID: other.id, otherLabel: other.displayName,
                stationName: tree.stations[station]?.displayName ?? station, otherStart: start, otherEnd: end)
        }
        return nil
    }

    /// The first airing the slot declares: its first listed date, or its first day (nil when open-ended:
    /// a daily slot without a first day starts with its next airing, which is never in the past).
    static func firstAiring(of slot: RadioSlot, notBefore today: CalendarDay) -> Date? {
        switch slot.repeats {
        case .dates(let days):
            return days.min().map { slot.time.instant(on: $0) }
        case .daily, .weekdays:
            guard let startsOn = slot.startsOn else { return nil }
            var day = startsOn
            // The first day the rule allows (a weekday slot starting on a Saturday starts on Monday).
            for _ in 0..<7 where !slot.airs(on: day) { day = day.adding(days: 1) }
            return slot.time.instant(on: day)
        }
    }

    /// The other slot's first airing, from `today` on, that overlaps one of `slot`'s airings (either
    /// may run past midnight, so neighbouring days are compared too). Weekly rules repeat every 7 days,
    /// so 8 days from the later start decide for two repeating slots; listed dates are checked one by one.
    static func firstClash(_ slot: RadioSlot, _ other: RadioSlot, from today: CalendarDay) -> (Date, Date)? {
        var days: [CalendarDay]
        if case .dates(let listed) = slot.repeats {
            days = listed.sorted()
        } else if case .dates(let listed) = other.repeats {
            days = listed.sorted().flatMap { [$0.adding(days: -1), $0, $0.adding(days: 1)] }
        } else {
            let first = [today, slot.startsOn, other.startsOn].compactMap { $0 }.max()!
            days = (0..<8).map { first.adding(days: $0) }
        }
        for day in days where day >= today.adding(days: -1) && slot.airs(on: day) {
            let start = slot.time.instant(on: day)
            let end = start.addingTimeInterval(slot.duration)
            for otherDay in [day.adding(days: -1), day, day.adding(days: 1)] where other.airs(on: otherDay) {
                let otherStart = other.time.instant(on: otherDay)
                let otherEnd = otherStart.addingTimeInterval(other.duration)
                if otherStart < end && start < otherEnd { return (otherStart, otherEnd) }
            }
        }
        return nil
    }
}
