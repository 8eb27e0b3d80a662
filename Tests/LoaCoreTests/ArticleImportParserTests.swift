import Foundation
import LoaCore
import Testing

/// 2024-05-01 08:30:00 +07:00
private let mayFirst = Date(timeIntervalSince1970: 1_714_527_000)

private func parse(_ line: String, number: Int = 7) -> Result<ArticleImportRecord, RecordError> {
    ArticleImportParser.parse(line: line, number: number)
}

private func message(_ line: String) -> String? {
    if case .failure(let error) = parse(line) { return error.message }
    return nil
}

private func publishedAt(_ timestamp: String) -> Date? {
    let line = #"{"external_id":"1","site":"a","category":"b","title":"T","body":"B","published_at":"\#(timestamp)"}"#
    return try? parse(line).get().publishedAt
}

struct ImportErrorCase: Sendable, CustomTestStringConvertible {
    let line: String
    let message: String
    var testDescription: String { message }
}

private let importErrorCases: [ImportErrorCase] = [
    ImportErrorCase(
        line: #"{"site":"tan-thoi","category":"tin-tuc","title":"T","body":"B","published_at":"2024-05-01T08:30:00+07:00"}"#,
        message: "missing field \"external_id\""),
    ImportErrorCase(
        line: #"{"external_id":"1","site":"tan-thoi","category":"tin-tuc","body":"B","published_at":"2024-05-01T08:30:00+07:00"}"#,
        message: "missing field \"title\""),
    ImportErrorCase(
        line: #"{"external_id":"1","site":"tan-thoi","category":"tin-tuc","title":"  \n ","body":"B","published_at":"2024-05-01T08:30:00+07:00"}"#,
        message: "missing field \"title\""),
    ImportErrorCase(
        line: #"{"external_id":"1","site":"tan-thoi","category":"tin-tuc","title":null,"body":"B","published_at":"2024-05-01T08:30:00+07:00"}"#,
        message: "missing field \"title\""),
    ImportErrorCase(
        line: #"{"external_id":"1","site":"tan-thoi","category":"tin-tuc","title":"T","published_at":"2024-05-01T08:30:00+07:00"}"#,
        message: "missing field \"body\""),
    ImportErrorCase(
        line: #"{"external_id":"1","site":"tan-thoi","category":"tin-tuc","title":"T","body":"B"}"#,
        message: "missing field \"published_at\""),
    ImportErrorCase(
        line: #"{"external_id":"1","site":"tan-thoi","category":"tin-tuc","title":"T","body":"B","published_at":"2024-13-01"}"#,
        message: "\"published_at\" is not an ISO 8601 date with offset: \"2024-13-01\""),
    ImportErrorCase(
        line: #"{"external_id":"1","site":"tan-thoi","category":"tin-tuc","title":"T","body":"B","published_at":"2024-05-01T08:30:00"}"#,
        message: "\"published_at\" is not an ISO 8601 date with offset: \"2024-05-01T08:30:00\""),
    ImportErrorCase(
        line: #"{"external_id":"1","site":"tan-thoi","category":"tin-tuc","title":"T","body":"B","published_at":"2024-02-30T08:30:00+07:00"}"#,
        message: "\"published_at\" is not an ISO 8601 date with offset: \"2024-02-30T08:30:00+07:00\""),
    ImportErrorCase(
        line: #"{"external_id":"1","site":"tan-thoi","category":"tin-tuc","title":"T","body":"B","published_at":1714527000}"#,
        message: "\"published_at\" must be a string"),
    ImportErrorCase(
        line: #"{"external_id":"1","site":"tan-thoi","category":"tin-tuc","title":"T","body":"B","published_at":"2024-05-01T08:30:00+07:00","tags":"a,b"}"#,
        message: "\"tags\" must be an array of strings"),
    ImportErrorCase(
        line: #"{"external_id":"1","site":"tan-thoi","category":"tin-tuc","title":"T","body":"B","published_at":"2024-05-01T08:30:00+07:00","tags":["a",2]}"#,
        message: "\"tags\" must be an array of strings"),
    ImportErrorCase(
        line: #"{"external_id":"1","site":"Tân Thới","category":"tin-tuc","title":"T","body":"B","published_at":"2024-05-01T08:30:00+07:00"}"#,
        message: "\"site\" is not a slug: \"Tân Thới\""),
    ImportErrorCase(
        line: #"{"external_id":"1","site":"tan-thoi","category":"tin--tuc","title":"T","body":"B","published_at":"2024-05-01T08:30:00+07:00"}"#,
        message: "\"category\" is not a slug: \"tin--tuc\""),
    ImportErrorCase(
        line: #"{"external_id":"1","site":"tan-thoi","category":"-tin","title":"T","body":"B","published_at":"2024-05-01T08:30:00+07:00"}"#,
        message: "\"category\" is not a slug: \"-tin\""),
    ImportErrorCase(
        line: #"{"external_id":"1","site":"tan-thoi","category":"Tin-Tuc","title":"T","body":"B","published_at":"2024-05-01T08:30:00+07:00"}"#,
        message: "\"category\" is not a slug: \"Tin-Tuc\""),
    ImportErrorCase(
        line: #"{"external_id":7,"site":"tan-thoi","category":"tin-tuc","title":"T","body":"B","published_at":"2024-05-01T08:30:00+07:00"}"#,
        message: "\"external_id\" must be a string"),
    ImportErrorCase(line: #"["not", "an", "object"]"#, message: "expected a JSON object"),
    ImportErrorCase(line: #""just a string""#, message: "expected a JSON object"),
]

@Suite struct ArticleImportParserTests {
    @Test func goodLine() {
        let line = """
            {"external_id": " 2024-0042 ", "site": "tan-thoi", "category": "thong-bao", "category_name": "Thông báo", \
            "title": "  Thông báo lịch tiếp công dân tháng 5/2024 ", "summary": "Lịch tiếp dân của UBND xã.", \
            "body": "## Lịch tiếp\\n\\n- Thứ Hai: **Chủ tịch** UBND xã\\n", "author": "Văn phòng HĐND-UBND", \
            "published_at": "2024-05-01T08:30:00+07:00", "tags": ["tiếp công dân", " lịch ", ""], "extra": {"ignored": true}}
            """
        #expect(
            parse(line, number: 12)
                == .success(
                    ArticleImportRecord(
                        externalID: "2024-0042", site: "tan-thoi", category: "thong-bao", categoryName: "Thông báo",
                        title: "Thông báo lịch tiếp công dân tháng 5/2024", summary: "Lịch tiếp dân của UBND xã.",
                        body: "## Lịch tiếp\n\n- Thứ Hai: **Chủ tịch** UBND xã", author: "Văn phòng HĐND-UBND",
                        publishedAt: mayFirst, tags: ["tiếp công dân", "lịch"], line: 12)))
    }

    @Test func optionalFieldsHaveDefaults() {
        let line =
            #"{"external_id":"9","site":"xa-1","category":"tin-tuc","title":"Tin","body":"Nội dung","published_at":"2024-05-01T01:30:00Z","summary":null}"#
        #expect(
            parse(line, number: 1)
                == .success(
                    ArticleImportRecord(
                        externalID: "9", site: "xa-1", category: "tin-tuc", categoryName: "tin-tuc", title: "Tin",
                        summary: "", body: "Nội dung", author: "", publishedAt: mayFirst, tags: [], line: 1)))
    }

    @Test(arguments: importErrorCases)
    func errors(_ testCase: ImportErrorCase) {
        #expect(parse(testCase.line) == .failure(RecordError(line: 7, message: testCase.message)))
    }

    @Test func titleLongerThan300Characters() {
        let exactly300 = String(repeating: "Đ", count: 300)
        let line = #"{"external_id":"1","site":"a","category":"b","title":"TITLE","body":"B","published_at":"2024-05-01T08:30:00+07:00"}"#
        #expect((try? parse(line.replacingOccurrences(of: "TITLE", with: exactly300)).get().title) == exactly300)
        #expect(
            message(line.replacingOccurrences(of: "TITLE", with: exactly300 + "a"))
                == "title is longer than 300 characters")
    }

    @Test func invalidJSONKeepsTheParserReason() {
        let text = message(#"{"external_id": "1", "title": "Tin "quan trọng""}"#)
        #expect(text?.hasPrefix("invalid JSON: ") == true)
        #expect((text?.count ?? 0) > "invalid JSON: ".count)
        #expect(message("")?.hasPrefix("invalid JSON: ") == true)
        #expect(message("{\"title\": \"unterminated")?.hasPrefix("invalid JSON: ") == true)
    }

    @Test func unicodeEscapesAndAstralCharacters() {
        let line =
            #"{"external_id":"u1","site":"a","category":"b","title":"Tr\u01b0\u1eddng h\u1ecdc 🏫","body":"Ca dao: \"Công cha như núi Thái Sơn\"","published_at":"2024-05-01T08:30:00+07:00"}"#
        let record = try? parse(line).get()
        #expect(record?.title == "Trường học 🏫")
        #expect(record?.body == "Ca dao: \"Công cha như núi Thái Sơn\"")
    }

    @Test func timestampForms() {
        #expect(publishedAt("2024-05-01T08:30:00+07:00") == mayFirst)
        #expect(publishedAt("2024-05-01T08:30:00+0700") == mayFirst)
        #expect(publishedAt("2024-05-01T01:30:00Z") == mayFirst)
        #expect(publishedAt("2024-05-01T01:30:00z") == mayFirst)
        #expect(publishedAt("2024-04-30T20:00:00-05:30") == mayFirst)
        #expect(publishedAt("2024-05-01T08:30:00.250+07:00") == mayFirst.addingTimeInterval(0.25))
        #expect(publishedAt("2024-05-01T01:30:00.5Z") == mayFirst.addingTimeInterval(0.5))
        let micro = publishedAt("2024-05-01T01:30:00.123456Z")
        #expect(micro.map { abs($0.timeIntervalSince(mayFirst) - 0.123456) < 1e-5 } == true)
        #expect(publishedAt("2024-02-29T23:59:59-05:30") == Date(timeIntervalSince1970: 1_709_270_999))
        #expect(publishedAt("2000-01-01T00:00:00Z") == Date(timeIntervalSince1970: 946_684_800))
        #expect(publishedAt("1969-12-31T23:59:59Z") == Date(timeIntervalSince1970: -1))
    }

    @Test func rejectedTimestamps() {
        let rejected = [
            "2024-05-01", "2024-05-01T08:30+07:00", "2024-05-01 08:30:00+07:00", "2024-05-01T08:30:00",
            "2024-05-01T08:30:00.+07:00", "2024-05-01T24:00:00Z", "2024-05-01T08:60:00Z", "2023-02-29T08:00:00Z",
            "2024-05-01T08:30:00+7:00", "2024-05-01T08:30:00+07:0", "2024-5-01T08:30:00Z", "２０２４-05-01T08:30:00Z",
        ]
        for timestamp in rejected {
            #expect(publishedAt(timestamp) == nil, "\(timestamp)")
        }
    }

    @Test func parsesOnSeveralThreadsAtOnce() async {
        let line = #"{"external_id":"c","site":"a","category":"b","title":"Tin","body":"B","published_at":"2024-05-01T01:30:00.5Z"}"#
        let dates = await withTaskGroup(of: Date?.self) { group in
            for number in 1...64 { group.addTask { try? parse(line, number: number).get().publishedAt } }
            return await group.reduce(into: [Date?]()) { $0.append($1) }
        }
        #expect(dates == Array(repeating: mayFirst.addingTimeInterval(0.5), count: 64))
    }
}
