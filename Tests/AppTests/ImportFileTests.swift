import FluentKit
import Foundation
import LoaCore
import Testing

@testable import App

/// Issue #8: import files as they arrive from other systems. The article reader streams the file, so
/// it is tested on real files; units and procedures decode the whole file with `TextFileDecoding`.
@Suite struct ImportFileTests {
    static let jsonl =
        [
            #"{"external_id":"u-1","site":"tan-thoi","category":"tin-tuc","title":"Đêm hội trăng rằm","body":"Nội dung 👍","published_at":"2024-05-01T08:30:00Z"}"#,
            #"{"external_id":"u-2","site":"tan-thoi","category":"tin-tuc","title":"Ngày hội đại đoàn kết","body":"Nội dung","published_at":"2024-05-02T08:30:00Z"}"#,
        ].joined(separator: "\r\n") + "\r\n"

    /// The lines of a file written with `bytes`, each parsed, in order.
    static func read(_ bytes: [UInt8], maximumLineBytes: Int = ArticleTextLimits.importLineBytes) throws -> [Result<ArticleImportRecord, RecordError>] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loa-lines-\(UUID().uuidString).jsonl").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        var lines = JSONLines(handle: handle, maximumLineBytes: maximumLineBytes)
        var results: [Result<ArticleImportRecord, RecordError>] = []
        while let line = try lines.next() {
            results.append(line.text.flatMap { ArticleImportParser.parse(line: $0, number: line.number) })
        }
        return results
    }

    @Test(arguments: [TextFileEncoding.utf8, .utf8WithBOM, .utf16LittleEndian, .utf16BigEndian])
    func articlesAreReadFromUTF8AndUTF16Files(encoding: TextFileEncoding) throws {
        let bytes: [UInt8] =
            switch encoding {
            case .utf8: Array(Self.jsonl.utf8)
            case .utf8WithBOM: [0xEF, 0xBB, 0xBF] + Array(Self.jsonl.utf8)
            case .utf16LittleEndian: [0xFF, 0xFE] + Self.jsonl.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            case .utf16BigEndian: [0xFE, 0xFF] + Self.jsonl.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            }
        let records = try Self.read(bytes).map { try $0.get() }
        #expect(records.map(\.title) == ["Đêm hội trăng rằm", "Ngày hội đại đoàn kết"])
        #expect(records.map(\.body) == ["Nội dung 👍", "Nội dung"])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test func aLineThatIsNotTextOrTooLongIsReportedAndTheNextLineIsRead() throws {
        let lines = Self.jsonl.split(separator: "\r\n").map(String.init)
        var bytes = Array(lines[0].utf8) + [0x0A]
        bytes += Array(#"{"external_id":"u-3","title":"T"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8) + [0x0A]  // broken UTF-8
        bytes += Array(repeating: UInt8(ascii: "x"), count: 5_000) + [0x0A]
        bytes += Array(lines[1].utf8)
        let results = try Self.read(bytes, maximumLineBytes: 2_048)
        #expect(results.count == 4)
        #expect((try? results[0].get())?.externalID == "u-1")
        #expect(results[1] == .failure(RecordError(line: 2, message: "line is not valid UTF-8 text")))
        #expect(results[2] == .failure(RecordError(line: 3, message: "line is longer than 2048 bytes; skipped")))
        #expect((try? results[3].get())?.externalID == "u-2")
        #expect((try? results[3].get())?.line == 4)
    }

    @Test func aUTF16FileWithoutByteOrderMarkIsRefusedAsAWhole() throws {
        let bytes = Self.jsonl.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(throws: CommandError.self) { try Self.read(bytes) }
    }

    /// A units CSV saved by a spreadsheet as UTF-16 imports like the UTF-8 one; a control character in a
    /// name is refused for its line by the same check as the back office.
    @Test(arguments: TestDatabase.engines)
    func aUTF16UnitsFileImportsAndAControlCharacterIsRefusedForItsLine(engine: TestDatabase) async throws {
        try await TestApp.run(engine, demo: false) { app, _ in
            let csv = "code,name,kind,parent_code\r\n87,Tỉnh Đồng Tháp,Tỉnh,\r\n30001,Xã Tân\u{7}Thới,Xã,87\r\n30002,Xã Mỹ Phong,Xã,87\r\n"
            let bytes: [UInt8] = [0xFF, 0xFE] + csv.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            let text = try TextFileDecoding.decode(Data(bytes)).get()
            let parsed = UnitRecordParser.parseCSV(text)
            let report = try await UnitService(db: app.db, clients: app.pinned.clients).importRecords(parsed.records, parseErrors: parsed.errors)
            #expect(report.created == 2)
            #expect(report.errors.map(\.line) == [3])
            #expect(try await Unit.query(on: app.db).filter(\.$code == "87").first()?.name == "Tỉnh Đồng Tháp")
        }
    }

    @Test func aProcedureWithAControlCharacterIsRefusedWithItsField() {
        var record = ProcedureRecord(code: "1.013628", name: "Đăng ký khai sinh", levels: [.commune], sector: "Hộ tịch")
        #expect(ProcedureImportCheck.problem(record, source: "a.json") == nil)
        record.steps = "Bước 1\u{0}"
        #expect(
            ProcedureImportCheck.problem(record, source: "a.json") == ProcedureIssue(source: "a.json", field: "steps", reason: "chứa ký tự điều khiển U+0000"))
        record.steps = nil
        record.components = [DossierComponent(name: "Tờ khai\u{1B}", forms: [], originals: 1, copies: nil)]
        #expect(ProcedureImportCheck.problem(record, source: "a.json")?.field == "components[0].name")
        record.components = []
        record.name = String(repeating: "a", count: 1_001)
        #expect(ProcedureImportCheck.problem(record, source: "a.json")?.reason == "dài quá 1000 ký tự")
    }
}
