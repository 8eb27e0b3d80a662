import Foundation

/// Replays one station from the look-back horizon to the decision instant, event by event, so the
/// decision needs no stored state: the same inputs always give the same timeline.
struct RadioStationTimeline {
    /// A scheduled or manual item: it has a length, may start late (within grace) and may be resumed.
    struct Programme {
        var item: RadioItem
        var remaining: TimeInterval
        var started = false
        var finished = false
        /// When it was cut, while it waits to resume.
        var cutAt: Date?
        /// The latest instant it may still start.
        var deadline: Date { item.plannedStart.addingTimeInterval(grace) }
        /// The latest instant it may still resume: a bulletin cut by a long emergency is not worth
        /// finishing hours later.
        var resumeDeadline: Date? { cutAt?.addingTimeInterval(grace) }
        let grace: TimeInterval
    }

    /// An emergency or a relay: live during its window, never delayed or resumed later.
    struct LiveWindow {
        var item: RadioItem
        var relayedFrom: RadioStationID?
        var from: Date
        var to: Date
        /// Audio position at `from` (a relay joins the parent's item where the parent is).
        var positionAtFrom: TimeInterval
        var carried = false
    }

    /// A stretch of time during which the station carried one item, for its children to relay.
    struct Segment {
        var item: RadioItem
        var relayedFrom: RadioStationID?
        var from: Date
        var to: Date
        var positionAtFrom: TimeInterval
    }

    enum Current { case programme(Int, since: Date), live(Int) }

    let stationID: RadioStationID
    let settings: RadioPlayoutSettings
    let outages: [DateInterval]
    var programmes: [Programme]
    var lives: [LiveWindow]
    var current: Current?
    var events: [RadioPlayoutEvent] = []
    var segments: [Segment] = []
    var segmentStart: (Date, TimeInterval)?

    init(
        stationID: RadioStationID, programmes: [RadioItem], lives: [LiveWindow],
        outages: [DateInterval], settings: RadioPlayoutSettings
    ) {
        self.stationID = stationID
        self.settings = settings
        self.outages = outages
        self.programmes = programmes.map {
            Programme(item: $0, remaining: ($0.plannedEnd ?? $0.plannedStart).timeIntervalSince($0.plannedStart), grace: settings.grace)
        }.filter { $0.remaining > 0 }
        self.lives = lives.filter { $0.to > $0.from }
    }

    /// Runs every change up to and including `now`.
    mutating func run(until now: Date) {
        var points = Set<Date>([now])
        for programme in programmes { points.insert(programme.item.plannedStart); points.insert(programme.deadline) }
        for live in lives { points.insert(live.from); points.insert(live.to) }
        for outage in outages { points.insert(outage.start); points.insert(outage.end) }
        let ordered = points.filter { $0 <= now }.sorted()
        var index = 0
        var last = Date.distantPast
        while true {
            // Deadlines to resume are steps too, so a lapse is decided at its own instant whatever
            // instants the caller evaluates at (an event dated earlier than it is known would be lost).
            let resumeDeadline = programmes.compactMap { $0.finished ? nil : $0.resumeDeadline }.filter { $0 > last }.min()
            let next = [index < ordered.count ? ordered[index] : nil, currentCompletion(), resumeDeadline].compactMap { $0 }.min()
            guard let time = next, time <= now else { break }
            while index < ordered.count, ordered[index] <= time { index += 1 }
            finishCurrentIfOver(at: time)
            step(at: time)
            last = time
        }
    }

    private func currentCompletion() -> Date? {
        switch current {
        case .programme(let index, let since): since.addingTimeInterval(programmes[index].remaining)
        case .live(let index): lives[index].to
        case nil: nil
        }
    }

    private mutating func finishCurrentIfOver(at time: Date) {
        guard let end = currentCompletion(), end <= time, let current else { return }
        switch current {
        case .programme(let index, _):
            programmes[index].remaining = 0
            programmes[index].finished = true
            record(.completed, programmes[index].item, nil, at: end)
        case .live(let index):
            record(.completed, lives[index].item, lives[index].relayedFrom, at: end)
        }
        closeSegment(at: end)
        self.current = nil
    }

    private mutating func step(at time: Date) {
        defer { dropLapsed(at: time) }
        if outages.contains(where: { $0.start <= time && time < $0.end }) {
            if current != nil { cutCurrent(at: time, by: nil) }
            return
        }
        let best = bestCandidate(at: time)
        if let best, isCurrent(best) { return }
        if current != nil { cutCurrent(at: time, by: best.map(item(of:))) }
        guard let best else { return }
        switch best {
        case .programme(let index, _):
            record(programmes[index].started ? .resumed : .started, programmes[index].item, nil, at: time)
            programmes[index].started = true
            programmes[index].cutAt = nil
            let duration = (programmes[index].item.plannedEnd ?? time).timeIntervalSince(programmes[index].item.plannedStart)
            segmentStart = (time, duration - programmes[index].remaining)
            current = .programme(index, since: time)
        case .live(let index):
            record(lives[index].carried ? .resumed : .started, lives[index].item, lives[index].relayedFrom, at: time)
            lives[index].carried = true
            segmentStart = (time, lives[index].positionAtFrom + time.timeIntervalSince(lives[index].from))
            current = .live(index)
        }
    }

    /// Items that did not get the station by their last chance at `time`: a due item is missed, a cut one
    /// is dropped. Every deadline is a step, so this happens exactly at the deadline.
    private mutating func dropLapsed(at time: Date) {
        for index in programmes.indices where !programmes[index].finished && !isCurrent(.programme(index, since: time)) {
            if !programmes[index].started, programmes[index].deadline <= time {
                programmes[index].finished = true
                record(.missed, programmes[index].item, nil, at: time)
            } else if let resumeDeadline = programmes[index].resumeDeadline, resumeDeadline <= time {
                programmes[index].finished = true
                record(.skipped, programmes[index].item, nil, at: time)
            }
        }
    }

    /// Stops the current item at `time` because `by` wins (or Loa is down).
    private mutating func cutCurrent(at time: Date, by winner: RadioItem?) {
        guard let current else { return }
        switch current {
        case .programme(let index, let since):
            programmes[index].remaining -= time.timeIntervalSince(since)
            record(.interrupted, programmes[index].item, nil, at: time, by: winner)
            if settings.resume == .skip {
                programmes[index].finished = true
                record(.skipped, programmes[index].item, nil, at: time, by: winner)
            } else {
                programmes[index].cutAt = time
            }
        case .live(let index):
            record(.interrupted, lives[index].item, lives[index].relayedFrom, at: time, by: winner)
        }
        closeSegment(at: time)
        self.current = nil
    }

    private mutating func record(
        _ kind: RadioPlayoutEvent.Kind, _ item: RadioItem, _ relayedFrom: RadioStationID?,
        at time: Date, by: RadioItem? = nil
    ) {
        events.append(RadioPlayoutEvent(stationID: stationID, kind: kind, item: item, relayedFrom: relayedFrom, at: time, by: by))
    }

    private mutating func closeSegment(at time: Date) {
        guard let (from, position) = segmentStart, let current else { return }
        segments.append(Segment(item: item(of: current), relayedFrom: relayedFrom(current), from: from, to: time, positionAtFrom: position))
        segmentStart = nil
    }
}
