import Foundation
import LoaCore
import Testing

/// Months and quarters in Vietnam's time, and what a station aired in them (issue #11).
@Suite struct RadioAirReportTests {
    static func vietnam(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + "+07:00")! }

    @Test(arguments: [
        ("2020-03", "Tháng 3 năm 2020", "2020-03-01T00:00:00", "2020-04-01T00:00:00"),
        ("2020-12", "Tháng 12 năm 2020", "2020-12-01T00:00:00", "2021-01-01T00:00:00"),
        ("2020-Q1", "Quý I năm 2020", "2020-01-01T00:00:00", "2020-04-01T00:00:00"),
        ("2020-q4", "Quý IV năm 2020", "2020-10-01T00:00:00", "2021-01-01T00:00:00"),
    ])
    func periodsStartAndEndAtMidnightInVietnam(code: String, name: String, start: String, end: String) throws {
        let period = try #require(ReportPeriod(code: code))
        #expect(period.name == name)
        #expect(period.start == Self.vietnam(start))
        #expect(period.end == Self.vietnam(end))
        #expect(period.code == code.uppercased())
        // The first minute of the next period is outside, the last second of this one inside.
        #expect(period.contains(Self.vietnam(start)))
        #expect(!period.contains(Self.vietnam(end)))
        #expect(period.contains(Self.vietnam(end).addingTimeInterval(-1)))
    }

    @Test(arguments: ["", "2020", "2020-13", "2020-00", "2020-Q5", "2020-Q0", "1999-01", "2101-Q1", "20-03", "2020-3", "2020-+3", "2020-03-01", "２０２０-03"])
    func malformedPeriodsAreRefused(code: String) {
        #expect(ReportPeriod(code: code) == nil)
    }

    @Test func aYearOffersFourQuartersAndTwelveMonths() {
        let all = ReportPeriod.all(in: 2020)
        #expect(all.map(\.code) == ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"] + (1...12).map { String(format: "2020-%02d", $0) })
    }

    @Test func totalsCountAiredPlaysTheirBulletinsAndMinutesPerStation() {
        let at = Self.vietnam("2020-03-02T05:30:00")
        func play(_ station: String, _ bulletin: String?, _ result: RadioAirReport.Result, seconds: Double?, priority: RadioPriority = .normal)
            -> RadioAirReport.Play
        {
            RadioAirReport.Play(
                stationID: station, bulletinID: bulletin, priority: priority.rawValue, result: result,
                actualStart: seconds == nil ? nil : at, actualEnd: seconds.map { at.addingTimeInterval($0) })
        }
        let totals = RadioAirReport.totals([
            play("a", "b1", .completed, seconds: 300),
            play("a", "b1", .interrupted, seconds: 130, priority: .emergency),
            play("a", "b2", .missed, seconds: nil),
            play("a", "b3", .failed, seconds: nil),
            play("a", nil, .playing, seconds: nil),
            play("b", "b9", .completed, seconds: -20),
        ])
        let a = totals["a"]
        #expect(a?.aired == 3)
        #expect(a?.completed == 1)
        #expect(a?.interrupted == 1)
        #expect(a?.missed == 1)
        #expect(a?.failed == 1)
        #expect(a?.emergencies == 1)
        // b2 and b3 never went on air; the playing item has no bulletin.
        #expect(a?.bulletins == 1)
        #expect(a?.secondsOnAir == 430)
        #expect(a?.minutesOnAir == 7)
        // A clock step backwards counts no time, but the play is still counted.
        #expect(totals["b"]?.aired == 1)
        #expect(totals["b"]?.secondsOnAir == 0)
        #expect(totals["c"] == nil)
    }

    @Test func csvQuotesTextAndDefusesFormulas() {
        #expect(CSVWriter.text(#"Đài "xã" A"#) == #""Đài ""xã"" A""#)
        #expect(CSVWriter.text("=HYPERLINK(1)") == #""'=HYPERLINK(1)""#)
        #expect(CSVWriter.document([["\"a\"", "1"], ["\"b\"", "2"]]) == "\u{FEFF}\"a\",1\r\n\"b\",2\r\n")
    }
}
