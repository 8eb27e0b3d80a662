import Foundation

/// The heart of the radio scheduler: what every station plays at an instant, decided from the plan alone.
///
/// Rules (docs/decisions/0017-radio-playout-rules.md):
/// 1. A station carries at most one item at a time.
/// 2. Only approved bulletins air; the rest are ignored as if they were not planned.
/// 3. A higher priority always wins: an item of higher priority takes the station at once and the item
///    it cuts is *interrupted*.
/// 4. Ties at the same priority are broken, in this order, by: the station's own item before a relayed
///    one; the item already on air (an equal item never cuts another); the earlier planned start;
///    origin emergency > manual > schedule; the smaller item id.
/// 5. An interrupted scheduled or manual item is resumed from where it stopped once nothing better is
///    due (`ResumePolicy.resume`, its end moving later) if that is within `settings.grace` of the cut,
///    or else dropped; under `.skip` it is dropped at once. A dropped item is logged as skipped.
/// 6. A scheduled or manual item that cannot start at its planned time (the station is busy with an
///    item that ranks higher, or Loa was down: `outages`) may start up to `settings.grace` late; after
///    that it is *missed*.
/// 7. Emergencies are live: they air during their window on the stations of their set only, never
///    delayed and never relayed to other stations.
/// 8. A station with `relaysParent` carries what its parent carries — at the parent's priority, from
///    the parent's audio position — whenever that beats what the station has of its own by rules 3–4:
///    so a commune relays the district's bulletin when it has nothing of its own at that priority or
///    higher, and its own item of the same priority keeps the station.
public enum RadioPlayout {
    /// What every station plays at `now`.
    /// - lastEvaluated: the previous decision instant; events in (lastEvaluated, now] are reported (all
    ///   of them after a restart). nil reports only the events at `now`.
    /// - outages: periods when Loa did not play (after a restart, the App records
    ///   (last evaluated instant, restart instant) and keeps passing it while it is within the look-back):
    ///   items cut by an outage are interrupted, items due during it start late within grace or are missed.
    public static func decide(
        _ world: RadioWorld, at now: Date, lastEvaluated: Date? = nil,
        outages: [DateInterval] = [], settings: RadioPlayoutSettings = .init()
    ) -> RadioPlayoutDecision {
        let tree = RadioStationTree(world.stations)
        let horizon = now.addingTimeInterval(-settings.lookback)
        let due = dueProgrammes(world, tree: tree, from: horizon, to: now)
        var segmentsByStation: [RadioStationID: [RadioStationTimeline.Segment]] = [:]
        var result: [RadioStationID: RadioStationPlayout] = [:]

        for stationID in tree.topDown {
            var lives = emergencyWindows(world, for: stationID, horizon: horizon, now: now)
            if tree.stations[stationID]?.relaysParent == true, let parent = tree.parent[stationID] {
                lives += relayWindows(of: segmentsByStation[parent] ?? [], parent: parent)
            }
            var timeline = RadioStationTimeline(
                stationID: stationID, programmes: due[stationID] ?? [], lives: lives,
                outages: outages, settings: settings)
            timeline.run(until: now)
            let (playout, segments) = summary(of: timeline, now: now, lastEvaluated: lastEvaluated)
            segmentsByStation[stationID] = segments
            result[stationID] = playout
        }
        return RadioPlayoutDecision(now: now, stations: result)
    }

    /// Approved scheduled and manual items per station with a planned start in [from, to].
    static func dueProgrammes(_ world: RadioWorld, tree: RadioStationTree, from: Date, to: Date) -> [RadioStationID: [RadioItem]] {
        var due: [RadioStationID: [RadioItem]] = [:]
        let slots = world.slots.filter { world.approvedBulletins.contains($0.bulletinID) }
        for occurrence in RadioSchedule.occurrences(
            of: slots, stations: world.stations,
            from: CalendarDay(from), through: CalendarDay(to))
        where occurrence.item.plannedStart >= from && occurrence.item.plannedStart <= to {
            due[occurrence.stationID, default: []].append(occurrence.item)
        }
        for play in world.manualPlays
        where world.approvedBulletins.contains(play.bulletinID)
            && play.start >= from && play.start <= to
        {
            let item = RadioItem(
                id: "manual:\(play.id)", sourceID: play.id, bulletinID: play.bulletinID, priority: play.priority,
                origin: .manual, plannedStart: play.start, plannedEnd: play.start.addingTimeInterval(play.duration))
            for station in tree.stationIDs(for: play.target) { due[station, default: []].append(item) }
        }
        return due
    }

    static func emergencyWindows(_ world: RadioWorld, for stationID: RadioStationID, horizon: Date, now: Date) -> [RadioStationTimeline.LiveWindow] {
        world.emergencies.filter { emergency in
            emergency.stationIDs.contains(stationID) && world.approvedBulletins.contains(emergency.bulletinID)
                && emergency.start <= now && (emergency.end ?? .distantFuture) > horizon
        }.map { emergency in
            let item = RadioItem(
                id: "emergency:\(emergency.id)", sourceID: emergency.id, bulletinID: emergency.bulletinID,
                priority: .emergency, origin: .emergency, plannedStart: emergency.start, plannedEnd: emergency.end)
            return .init(item: item, relayedFrom: nil, from: emergency.start, to: emergency.end ?? .distantFuture, positionAtFrom: 0)
        }
    }

    /// The parent's airings as live windows for a child; emergencies stay within their own station set.
    static func relayWindows(of segments: [RadioStationTimeline.Segment], parent: RadioStationID) -> [RadioStationTimeline.LiveWindow] {
        segments.filter { $0.item.origin != .emergency }.map { segment in
            .init(
                item: segment.item, relayedFrom: segment.relayedFrom ?? parent, from: segment.from, to: segment.to,
                positionAtFrom: segment.positionAtFrom)
        }
    }

    private static func summary(of timeline: RadioStationTimeline, now: Date, lastEvaluated: Date?)
        -> (RadioStationPlayout, [RadioStationTimeline.Segment])
    {
        var segments = timeline.segments
        var current: RadioPlay?
        if let on = timeline.current, let (since, position) = timeline.segmentStart {
            let item = timeline.item(of: on)
            let expectedEnd: Date?
            switch on {
            case .programme(let index, let started):
                expectedEnd = started.addingTimeInterval(timeline.programmes[index].remaining)
            case .live(let index):
                let end = timeline.lives[index].to
                expectedEnd = end == .distantFuture ? nil : end
            }
            let relayedFrom = timeline.relayedFrom(on)
            // Rounded to the millisecond: Date arithmetic in Double leaves noise far below what audio seeks to.
            let exactPosition = position + now.timeIntervalSince(since)
            current = RadioPlay(
                item: item, relayedFrom: relayedFrom, since: since,
                position: (exactPosition * 1000).rounded() / 1000, expectedEnd: expectedEnd)
            segments.append(
                .init(
                    item: item, relayedFrom: relayedFrom, from: since, to: expectedEnd ?? .distantFuture,
                    positionAtFrom: position))
        }
        let waiting = timeline.candidates(at: now).filter { !timeline.isCurrent($0) && timeline.relayedFrom($0) == nil }
            .map { timeline.item(of: $0) }
        // Stable sort, so events of one instant keep the order they happened in.
        let events = timeline.events.enumerated().filter { _, event in
            if let lastEvaluated { return event.at > lastEvaluated && event.at <= now }
            return event.at == now
        }.sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        return (RadioStationPlayout(stationID: timeline.stationID, current: current, waiting: waiting, events: events), segments)
    }
}
