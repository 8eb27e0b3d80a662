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

/// What "Nghe bài viết" reads (issue #11).
@Suite struct ArticleReadingTests {
    @Test func markdownMarksAreNotReadAndLinesEndAsSentences() {
        let body = """
            ## Thủ tục mới
            Người dân **nộp hồ sơ** qua [Cổng dịch vụ công](https://dichvucong.gov.vn) hoặc tại _bộ phận một cửa_
            ![Ảnh quầy một cửa](/media/abc.jpg)
            - Bước 1: chuẩn bị giấy tờ
            | Thủ tục | Thời hạn |
            |---|:--:|
            | Khai sinh | 1 ngày |
            """
        let text = ArticleReading.text(title: "Cải cách hành chính", summary: "Tóm tắt", body: body, maximumLength: 10_000)
        #expect(
            text == """
                Cải cách hành chính.
                Tóm tắt.
                Thủ tục mới.
                Người dân nộp hồ sơ qua Cổng dịch vụ công hoặc tại bộ phận một cửa.
                Bước 1: chuẩn bị giấy tờ.
                Thủ tục, Thời hạn.
                Khai sinh, 1 ngày.
                """)
    }

    @Test func aLongArticleIsCutAtASentenceAndSaysWhereToReadTheRest() {
        let body = String(repeating: "Câu văn dài về cải cách. ", count: 400)
        let text = ArticleReading.text(title: "Tiêu đề", summary: "", body: body, maximumLength: 1_000)
        #expect(text.count <= 1_000)
        #expect(text.hasSuffix("cải cách.\n" + ArticleReading.cutNotice))
    }

    @Test func unclosedBracketsStayText() {
        #expect(ArticleReading.text(title: "T", summary: "", body: "[a [b (c", maximumLength: 100) == "T.\n[a [b (c.")
        let brackets = String(repeating: "[", count: 50_000)
        #expect(ArticleReading.text(title: "T", summary: "", body: brackets, maximumLength: 60_000) == "T.\n" + brackets + ".")
    }

    @Test(arguments: [(0.4, "0 giây"), (42, "42 giây"), (185, "3 phút 5 giây"), (720, "12 phút")])
    func durationsAreSaidInMinutesAndSeconds(seconds: Double, text: String) {
        #expect(ArticleReading.duration(seconds) == text)
    }
}
