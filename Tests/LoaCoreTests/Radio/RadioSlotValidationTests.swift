import Foundation
import Testing

@testable import LoaCore

@Suite struct RadioSlotValidationTests {
    typealias W = RadioTestWorld
    let now = W.at(4, 0)
    let morning = W.slot("sang", .station("X1"), 5, 30, minutes: 15)

    private func problem(_ slot: RadioSlot, _ existing: [RadioSlot], now: Date? = nil) -> RadioSlotProblem? {
        RadioSchedule.problem(with: slot, existing: existing, stations: W.stations, now: now ?? self.now)
    }

    @Test func overlapOnTheSameStationAtTheSamePriorityNamesTheOtherSlotAndTime() throws {
        let clash = try #require(problem(W.slot("moi", .station("X1"), 5, 40, minutes: 10), [morning]))
        #expect(
            clash
                == .overlaps(
                    otherSlotID: "sang", otherLabel: "Bản tin sang", stationName: "Đài xã Tân Thới",
                    otherStart: W.at(5, 30), otherEnd: W.at(5, 45)))
        #expect(clash.message == "Lịch trùng giờ với \"Bản tin sang\" trên Đài xã Tân Thới: 27/04/2020 05:30–05:45, cùng mức ưu tiên.")
    }

    @Test func aSubtreeSlotClashesWithAStationSlotInsideIt() {
        let district = W.slot("huyen", .subtree(root: "H"), 5, 44, minutes: 5)
        #expect(problem(district, [morning]).map { if case .overlaps(_, _, let station, _, _) = $0 { station } else { "" } } == "Đài xã Tân Thới")
        // …unless the commune is left out of the subtree.
        #expect(problem(W.slot("huyen", .subtree(root: "H", except: ["X1"]), 5, 44, minutes: 5), [morning]) == nil)
    }

    @Test(arguments: [
        ("another station", RadioTestWorld.slot("moi", .station("X2"), 5, 40, minutes: 10)),
        ("another priority", RadioTestWorld.slot("moi", .station("X1"), 5, 40, minutes: 10, priority: .priority)),
        ("right after", RadioTestWorld.slot("moi", .station("X1"), 5, 45, minutes: 10)),
        ("the slot itself, edited", RadioTestWorld.slot("sang", .station("X1"), 5, 40, minutes: 10)),
        ("a Saturday only", RadioTestWorld.slot("moi", .station("X1"), 5, 40, minutes: 10, repeats: .dates([CalendarDay(year: 2020, month: 5, day: 2)]))),
    ])
    func acceptedSlots(_ why: String, slot: RadioSlot) {
        let weekdays = W.slot("sang", .station("X1"), 5, 30, minutes: 15, repeats: .weekdays)
        #expect(problem(slot, [weekdays]) == nil, "\(why)")
    }

    @Test func aSlotOnAWeekdayDateClashesWithAWeekdaySlot() {
        let weekdays = W.slot("sang", .station("X1"), 5, 30, minutes: 15, repeats: .weekdays)
        let monday = W.slot("moi", .station("X1"), 5, 40, minutes: 10, repeats: .dates([CalendarDay(year: 2020, month: 5, day: 4)]))
        #expect(
            problem(monday, [weekdays])
                == .overlaps(
                    otherSlotID: "sang", otherLabel: "Bản tin sang", stationName: "Đài xã Tân Thới",
                    otherStart: RadioTimeOfDay(hour: 5, minute: 30)!.instant(on: CalendarDay(year: 2020, month: 5, day: 4)),
                    otherEnd: RadioTimeOfDay(hour: 5, minute: 45)!.instant(on: CalendarDay(year: 2020, month: 5, day: 4))))
    }

    @Test func slotsRunningPastMidnightClashWithTheNextMorning() throws {
        let late = W.slot("khuya", .station("X1"), 23, 50, minutes: 20)
        let clash = try #require(problem(W.slot("som", .station("X1"), 0, 5, minutes: 5), [late]))
        #expect(clash.message == "Lịch trùng giờ với \"Bản tin khuya\" trên Đài xã Tân Thới: 26/04/2020 23:50–00:10, cùng mức ưu tiên.")
    }

    @Test func aSlotInThePastIsRefused() {
        let today = W.slot("moi", .station("X1"), 5, 30, minutes: 10, repeats: .dates([W.day, W.day.adding(days: 1)]))
        let problem = problem(today, [], now: W.at(6, 0))
        #expect(problem == .inThePast(firstAiring: W.at(5, 30)))
        #expect(problem?.message == "Không thể đặt lịch trong quá khứ: lần phát đầu tiên lúc 27/04/2020 05:30 đã qua.")
        var daily = W.slot("moi", .station("X1"), 7, 0, minutes: 10)
        daily.startsOn = W.day.adding(days: -1)
        #expect(self.problem(daily, []) == .inThePast(firstAiring: W.at(7, 0).addingTimeInterval(-86_400)))
        daily.startsOn = W.day
        #expect(self.problem(daily, []) == nil)
        daily.startsOn = nil
        #expect(self.problem(daily, [], now: W.at(23, 0)) == nil)  // open-ended: starts with its next airing
    }

    @Test func emptyOrZeroLengthSlotsAreRefused() {
        #expect(problem(W.slot("moi", .station("X1"), 7, 0, minutes: 0), [])?.message == "Thời lượng phát phải lớn hơn 0 giây.")
        #expect(problem(W.slot("moi", .station("X1"), 7, 0, minutes: 5, repeats: .dates([])), [])?.message == "Hãy chọn ít nhất một ngày phát.")
    }

    @Test(arguments: [("05:30", "05:30"), ("5:30", "05:30"), ("23:59", "23:59")])
    func timesOfDayParse(text: String, shown: String) {
        #expect(RadioTimeOfDay(text)?.description == shown)
    }

    @Test(arguments: ["24:00", "05:60", "0530", "5:3", "", "-1:30"])
    func badTimesOfDayAreRefused(text: String) {
        #expect(RadioTimeOfDay(text) == nil)
    }
}
