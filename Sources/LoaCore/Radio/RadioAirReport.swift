import Foundation

/// What a station aired in a period, counted from its as-run log: the report the Culture-Sports-
/// Broadcasting Center sends up each month and quarter (issue #11).
public enum RadioAirReport {
    public enum Result: String, Sendable {
        case playing, completed, interrupted, failed, missed
    }

    /// One row of the as-run log.
    public struct Play: Sendable {
        public var stationID: String
        public var bulletinID: String?
        public var priority: Int
        public var result: Result
        public var actualStart: Date?
        public var actualEnd: Date?

        public init(stationID: String, bulletinID: String?, priority: Int, result: Result, actualStart: Date?, actualEnd: Date?) {
            self.stationID = stationID
            self.bulletinID = bulletinID
            self.priority = priority
            self.result = result
            self.actualStart = actualStart
            self.actualEnd = actualEnd
        }
    }

    public struct Totals: Sendable, Equatable {
        /// Plays that went on air (completed, interrupted or still playing).
        public var aired = 0
        public var completed = 0
        public var interrupted = 0
        public var missed = 0
        public var failed = 0
        /// Plays of emergency priority that went on air.
        public var emergencies = 0
        /// Different bulletins that went on air.
        public var bulletins = 0
        /// Seconds on air: from actual start to actual end of each aired play that has both.
        public var secondsOnAir: Double = 0

        public init() {}

        /// Whole minutes, rounded to the nearest, as reports give them.
        public var minutesOnAir: Int { Int((secondsOnAir / 60).rounded()) }
    }

    /// Totals per station id; a station without plays is absent. A play whose end is before its start
    /// (a clock step) counts as aired for no time.
    public static func totals(_ plays: [Play]) -> [String: Totals] {
        var totals: [String: Totals] = [:]
        var bulletins: [String: Set<String>] = [:]
        for play in plays {
            var row = totals[play.stationID] ?? Totals()
            switch play.result {
            case .completed: row.completed += 1
            case .interrupted: row.interrupted += 1
            case .missed: row.missed += 1
            case .failed: row.failed += 1
            case .playing: break
            }
            let onAir = play.result == .completed || play.result == .interrupted || play.result == .playing
            if onAir {
                row.aired += 1
                if play.priority >= RadioPriority.emergency.rawValue { row.emergencies += 1 }
                if let bulletin = play.bulletinID { bulletins[play.stationID, default: []].insert(bulletin) }
                if let start = play.actualStart, let end = play.actualEnd { row.secondsOnAir += max(0, end.timeIntervalSince(start)) }
            }
            totals[play.stationID] = row
        }
        for (station, set) in bulletins { totals[station]?.bulletins = set.count }
        return totals
    }
}
