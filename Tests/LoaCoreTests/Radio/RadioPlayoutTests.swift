import Foundation
import Testing

@testable import LoaCore

@Suite struct RadioPlayoutTests {
    typealias W = RadioTestWorld

    private func decide(
        _ world: RadioWorld, at now: Date, since: Date? = nil, outages: [DateInterval] = [],
        resume: ResumePolicy = .resume, grace: TimeInterval = 15 * 60
    ) -> RadioPlayoutDecision {
        RadioPlayout.decide(
            world, at: now, lastEvaluated: since, outages: outages,
            settings: RadioPlayoutSettings(resume: resume, grace: grace))
    }

    private func kinds(_ events: [RadioPlayoutEvent]) -> [String] {
        events.map { "\($0.kind.rawValue) \($0.item.sourceID)" }
    }

    @Test func halfPastFiveInVietnamIsHalfPastTenUTCTheDayBefore() {
        let slot = W.slot("sang", .station("X1"), 5, 30, minutes: 15)
        let occurrence = RadioSchedule.occurrences(of: [slot], stations: W.stations, from: W.day, through: W.day)
        #expect(occurrence.map(\.item.plannedStart) == [Date(timeIntervalSince1970: 1_587_940_200)])  // 2020-04-26T22:30Z
        let world = RadioWorld(stations: W.stations, slots: [slot], approvedBulletins: ["b-sang"])
        #expect(decide(world, at: Date(timeIntervalSince1970: 1_587_940_200))["X1"]?.current?.item.id == "schedule:sang@2020-04-27")
        #expect(decide(world, at: Date(timeIntervalSince1970: 1_587_940_199))["X1"]?.current == nil)
    }

    @Test func weekOfSchedulesExpandsRepeatsAndSubtrees() {
        let slots = [
            W.slot("sang", .subtree(root: "H", except: ["X3"]), 5, 30, minutes: 15, repeats: .weekdays),
            W.slot("chieu", .station("X2"), 17, 0, minutes: 10, repeats: .dates([W.day.adding(days: 5)])),
        ]
        let week = RadioSchedule.occurrences(of: slots, stations: W.stations, from: W.day, through: W.day.adding(days: 6))
        #expect(week.filter { $0.slotID == "sang" }.count == 5 * 3)  // Mon–Fri on H, X1, X2
        #expect(Set(week.filter { $0.slotID == "sang" }.map(\.stationID)) == ["H", "X1", "X2"])
        #expect(week.filter { $0.slotID == "chieu" }.map(\.day) == [CalendarDay(year: 2020, month: 5, day: 2)])
        #expect(week.map(\.item.plannedStart) == week.map(\.item.plannedStart).sorted())
    }

    @Test func onlyApprovedBulletinsAir() {
        let world = RadioWorld(
            stations: W.stations, slots: [W.slot("sang", .station("X1"), 5, 30, minutes: 15)],
            emergencies: [RadioEmergency(id: "bao", stationIDs: ["X1"], bulletinID: "draft", start: W.at(5, 0))],
            approvedBulletins: [])
        #expect(decide(world, at: W.at(5, 31))["X1"]?.current == nil)
    }

    /// A priority notice at 05:35 cuts the 05:30 bulletin, which then comes back where it stopped.
    @Test func interruptedItemResumesWhereItStopped() throws {
        let world = RadioWorld(
            stations: W.stations, slots: [W.slot("sang", .station("X1"), 5, 30, minutes: 15)],
            manualPlays: [RadioManualPlay(id: "tb", target: .station("X1"), bulletinID: "b-tb", priority: .priority, start: W.at(5, 35), duration: 300)],
            approvedBulletins: ["b-sang", "b-tb"])
        let during = try #require(decide(world, at: W.at(5, 37))["X1"])
        #expect(during.current?.item.id == "manual:tb")
        #expect(during.waiting.map(\.id) == ["schedule:sang@2020-04-27"])
        let after = try #require(decide(world, at: W.at(5, 41), since: W.at(5, 0))["X1"])
        #expect(after.current?.item.sourceID == "sang")
        #expect(after.current?.position == 360)
        #expect(after.current?.expectedEnd == W.at(5, 50))
        #expect(kinds(after.events) == ["started sang", "interrupted sang", "started tb", "completed tb", "resumed sang"])
        #expect(after.events[1].by?.id == "manual:tb")
    }

    /// A storm warning from 05:35 to 06:30 cuts the morning bulletin for longer than the grace period:
    /// the rest of it is dropped at 05:50 instead of airing at 06:30.
    @Test func itemCutForLongerThanGraceIsNotResumed() throws {
        let world = RadioWorld(
            stations: W.stations, slots: [W.slot("sang", .station("X1"), 5, 30, minutes: 15)],
            emergencies: [RadioEmergency(id: "bao", stationIDs: ["X1"], bulletinID: "b-bao", start: W.at(5, 35), end: W.at(6, 30))],
            approvedBulletins: ["b-sang", "b-bao"])
        #expect(decide(world, at: W.at(5, 49))["X1"]?.waiting.map(\.sourceID) == ["sang"])
        #expect(decide(world, at: W.at(5, 50))["X1"]?.waiting.isEmpty == true)
        let after = try #require(decide(world, at: W.at(6, 31), since: W.at(5, 0))["X1"])
        #expect(after.current == nil)
        #expect(kinds(after.events) == ["started sang", "interrupted sang", "started bao", "skipped sang", "completed bao"])
        #expect(after.events[3].at == W.at(5, 50))
        // With a longer grace the same bulletin comes back after the warning.
        let patient = decide(world, at: W.at(6, 31), since: W.at(5, 0), grace: 3600)["X1"]
        #expect(patient?.current?.item.sourceID == "sang")
        #expect(patient?.current?.position == 360)
    }

    @Test func interruptedItemIsSkippedUnderTheSkipPolicy() throws {
        let world = RadioWorld(
            stations: W.stations, slots: [W.slot("sang", .station("X1"), 5, 30, minutes: 15)],
            manualPlays: [RadioManualPlay(id: "tb", target: .station("X1"), bulletinID: "b-tb", priority: .priority, start: W.at(5, 35), duration: 300)],
            approvedBulletins: ["b-sang", "b-tb"])
        let after = try #require(decide(world, at: W.at(5, 41), since: W.at(5, 0), resume: .skip)["X1"])
        #expect(after.current == nil)
        #expect(kinds(after.events) == ["started sang", "interrupted sang", "skipped sang", "started tb", "completed tb"])
    }

    @Test func emergencyReachesItsStationsAndNoOthers() throws {
        let world = RadioWorld(
            stations: W.stations, slots: [W.slot("sang", .subtree(root: "H"), 5, 30, minutes: 15)],
            emergencies: [RadioEmergency(id: "bao", stationIDs: ["H", "X1"], bulletinID: "b-bao", start: W.at(5, 32))],
            approvedBulletins: ["b-sang", "b-bao"])
        let decision = decide(world, at: W.at(5, 32), since: W.at(5, 31))
        #expect(decision["H"]?.current?.item.id == "emergency:bao")
        #expect(decision["X1"]?.current?.item.id == "emergency:bao")
        #expect(decision["X1"]?.current?.expectedEnd == nil)
        // X2 relays H but an emergency never travels outside its set: X2 keeps its own bulletin.
        #expect(decision["X2"]?.current?.item.sourceID == "sang")
        #expect(decision["X2"]?.current?.relayedFrom == nil)
        #expect(decision["X3"]?.current?.item.sourceID == "sang")
        #expect(kinds(decision["X1"]!.events) == ["interrupted sang", "started bao"])
    }

    @Test func communeRelaysTheDistrictWhenItHasNothingOfItsOwnAtThatPriority() throws {
        let world = RadioWorld(
            stations: W.stations,
            slots: [
                W.slot("huyen", .station("H"), 11, 0, minutes: 30),
                W.slot("tanphu", .station("X2"), 11, 0, minutes: 20),
                W.slot("tanthoi", .station("X1"), 11, 10, minutes: 5),
            ],
            manualPlays: [RadioManualPlay(id: "khan", target: .station("H"), bulletinID: "b-khan", priority: .priority, start: W.at(11, 20), duration: 120)],
            approvedBulletins: ["b-huyen", "b-tanphu", "b-tanthoi", "b-khan"])
        let early = decide(world, at: W.at(11, 2))
        #expect(early["X1"]?.current?.item.sourceID == "huyen")
        #expect(early["X1"]?.current?.relayedFrom == "H")
        #expect(early["X1"]?.current?.position == 120)  // joins the district where it is
        #expect(early["X2"]?.current?.item.sourceID == "tanphu")  // its own item of the same priority keeps the station
        #expect(early["X3"]?.current == nil)  // does not relay
        // X1's own bulletin takes the station from the relay at 11:10; the relay comes back after.
        #expect(decide(world, at: W.at(11, 12))["X1"]?.current?.item.sourceID == "tanthoi")
        #expect(decide(world, at: W.at(11, 16))["X1"]?.current?.relayedFrom == "H")
        // A priority item on the district beats X2's own normal bulletin.
        let urgent = decide(world, at: W.at(11, 21))
        #expect(urgent["X2"]?.current?.item.sourceID == "khan")
        #expect(urgent["X2"]?.current?.relayedFrom == "H")
        #expect(urgent["X2"]?.waiting.map(\.id).isEmpty == true)  // tanphu ended at 11:20
    }

    @Test func relayChainsNameTheStationTheItemComesFrom() {
        let hamlet = RadioStation(id: "A1", name: "Trạm ấp 1", parentID: "X1")
        let world = RadioWorld(
            stations: W.stations + [hamlet], slots: [W.slot("huyen", .station("H"), 11, 0, minutes: 30)],
            approvedBulletins: ["b-huyen"])
        let decision = decide(world, at: W.at(11, 1))
        #expect(decision["A1"]?.current?.item.sourceID == "huyen")
        #expect(decision["A1"]?.current?.relayedFrom == "H")
        #expect(decision["A1"]?.current?.position == 60)
    }

    /// A parent link that closes a cycle, or names no station, is ignored instead of looping.
    @Test func parentCyclesAndUnknownParentsAreIgnored() {
        let stations = [
            RadioStation(id: "A", parentID: "B"), RadioStation(id: "B", parentID: "A"),
            RadioStation(id: "C", parentID: "C"), RadioStation(id: "D", parentID: "nowhere"),
        ]
        let world = RadioWorld(
            stations: stations, slots: [W.slot("sang", .subtree(root: "A"), 5, 30, minutes: 15)],
            approvedBulletins: ["b-sang"])
        let decision = decide(world, at: W.at(5, 31))
        #expect(Set(decision.stations.keys) == ["A", "B", "C", "D"])
        #expect(decision["A"]?.current?.item.sourceID == "sang")
        // Links are taken in id order, so A → B is kept and B → A, which would close the cycle, is dropped:
        // B is a root outside A's subtree and has nothing to relay.
        #expect(decision["B"]?.current == nil)
        #expect(decision["C"]?.current == nil)
        #expect(decision["D"]?.current == nil)
    }

    @Test func sameStartTiesGoToManualThenToTheSmallerID() {
        let world = RadioWorld(
            stations: W.stations,
            slots: [W.slot("b", .station("X1"), 6, 0, minutes: 10), W.slot("a", .subtree(root: "H"), 6, 0, minutes: 10)],
            manualPlays: [RadioManualPlay(id: "z", target: .station("X2"), bulletinID: "b-b", priority: .normal, start: W.at(6, 0), duration: 60)],
            approvedBulletins: ["b-a", "b-b"])
        let decision = decide(world, at: W.at(6, 0))
        #expect(decision["X1"]?.current?.item.sourceID == "a")
        #expect(decision["X1"]?.waiting.map(\.sourceID) == ["b"])
        #expect(decision["X2"]?.current?.item.id == "manual:z")
        // The earlier planned start keeps the station against a later equal item; the later one waits.
        let later = RadioWorld(
            stations: W.stations, slots: [W.slot("a", .station("X1"), 6, 0, minutes: 10), W.slot("b", .station("X1"), 6, 5, minutes: 2)],
            approvedBulletins: ["b-a", "b-b"])
        #expect(decide(later, at: W.at(6, 6))["X1"]?.current?.item.sourceID == "a")
        #expect(decide(later, at: W.at(6, 10))["X1"]?.current?.item.sourceID == "b")
    }

    @Test func slotDueWhileLoaWasDownPlaysLateWithinGraceOrIsMissed() throws {
        let world = RadioWorld(
            stations: W.stations, slots: [W.slot("sang", .station("X1"), 5, 30, minutes: 15)],
            approvedBulletins: ["b-sang"])
        // Down 05:00–05:40, grace 15 minutes: it starts at 05:40, from the beginning.
        let shortOutage = [DateInterval(start: W.at(5, 0), end: W.at(5, 40))]
        let restart = try #require(decide(world, at: W.at(5, 40), since: W.at(5, 0), outages: shortOutage)["X1"])
        #expect(restart.current?.position == 0)
        #expect(restart.current?.expectedEnd == W.at(5, 55))
        #expect(kinds(restart.events) == ["started sang"])
        // Down until 05:50: missed at 05:45, never played.
        let longOutage = [DateInterval(start: W.at(5, 0), end: W.at(5, 50))]
        let late = try #require(decide(world, at: W.at(5, 50), since: W.at(5, 0), outages: longOutage)["X1"])
        #expect(late.current == nil)
        #expect(late.events.map(\.kind) == [.missed])
        #expect(late.events.first?.at == W.at(5, 45))
        // Exactly at the end of grace it still starts.
        let edge = [DateInterval(start: W.at(5, 0), end: W.at(5, 45))]
        #expect(decide(world, at: W.at(5, 45), outages: edge)["X1"]?.current?.item.sourceID == "sang")
    }

    @Test func itemCutByAnOutageResumesAfterIt() {
        let world = RadioWorld(
            stations: W.stations, slots: [W.slot("sang", .station("X1"), 5, 30, minutes: 15)],
            approvedBulletins: ["b-sang"])
        let outage = [DateInterval(start: W.at(5, 35), end: W.at(5, 38))]
        let after = decide(world, at: W.at(5, 38), since: W.at(5, 0), outages: outage)["X1"]
        #expect(after?.current?.position == 300)
        #expect(after.map { kinds($0.events) } == ["started sang", "interrupted sang", "resumed sang"])
        #expect(after?.events[1].by == nil)
    }

    @Test func itemQueuedBehindAnEmergencyIsMissedAfterGrace() {
        let world = RadioWorld(
            stations: W.stations, slots: [W.slot("sang", .station("X1"), 5, 30, minutes: 15)],
            emergencies: [RadioEmergency(id: "lu", stationIDs: ["X1"], bulletinID: "b-lu", start: W.at(5, 25), end: W.at(6, 0))],
            approvedBulletins: ["b-sang", "b-lu"])
        #expect(decide(world, at: W.at(5, 40))["X1"]?.waiting.map(\.sourceID) == ["sang"])
        let after = decide(world, at: W.at(6, 1), since: W.at(5, 20))["X1"]
        #expect(after?.current == nil)
        #expect(after.map { kinds($0.events) } == ["started lu", "missed sang", "completed lu"])
    }

    /// Evaluating every 10 seconds across a busy morning logs each start exactly once.
    @Test func repeatedEvaluationsReportEachEventOnce() {
        let world = RadioWorld(
            stations: W.stations, slots: [W.slot("sang", .subtree(root: "H"), 5, 30, minutes: 15)],
            manualPlays: [RadioManualPlay(id: "tb", target: .station("X1"), bulletinID: "b-tb", priority: .priority, start: W.at(5, 35), duration: 300)],
            approvedBulletins: ["b-sang", "b-tb"])
        var events: [RadioPlayoutEvent] = []
        var last = W.at(5, 25)
        for step in 1...180 {
            let now = W.at(5, 25).addingTimeInterval(Double(step) * 10)
            events += decide(world, at: now, since: last)["X1"]!.events
            last = now
        }
        #expect(kinds(events) == ["started sang", "interrupted sang", "started tb", "completed tb", "resumed sang", "completed sang"])
        #expect(events.last?.at == W.at(5, 50))
    }
}
