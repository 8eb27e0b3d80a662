import Foundation
import LoaCore
import Testing

/// The project's own fixtures of the national extraction format (Tests/Fixtures/procedures).
enum ProcedureFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/procedures")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    static func parse(_ name: String) throws -> ProcedureParser.Outcome {
        let outcomes = ProcedureParser.parseJSON(try data(name), source: name)
        #expect(outcomes.count == 1)
        return outcomes[0]
    }
}

@Suite struct ProcedureParserTests {
    @Test func completeRecordKeepsEveryField() throws {
        let parsed = try ProcedureFixtures.parse("1.000101.json").get()
        let record = parsed.record
        #expect(record.code == "1.000101")
        #expect(record.name == "Đăng ký khai sinh")
        #expect(record.decision == "Quyết định số 1872/QĐ-BTP")
        #expect(record.levels == [.commune])
        #expect(record.kind == "TTHC được luật giao quy định chi tiết")
        #expect(record.sector == "Hộ tịch")
        #expect(record.steps?.hasPrefix("Bước 1: Nộp hồ sơ") == true)
        #expect(record.coordinatingAgency == nil)
        #expect(record.requirements == "Không")
        #expect(
            record.channels == [
                ProcedureChannel(method: "Trực tiếp", deadline: "Ngay trong ngày làm việc", fee: "Lệ phí : 0 Đồng"),
                ProcedureChannel(method: "Trực tuyến", deadline: "Ngay trong ngày làm việc", fee: nil),
            ])
        #expect(
            record.components == [
                DossierComponent(name: "Tờ khai đăng ký khai sinh theo mẫu", forms: ["TK-khai-sinh.docx", "Mau-01.doc"], originals: 1, copies: 0),
                DossierComponent(name: "Giấy chứng sinh", forms: [], originals: 0, copies: 1),
            ])
        #expect(record.legalBasis.map(\.number) == ["60/2014/QH13", "123/2015/NĐ-CP"])
        #expect(parsed.warnings.isEmpty)
    }

    @Test func messyRecordStoresMissingAsNilAndReportsIt() throws {
        let parsed = try ProcedureFixtures.parse("1.000102.H19.json").get()
        let record = parsed.record
        #expect(record.code == "1.000102.H19")
        #expect(record.levels == [.ministry, .province, .commune, .other])
        #expect(record.decision == nil)
        #expect(record.kind == nil)
        #expect(record.steps == nil)
        #expect(record.competentAgency == nil)
        #expect(record.receivingAddress == nil)
        #expect(record.requirements == nil)
        #expect(record.components.isEmpty)
        #expect(record.channels == [ProcedureChannel(method: "Dịch vụ bưu chính", deadline: "Không quy định", fee: nil)])
        #expect(
            parsed.warnings.map(\.field) == [
                "content.trình_tự_thực_hiện", "content.cách_thức_thực_hiện", "content.địa_chỉ_tiếp_nhận_hs", "tables.thanh_phan_ho_so",
            ])
        #expect(parsed.warnings.first?.description == "1.000102.H19.json: content.trình_tự_thực_hiện: không có thông tin")
    }

    @Test func badRecordsAreRefusedWithFileFieldAndReason() throws {
        let badCode = try #require(ProcedureFixtures.parse("bad-code.json").failure)
        #expect(
            badCode.issues.map(\.description) == [
                "bad-code.json: metadata.mã_thủ_tục: mã «1.13628» không đúng mẫu \(ProcedureCode.patternDescription)"
            ])
        let level = try #require(ProcedureFixtures.parse("unknown-level.json").failure)
        #expect(level.issues.map(\.field) == ["metadata.cấp_thực_hiện", "tables.hinh_thuc_nop"])
        #expect(level.issues[0].reason == "cấp thực hiện không xác định «Cấp Thôn»")
        let broken = try #require(ProcedureFixtures.parse("broken.json").failure)
        #expect(broken.issues.count == 1)
        #expect(broken.issues[0].field == "")
        #expect(broken.issues[0].reason.hasPrefix("JSON không hợp lệ"))
    }

    @Test func arraysAndStructuralErrorsAreReportedPerElement() {
        let json =
            #"[{"metadata": {"mã_thủ_tục": "1.000001", "tên_thủ_tục": "A", "cấp_thực_hiện": "Cấp Xã", "lĩnh_vực": "B"}, "content": {}}, 5, {"metadata": "x", "content": {}}]"#
        let outcomes = ProcedureParser.parseJSON(Data(json.utf8), source: "a.json")
        #expect(outcomes.count == 3)
        #expect((try? outcomes[0].get())?.record.code == "1.000001")
        #expect(outcomes[1].failure?.issues.first?.description == "a.json[1]: phần tử không phải là đối tượng JSON")
        #expect(outcomes[2].failure?.issues.first?.description == "a.json[2]: metadata: phải là một đối tượng")
    }

    @Test func csvOfTheMainFields() throws {
        let text = String(decoding: try ProcedureFixtures.data("main-fields.csv"), as: UTF8.self)
        let outcomes = ProcedureParser.parseCSV(text, source: "main-fields.csv")
        #expect(outcomes.count == 2)
        let first = try outcomes[0].get()
        #expect(first.record.code == "1.000106")
        #expect(first.record.levels == [.commune])
        #expect(first.record.channels == [ProcedureChannel(method: "Trực tiếp", deadline: "Ngay trong ngày", fee: "Miễn lệ phí")])
        #expect(first.source == "main-fields.csv:2")
        #expect(outcomes[1].failure?.issues.map(\.description) == ["main-fields.csv:3: metadata.lĩnh_vực: thiếu lĩnh vực"])
        let noColumns = ProcedureParser.parseCSV("Tên\nA\n", source: "x.csv")
        #expect(noColumns.first?.failure?.issues.first?.reason == "thiếu cột code, levels, sector")
    }

    @Test func csvWithAnUnclosedQuoteLosesOnlyThatLine() {
        let text = "code,name,levels,sector\n1.000001,\"Thủ tục A,Cấp Xã,Hộ tịch\n1.000002,Thủ tục B,Cấp Xã,Hộ tịch\n"
        let outcomes = ProcedureParser.parseCSV(text, source: "p.csv")
        #expect(outcomes.count == 2)
        #expect(outcomes[0].failure?.issues.map(\.description) == ["p.csv:2: dấu ngoặc kép mở ở dòng này không được đóng; dòng bị bỏ qua"])
        #expect((try? outcomes[1].get())?.record.code == "1.000002")
    }

    @Test(arguments: [
        ("1.013628", true), ("1.012753.H19", true), ("3.000421", true), ("1.13628", false), ("1.0136281", false),
        ("1.012753.h19", false), ("1.012753.H1", false), ("x.013628", false), ("", false), ("1.012753.H19.1", false),
    ])
    func codePattern(code: String, valid: Bool) {
        #expect(ProcedureCode.isValid(code) == valid)
    }

    @Test func missingMarkersBecomeNil() {
        #expect(MissingText.normalize("Không có thông tin") == nil)
        #expect(MissingText.normalize("  KHÔNG CÓ THÔNG TIN. ") == nil)
        #expect(MissingText.normalize("") == nil)
        #expect(MissingText.normalize(nil) == nil)
        #expect(MissingText.normalize(" Không ") == "Không")
        #expect(MissingText.display(nil) == "Không có thông tin")
    }

    @Test func levelsParseInCanonicalOrder() {
        let parsed = ProcedureLevel.parseList("Cấp Xã, Cấp Bộ, cấp tỉnh, Cấp Xã")
        #expect(parsed.levels == [.ministry, .province, .commune])
        #expect(parsed.unknown.isEmpty)
        #expect(ProcedureLevel.parseList("Cấp Huyện; Ấp").unknown == ["Ấp"])
    }
}

@Suite struct WorkingCalendarTests {
    @Test func twoWorkingDaysSkipWeekendsAndHolidays() throws {
        // Thursday 2025-04-24: Friday is one, Saturday/Sunday skipped, Monday is two.
        let calendar = WorkingCalendar()
        #expect(calendar.deadline(issued: try #require(CalendarDay(iso: "2025-04-24"))).iso == "2025-04-28")
        // With 30/4 and 1/5 as holidays, a document of Tuesday 29/4 counts Friday 2/5 and Monday 5/5.
        let (holidays, invalid) = WorkingCalendar.parse("2025-04-30, 2025-05-01 2025-13-01")
        #expect(invalid == ["2025-13-01"])
        #expect(holidays.deadline(issued: try #require(CalendarDay(iso: "2025-04-29"))).iso == "2025-05-05")
        #expect(!holidays.isWorkingDay(try #require(CalendarDay(iso: "2025-05-01"))))
    }

    @Test func daysParseStrictly() {
        #expect(CalendarDay(iso: "2025-02-29") == nil)
        #expect(CalendarDay(iso: "2024-02-29")?.vietnamese == "29/02/2024")
        #expect(CalendarDay(iso: "24-02-2024") == nil)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

@Suite struct ProcedureTableTextTests {
    @Test func tablesRoundTripThroughTheFormText() {
        let components = [DossierComponent(name: "Tờ khai", forms: ["a.docx", "b.doc"], originals: 1, copies: nil)]
        let text = ProcedureTableText.text(components)
        #expect(text == "Tờ khai | a.docx; b.doc | 1 | ")
        #expect(ProcedureTableText.components(text).rows == components)
        let channels = ProcedureTableText.channels("Trực tiếp | 03 ngày làm việc | Không có thông tin\n\n| x")
        #expect(channels.rows == [ProcedureChannel(method: "Trực tiếp", deadline: "03 ngày làm việc", fee: nil)])
        #expect(channels.problems == ["Dòng 3: cần «Hình thức nộp | Thời hạn | Phí, lệ phí»."])
        #expect(ProcedureTableText.components("Giấy | | hai").problems == ["Dòng 1: số bản chính phải là số nguyên không âm."])
        #expect(ProcedureTableText.legalBasis("60/2014/QH13 | Luật Hộ tịch").rows == [LegalBasis(number: "60/2014/QH13", summary: "Luật Hộ tịch")])
    }
}

@Suite struct DocumentFileKindTests {
    static let limit = 1 << 20

    @Test func kindsAreRecognisedByContent() throws {
        #expect(try DocumentFileKind.detect(Data("%PDF-1.7\n...".utf8), claimedExtension: "pdf", limit: Self.limit).get() == .pdf)
        let docx = Data([0x50, 0x4B, 0x03, 0x04]) + Data("....[Content_Types].xml....word/document.xml".utf8)
        #expect(try DocumentFileKind.detect(docx, claimedExtension: "docx", limit: Self.limit).get() == .docx)
        let xlsx = Data([0x50, 0x4B, 0x03, 0x04]) + Data("....xl/workbook.xml".utf8)
        #expect(try DocumentFileKind.detect(xlsx, claimedExtension: "XLSX", limit: Self.limit).get() == .xlsx)
        let doc = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data("W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0".utf8)
        #expect(try DocumentFileKind.detect(doc, claimedExtension: "doc", limit: Self.limit).get() == .doc)
    }

    @Test func executablesAndImpostorsAreRefused() {
        let elf = Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]) + Data(count: 100)
        #expect(DocumentFileKind.detect(elf, claimedExtension: "docx", limit: Self.limit).failure == .executable)
        #expect(DocumentFileKind.detect(Data("MZ\u{90}\0".utf8), claimedExtension: "pdf", limit: Self.limit).failure == .executable)
        #expect(DocumentFileKind.detect(Data("<html>".utf8), claimedExtension: "pdf", limit: Self.limit).failure == .unknown)
        #expect(DocumentFileKind.detect(Data("%PDF-1.4".utf8), claimedExtension: "docx", limit: Self.limit).failure == .mismatch(claimed: "docx", actual: .pdf))
        #expect(DocumentFileKind.detect(Data(), limit: Self.limit).failure == .empty)
        #expect(DocumentFileKind.detect(Data("%PDF-1.4".utf8) + Data(count: 20), limit: 10).failure == .tooLarge(limit: 10))
    }

    @Test func namesNeverCarryPaths() {
        #expect(SafeFileName.display("../../etc/passwd") == "passwd")
        #expect(SafeFileName.display("C:\\Users\\a\\Kế hoạch 125.pdf") == "Kế hoạch 125.pdf")
        #expect(SafeFileName.display("a\u{0}b\n\"c\".pdf") == "abc.pdf")
        #expect(SafeFileName.display("..") == "tep")
    }
}
