import Foundation

/// A slot's airing on one station on one day, for the "week of schedules" page.
public struct RadioOccurrence: Hashable, Sendable {
    public var slotID: String
    public var stationID: RadioStationID
    public var day: CalendarDay
    public var item: RadioItem
}

/// Schedules turned into concrete airings.
public enum RadioSchedule {
    /// Every airing of `slots` on `stations` on the days `from` through `through` (inclusive), sorted by
    /// start, then station, then slot. Subtree slots are expanded to each of their stations.
    public static func occurrences(
        of slots: [RadioSlot], stations: [RadioStation],
        from: CalendarDay, through: CalendarDay
    ) -> [RadioOccurrence] {
        let tree = RadioStationTree(stations)
        var result: [RadioOccurrence] = []
        var day = from
        while day <= through {
            for slot in slots where slot.airs(on: day) {
                let item = item(of: slot, on: day)
                for station in tree.stationIDs(for: slot.target) {
                    result.append(RadioOccurrence(slotID: slot.id, stationID: station, day: day, item: item))
                }
            }
            day = day.adding(days: 1)
        }
        return result.sorted { ($0.item.plannedStart, $0.stationID, $0.slotID) < ($1.item.plannedStart, $1.stationID, $1.slotID) }
    }

    static func item(of slot: RadioSlot, on day: CalendarDay) -> RadioItem {
        let start = slot.time.instant(on: day)
        return RadioItem(
            id: "schedule:\(slot.id)@\(day.iso)", sourceID: slot.id, bulletinID: slot.bulletinID,
            priority: slot.priority, origin: .schedule, plannedStart: start,
            plannedEnd: start.addingTimeInterval(slot.duration))
    }
}
