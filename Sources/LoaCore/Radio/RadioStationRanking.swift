import Foundation

/// Which item a station prefers among those that could air: the tie rule of `RadioPlayout`.
extension RadioStationTimeline {
    /// Candidates at `time`, best first by the tie rule (see `RadioPlayout`).
    func candidates(at time: Date) -> [Current] {
        var result: [Current] = []
        for (index, programme) in programmes.enumerated()
        where !programme.finished
            && (programme.started
                ? time <= (programme.resumeDeadline ?? time)
                : programme.item.plannedStart <= time && time <= programme.deadline)
        {
            result.append(.programme(index, since: time))
        }
        for (index, live) in lives.enumerated() where live.from <= time && time < live.to {
            result.append(.live(index))
        }
        return result.sorted { rank($0) > rank($1) }
    }

    func bestCandidate(at time: Date) -> Current? { candidates(at: time).first }

    /// The tie rule as a comparable key: priority, own before relayed, the item already on air,
    /// earlier planned start, origin (emergency > manual > schedule), then the smaller item id.
    func rank(_ candidate: Current) -> RadioRank {
        let item = item(of: candidate)
        return RadioRank(
            priority: item.priority, own: relayedFrom(candidate) == nil, onAir: isCurrent(candidate),
            plannedStart: item.plannedStart, origin: item.origin, itemID: item.id)
    }

    func item(of candidate: Current) -> RadioItem {
        switch candidate {
        case .programme(let index, _): programmes[index].item
        case .live(let index): lives[index].item
        }
    }

    func relayedFrom(_ candidate: Current) -> RadioStationID? {
        if case .live(let index) = candidate { return lives[index].relayedFrom }
        return nil
    }

    func isCurrent(_ candidate: Current) -> Bool {
        switch (candidate, current) {
        case (.programme(let a, _), .programme(let b, _)): a == b
        case (.live(let a), .live(let b)): a == b
        default: false
        }
    }
}

/// The tie rule's key; a greater key wins the station.
struct RadioRank: Comparable {
    var priority: RadioPriority
    var own: Bool
    var onAir: Bool
    var plannedStart: Date
    var origin: RadioOrigin
    var itemID: String

    static func < (a: Self, b: Self) -> Bool {
        if a.priority != b.priority { return a.priority < b.priority }
        if a.own != b.own { return !a.own }
        if a.onAir != b.onAir { return !a.onAir }
        if a.plannedStart != b.plannedStart { return a.plannedStart > b.plannedStart }
        if a.origin != b.origin { return a.origin < b.origin }
        return a.itemID > b.itemID
    }
}
