import Foundation

/// One planned airing: a slot's occurrence on a day, a manual play, or an emergency broadcast.
public struct RadioItem: Hashable, Sendable {
    /// Unique across origins and days: "schedule:<slot id>@<yyyy-MM-dd>", "manual:<id>", "emergency:<id>".
    /// The as-run log keys on it, so after a restart nothing is logged or played twice.
    public var id: String
    /// The slot, manual play or emergency it comes from.
    public var sourceID: String
    public var bulletinID: RadioBulletinID
    public var priority: RadioPriority
    public var origin: RadioOrigin
    public var plannedStart: Date
    /// nil for an emergency that runs until someone ends it.
    public var plannedEnd: Date?

    public init(
        id: String, sourceID: String, bulletinID: RadioBulletinID, priority: RadioPriority,
        origin: RadioOrigin, plannedStart: Date, plannedEnd: Date?
    ) {
        self.id = id
        self.sourceID = sourceID
        self.bulletinID = bulletinID
        self.priority = priority
        self.origin = origin
        self.plannedStart = plannedStart
        self.plannedEnd = plannedEnd
    }
}

/// What to do with an item cut by a higher-priority one (or by Loa being down) once the cut is over.
public enum ResumePolicy: Sendable, Hashable {
    /// Carry on from where it stopped, its end moving later by the length of the cut, provided the cut
    /// lasted at most `RadioPlayoutSettings.grace`; after that the rest is dropped (logged as skipped).
    case resume
    /// Drop the rest; the as-run log records it as interrupted.
    case skip
}

public struct RadioPlayoutSettings: Sendable, Hashable {
    public var resume: ResumePolicy
    /// How late a scheduled or manual item may still start (behind another item, or after Loa was
    /// down) — later than that it is missed — and how long an interrupted one may wait to resume.
    public var grace: TimeInterval
    /// How far back items are looked at; older ones no longer influence what plays now.
    public var lookback: TimeInterval

    public init(resume: ResumePolicy = .resume, grace: TimeInterval = 15 * 60, lookback: TimeInterval = 24 * 3600) {
        self.resume = resume
        self.grace = grace
        self.lookback = lookback
    }
}

/// What a station carries at the decision instant.
public struct RadioPlay: Hashable, Sendable {
    public var item: RadioItem
    /// The station the item is relayed from (where it is scheduled), nil when it is the station's own.
    public var relayedFrom: RadioStationID?
    /// When the station last began carrying it (its start, or its resumption).
    public var since: Date
    /// Seconds of the item's audio already played: where the stream should be at the decision instant.
    public var position: TimeInterval
    /// When it ends if nothing interrupts it; nil for an open-ended emergency.
    public var expectedEnd: Date?
}

/// Something that happened on a station, for the as-run log.
public struct RadioPlayoutEvent: Hashable, Sendable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Began airing (late by `at - item.plannedStart` when the station was busy or Loa was down).
        case started
        /// Came back after an interruption (`ResumePolicy.resume`).
        case resumed
        /// Cut by `by` (nil: Loa was down); under `.resume` it waits to come back.
        case interrupted
        /// Dropped after a cut (`ResumePolicy.skip`, or a cut longer than the grace period); it will not come back.
        case skipped
        /// Played to its end.
        case completed
        /// Could not start within the grace period.
        case missed
    }

    public var stationID: RadioStationID
    public var kind: Kind
    public var item: RadioItem
    public var relayedFrom: RadioStationID?
    public var at: Date
    /// The item that caused an interruption, when there is one.
    public var by: RadioItem?
}

/// The decision for one station.
public struct RadioStationPlayout: Hashable, Sendable {
    public var stationID: RadioStationID
    /// nil: silence (the stream falls back to the mount's fallback).
    public var current: RadioPlay?
    /// Own items that could air now but lose to `current`: interrupted ones waiting to resume and items
    /// due that have not started yet (within their grace period).
    public var waiting: [RadioItem]
    /// What happened on the station in the reported window, in time order.
    public var events: [RadioPlayoutEvent]
}

/// The decision for every station at one instant.
public struct RadioPlayoutDecision: Hashable, Sendable {
    public var now: Date
    public var stations: [RadioStationID: RadioStationPlayout]

    public subscript(stationID: RadioStationID) -> RadioStationPlayout? { stations[stationID] }
}
