import Foundation
import LoaCore
import Testing

@Suite struct VietnameseDateTests {
    /// 2020-04-27 01:30:00 UTC, i.e. 08:30 in Vietnam.
    let morning = Date(timeIntervalSince1970: 1_587_951_000)

    @Test func formatsInVietnamTime() {
        #expect(VietnameseDate.day(morning) == "27/04/2020")
        #expect(VietnameseDate.dayTime(morning) == "27/04/2020 08:30")
        #expect(VietnameseDate.iso8601(morning) == "2020-04-27T08:30:00+07:00")
    }

    @Test func dayChangesAtVietnameseMidnightNotUTC() {
        // 2020-12-31 17:05:09 UTC is already 1 January 2021 in Vietnam.
        let newYear = Date(timeIntervalSince1970: 1_609_434_309)
        #expect(VietnameseDate.day(newYear) == "01/01/2021")
        #expect(VietnameseDate.dayTime(newYear) == "01/01/2021 00:05")
        #expect(VietnameseDate.iso8601(newYear) == "2021-01-01T00:05:09+07:00")
    }

    @Test func anEventEnteredWithADateOnlyShowsNoMidnight() {
        // 2020-04-26 17:00 UTC is midnight of 27 April in Vietnam; five minutes later has a time.
        let midnight = Date(timeIntervalSince1970: 1_587_920_400)
        #expect(VietnameseDate.dayOrDayTime(midnight) == "27/04/2020")
        #expect(VietnameseDate.dayOrDayTime(midnight.addingTimeInterval(300)) == "27/04/2020 00:05")
        #expect(VietnameseDate.dayOrDayTime(morning) == "27/04/2020 08:30")
    }

    @Test func timeZoneIsVietnam() {
        #expect(VietnameseDate.timeZone.secondsFromGMT(for: morning) == 7 * 3600)
    }

    @Test func isSafeToUseConcurrently() async {
        let date = morning
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<200 { group.addTask { VietnameseDate.iso8601(date) } }
            return await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(results == ["2020-04-27T08:30:00+07:00"])
    }
}
