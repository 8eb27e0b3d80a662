import Foundation
import LoaCore
import Testing

/// Issue #8, item 9: an imported article passes the same field checks as one typed in the back office,
/// and a refused line says which field, which character or limit, so it can be fixed in the file.
@Suite struct ArticleImportFieldCheckTests {
    static func line(title: String = "Tiêu đề", summary: String = "", body: String = "Nội dung", author: String = "", tags: [String] = []) -> String {
        let object: [String: Any] = [
            "external_id": "x-1", "site": "tan-thoi", "category": "tin-tuc", "title": title, "summary": summary, "body": body,
            "author": author, "tags": tags, "published_at": "2024-05-01T08:30:00+07:00",
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    static let refused: [(line: String, message: String)] = [
        (line(body: "Đoạn một.\u{0}Đoạn bị cắt"), "body contains the control character U+0000 at code point 10"),
        (line(title: "Lịch\u{1B}[31m họp"), "title contains the control character U+001B at code point 5"),
        (line(summary: "Tóm\u{7F}tắt"), "summary contains the control character U+007F at code point 4"),
        (line(author: "Tổ\u{0C}biên tập"), "author contains the control character U+000C at code point 3"),
        (line(title: String(repeating: "a", count: 301)), "title is longer than 300 characters"),
        (line(summary: String(repeating: "b", count: 1_001)), "summary is longer than 1000 characters"),
        (line(body: String(repeating: "c", count: 200_001)), "body is longer than 200000 characters"),
        (line(author: String(repeating: "d", count: 121)), "author is longer than 120 characters"),
        (line(tags: (1...21).map { "thẻ \($0)" }), "more than 20 tags"),
        (line(tags: [String(repeating: "e", count: 61)]), "tags is longer than 60 characters"),
        (line(tags: ["thẻ\u{0}"]), "tags contains the control character U+0000 at code point 4"),
    ]

    @Test(arguments: refused.indices)
    func aFieldTheBackOfficeWouldRefuseIsReportedWithItsLine(index: Int) {
        let (line, message) = Self.refused[index]
        guard case .failure(let error) = ArticleImportParser.parse(line: line, number: 42) else {
            Issue.record("accepted: \(message)")
            return
        }
        #expect(error.line == 42)
        #expect(error.message == message)
    }

    @Test func lineBreaksTabsAndTheBackOfficesMaximumsAreAccepted() throws {
        let start = "Đoạn một.\r\n\tĐoạn hai.\n"
        let body = start + String(repeating: "ệ", count: 200_000 - start.count)
        let record = try ArticleImportParser.parse(
            line: Self.line(title: String(repeating: "Ả", count: 300), body: body, tags: (1...20).map { "thẻ \($0)" }), number: 1
        ).get()
        #expect(record.body.count == 200_000)
        #expect(record.tags.count == 20)
    }
}
