import Foundation
import Testing

@testable import LoaCore

/// Properties of the playout decision over hundreds of random worlds (seeded, so every run replays the
/// same worlds): a small station tree, overlapping slots, manual plays and emergencies of random
/// priorities on one busy morning, some bulletins unapproved, sometimes an outage.
@Suite struct RadioPlayoutPropertyTests {
    typealias W = RadioTestWorld

    struct Case {
        var world: RadioWorld
        var outages: [DateInterval]
        var settings: RadioPlayoutSettings
        var now: Date
    }

    static func randomCase(_ random: inout SeededRandom) -> Case {
        var stations = [RadioStation(id: "S0")]
        for index in 1..<Int.random(in: 2...7, using: &random) {
            stations.append(
                RadioStation(
                    id: "S\(index)", parentID: "S\(Int.random(in: 0..<index, using: &random))",
                    relaysParent: Bool.random(using: &random)))
        }
        let ids = stations.map(\.id)
        func target() -> RadioTarget {
            let root = ids.randomElement(using: &random)!
            return Bool.random(using: &random)
                ? .station(root)
                : .subtree(root: root, except: Bool.random(using: &random) ? [ids.randomElement(using: &random)!] : [])
        }
        func minute() -> Date { W.at(5, 0).addingTimeInterval(Double(Int.random(in: 0...120, using: &random)) * 60) }
        let priorities = RadioPriority.allCases
        let slots = (0..<Int.random(in: 0...6, using: &random)).map { index in
            W.slot(
                "s\(index)", target(), 5, Int.random(in: 0...59, using: &random), minutes: Double(Int.random(in: 1...40, using: &random)),
                priority: [.normal, .priority].randomElement(using: &random)!, bulletin: "b\(Int.random(in: 0...5, using: &random))")
        }
        let manual = (0..<Int.random(in: 0...3, using: &random)).map { index in
            RadioManualPlay(
                id: "m\(index)", target: target(), bulletinID: "b\(Int.random(in: 0...5, using: &random))",
                priority: priorities.randomElement(using: &random)!, start: minute(),
                duration: Double(Int.random(in: 1...30, using: &random)) * 60)
        }
        let emergencies = (0..<Int.random(in: 0...2, using: &random)).map { index in
            let start = minute()
            return RadioEmergency(
                id: "e\(index)", stationIDs: Set(ids.filter { _ in Bool.random(using: &random) }),
                bulletinID: "b\(Int.random(in: 0...5, using: &random))", start: start,
                end: Bool.random(using: &random) ? start.addingTimeInterval(Double(Int.random(in: 1...40, using: &random)) * 60) : nil)
        }
        let approved = Set((0...5).map { "b\($0)" }.filter { _ in Int.random(in: 0..<5, using: &random) > 0 })
        let outages =
            Int.random(in: 0..<4, using: &random) == 0
            ? [DateInterval(start: minute(), duration: Double(Int.random(in: 1...30, using: &random)) * 60)] : []
        let settings = RadioPlayoutSettings(
            resume: Bool.random(using: &random) ? .resume : .skip,
            grace: Double(Int.random(in: 0...20, using: &random)) * 60)
        let now = W.at(5, 0).addingTimeInterval(Double(Int.random(in: 0...(150 * 60), using: &random)))
        return Case(
            world: RadioWorld(
                stations: stations, slots: slots, manualPlays: manual, emergencies: emergencies,
                approvedBulletins: approved), outages: outages, settings: settings, now: now)
    }

    static func decide(_ c: Case, at now: Date? = nil) -> RadioPlayoutDecision {
        RadioPlayout.decide(c.world, at: now ?? c.now, lastEvaluated: W.at(0, 0), outages: c.outages, settings: c.settings)
    }

    static let cases: [Case] = {
        var random = SeededRandom(seed: 0x10A_4AD10)
        return (0..<400).map { _ in randomCase(&random) }
    }()

    /// Replaying the as-run events never finds two items on air at once, and ends on what `current` says.
    @Test func aStationCarriesAtMostOneItemAtATime() {
        for c in Self.cases {
            for (station, playout) in Self.decide(c).stations {
                var onAir: String?
                for event in playout.events {
                    let key = event.item.id + "|" + (event.relayedFrom ?? "")
                    switch event.kind {
                    case .started, .resumed:
                        #expect(onAir == nil, "\(station): \(key) starts while \(onAir ?? "") plays")
                        onAir = key
                    case .interrupted, .completed:
                        #expect(onAir == key, "\(station): \(key) ends but \(onAir ?? "nothing") plays")
                        onAir = nil
                    case .skipped, .missed:
                        #expect(onAir != key)
                    }
                }
                #expect(onAir == playout.current.map { $0.item.id + "|" + ($0.relayedFrom ?? "") })
            }
        }
    }

    /// Nothing plays twice: an own item starts at most once per station and resumes only after a cut,
    /// and evaluating minute by minute reports each event once, the same as one evaluation at the end.
    @Test func nothingPlaysTwice() {
        for c in Self.cases.prefix(60) {
            let whole = Self.decide(c)
            for (station, playout) in whole.stations {
                let own = playout.events.filter { $0.relayedFrom == nil }
                let starts = own.filter { $0.kind == .started }.map(\.item.id)
                #expect(starts.count == Set(starts).count, "\(station) starts an item twice")
                var cut = Set<String>()
                for event in own {
                    if event.kind == .interrupted { cut.insert(event.item.id) }
                    if event.kind == .resumed { #expect(cut.remove(event.item.id) != nil) }
                }
            }
            var stepwise: [RadioStationID: [RadioPlayoutEvent]] = [:]
            var last = W.at(0, 0)
            var now = W.at(4, 59)
            while now < c.now {
                now = min(c.now, now.addingTimeInterval(60))
                let decision = RadioPlayout.decide(c.world, at: now, lastEvaluated: last, outages: c.outages, settings: c.settings)
                for (station, playout) in decision.stations { stepwise[station, default: []] += playout.events }
                last = now
            }
            for (station, playout) in whole.stations {
                #expect(stepwise[station, default: []] == playout.events, "\(station)")
            }
        }
    }

    /// Nothing waiting outranks what plays; an active emergency always has the station (unless Loa is down).
    @Test func theHighestPriorityAlwaysWins() {
        for c in Self.cases {
            let decision = Self.decide(c)
            let down = c.outages.contains { $0.start <= c.now && c.now < $0.end }
            for (station, playout) in decision.stations {
                if down { #expect(playout.current == nil); continue }
                if !playout.waiting.isEmpty { #expect(playout.current != nil) }
                let playing = playout.current?.item.priority
                for item in playout.waiting { #expect(item.priority <= playing ?? .normal) }
                let emergencyDue = c.world.emergencies.contains { emergency in
                    emergency.stationIDs.contains(station) && c.world.approvedBulletins.contains(emergency.bulletinID)
                        && emergency.start <= c.now && c.now < (emergency.end ?? .distantFuture)
                }
                // Manual plays may also be of emergency priority, so only this direction is a rule.
                if emergencyDue { #expect(playing == .emergency, "\(station) at \(c.now)") }
            }
        }
    }

    @Test func stationsOutsideAnEmergencysSetNeverCarryIt() {
        for c in Self.cases {
            for emergency in c.world.emergencies {
                for (station, playout) in Self.decide(c).stations where !emergency.stationIDs.contains(station) {
                    #expect(playout.current?.item.sourceID != emergency.id || playout.current?.item.origin != .emergency)
                    #expect(!playout.events.contains { $0.item.id == "emergency:\(emergency.id)" })
                }
            }
        }
    }

    /// At every instant an item starts or resumes, it ranks first among what waits, by the written rule:
    /// priority, own before relayed, earlier planned start, origin emergency > manual > schedule, smaller id.
    @Test func theTieRuleHolds() {
        for c in Self.cases.prefix(150) {
            let starts = Self.decide(c).stations.values.flatMap(\.events).filter { $0.kind == .started || $0.kind == .resumed }
            for start in starts {
                guard let playout = Self.decide(c, at: start.at)[start.stationID], let current = playout.current else {
                    Issue.record("nothing on air at a start"); continue
                }
                for other in playout.waiting where other.priority == current.item.priority {
                    #expect(current.relayedFrom == nil, "a relay plays while an own item of its priority waits")
                    let currentKey = (current.item.plannedStart, -current.item.origin.rawValue, current.item.id)
                    let otherKey = (other.plannedStart, -other.origin.rawValue, other.id)
                    #expect(currentKey < otherKey)
                }
            }
        }
    }

    @Test func theSameInputGivesTheSameOutputWhateverItsOrder() {
        var random = SeededRandom(seed: 77)
        for c in Self.cases.prefix(150) {
            var shuffled = c
            shuffled.world.stations.shuffle(using: &random)
            shuffled.world.slots.shuffle(using: &random)
            shuffled.world.manualPlays.shuffle(using: &random)
            shuffled.world.emergencies.shuffle(using: &random)
            #expect(Self.decide(c) == Self.decide(c))
            #expect(Self.decide(c) == Self.decide(shuffled))
        }
    }

    /// The generator makes busy worlds, so the properties are not checked on silence alone.
    @Test func theWorldsAreBusy() {
        let decisions = Self.cases.map { Self.decide($0) }
        let playing = decisions.flatMap { $0.stations.values }.filter { $0.current != nil }
        #expect(playing.count > 300)
        #expect(playing.contains { $0.current?.relayedFrom != nil })
        #expect(playing.contains { !$0.waiting.isEmpty })
        #expect(decisions.flatMap { $0.stations.values.flatMap(\.events) }.contains { $0.kind == .missed })
    }
}
