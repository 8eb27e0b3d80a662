import LoaCore
import Testing

@Suite struct UnitRecordCSVTests {
    @Test func readsVietnameseHeaderAndNames() {
        let csv = """
            Mã,Tên,Cấp,Mã cấp trên
            79,Thành phố Hồ Chí Minh,Thành phố Trung ương,
            26734,Phường Sài Gòn,Phường,79
            26740,Đặc khu Côn Đảo,Đặc khu,79
            """
        let result = UnitRecordParser.parseCSV(csv)
        #expect(result.errors.isEmpty)
        #expect(
            result.records == [
                UnitRecord(code: "79", name: "Thành phố Hồ Chí Minh", kind: .province, parentCode: nil, line: 2),
                UnitRecord(code: "26734", name: "Phường Sài Gòn", kind: .commune, parentCode: "79", line: 3),
                UnitRecord(code: "26740", name: "Đặc khu Côn Đảo", kind: .commune, parentCode: "79", line: 4),
            ])
    }

    @Test func handlesQuotesBOMAndCRLF() {
        let csv =
            "\u{FEFF}code,name,kind,parent_code\r\n"
            + "A1,\"Sở Nội vụ, tỉnh Bến Tre\",agency,83\r\n"
            + "A2,\"Ban \"\"Tiếp dân\"\"\",Cơ quan,83\r\n"
        let result = UnitRecordParser.parseCSV(csv)
        #expect(result.errors.isEmpty)
        #expect(result.records.map(\.name) == ["Sở Nội vụ, tỉnh Bến Tre", "Ban \"Tiếp dân\""])
        #expect(result.records.map(\.line) == [2, 3])
        #expect(result.records.allSatisfy { $0.kind == .agency && $0.parentCode == "83" })
    }

    @Test func quotedLineBreakKeepsPhysicalLineNumbers() {
        let csv = "code,name,kind\n\"X1\",\"Xã\nTân Phú\",Xã\n\nX2,,Xã\n"
        let result = UnitRecordParser.parseCSV(csv)
        #expect(result.records.map(\.code) == ["X1"])
        // "Xã\nTân Phú": the name's whitespace is normalised to single spaces.
        #expect(result.records.first?.name == "Xã Tân Phú")
        #expect(result.records.first?.line == 2)
        #expect(result.errors == [RecordError(line: 5, message: "missing name")])
    }

    @Test func badRowsAreReportedAndGoodRowsKept() {
        let csv = """
            ma,ten,loai,parent
            01,Hà Nội,Tỉnh,
            0101,Ấp Một,Ấp,01

            ,Xã Không Mã,Xã,01
            0102,Quận Ba Đình,Quận
            ,,Huyện,01
            0103,Quận Hoàn Kiếm,Quận,01
            """
        let result = UnitRecordParser.parseCSV(csv)
        #expect(result.records.map(\.code) == ["01", "0103"])
        #expect(
            result.errors == [
                RecordError(line: 3, message: "unknown kind \"Ấp\""),
                RecordError(line: 5, message: "missing code"),
                RecordError(line: 6, message: "expected 4 fields, found 3"),
                RecordError(line: 7, message: "missing code; missing name"),
            ])
        #expect(result.errors[0].description == "line 3: unknown kind \"Ấp\"")
    }

    @Test func missingKindIsNamed() {
        let result = UnitRecordParser.parseCSV("code,name,kind\nX,Xã A,  \n")
        #expect(result.errors == [RecordError(line: 2, message: "missing kind")])
    }

    @Test func anUnclosedQuoteCostsOnlyItsOwnLine() {
        let csv = "code,name,kind\nX1,Xã A,Xã\nX2,\"Xã B,Xã\nX3,Xã C,Xã\nX4,\"Xã D\",Xã\n"
        let result = UnitRecordParser.parseCSV(csv)
        #expect(result.records.map(\.code) == ["X1", "X3", "X4"])
        #expect(result.records.map(\.line) == [2, 4, 5])
        #expect(result.errors == [RecordError(line: 3, message: "the quote opened on this line is never closed; the line was skipped")])
        #expect(result.errors.first?.description == "line 3: the quote opened on this line is never closed; the line was skipped")
    }

    @Test func anUnclosedQuoteMidFileIsFoundWhenTheNextQuoteCannotCloseIt() {
        // The stray quote of line 3 would pair with the quote opening "Xã E" on line 5.
        let csv = "code,name,kind\r\nX1,Xã A,Xã\r\nX2,Xã \"B,Xã\r\nX3,\"Xã C,Xã\r\nX4,Xã D,Xã\r\nX5,\"Xã E\",Xã\r\n"
        let result = UnitRecordParser.parseCSV(csv)
        #expect(result.records.map(\.code) == ["X1", "X2", "X4", "X5"])
        #expect(result.records.first { $0.code == "X2" }?.name == "Xã \"B")
        #expect(result.errors.map(\.line) == [4])
    }

    @Test func closedMultiLineQuotesStillSpanLines() {
        let csv = "code,name,kind\nX1,\"Xã\r\nTân \"\"Phú\"\"\nmới\",Xã\nX2,\"Xã B\",Xã\n\"X3\",\"\",Xã"
        let result = UnitRecordParser.parseCSV(csv)
        #expect(result.records.map(\.code) == ["X1", "X2"])
        #expect(result.records.first?.name == "Xã Tân \"Phú\" mới")
        #expect(result.records.map(\.line) == [2, 5])
        #expect(result.errors == [RecordError(line: 6, message: "missing name")])
    }

    @Test func severalUnclosedQuotesAreEachReported() {
        let csv = "code,name,kind\nX1,\"Xã A,Xã\nX2,Xã B,Xã\nX3,\"Xã C,Xã\n"
        let result = UnitRecordParser.parseCSV(csv)
        #expect(result.records.map(\.code) == ["X2"])
        #expect(result.errors.map(\.line) == [2, 4])
    }

    @Test func missingRequiredColumns() {
        let result = UnitRecordParser.parseCSV("Mã,Tên đơn vị\n1,Hà Nội\n")
        #expect(result.records.isEmpty)
        #expect(result.errors.map(\.line) == [1, 1])
        #expect(result.errors.map(\.message).joined(separator: "|").contains("\"name\""))
        #expect(result.errors.map(\.message).joined(separator: "|").contains("\"kind\""))
    }

    @Test func emptyFileHasNoHeader() {
        #expect(UnitRecordParser.parseCSV("\u{FEFF}\n\n").errors == [RecordError(line: 1, message: "missing header row")])
    }

    @Test func headerNamesIgnoreCaseDiacriticsOrderAndSeparators() {
        let csv = "CẤP;Mã Tỉnh;TÊN;ma;Parent_Code\nHuyện;01;Huyện Sóc Sơn;016;01X\n"
        let result = UnitRecordParser.parseCSV(csv)
        #expect(result.errors.isEmpty)
        // parent_code has priority over "mã tỉnh" whatever the column order.
        #expect(
            result.records == [
                UnitRecord(code: "016", name: "Huyện Sóc Sơn", kind: .district, parentCode: "01X", line: 2)
            ])
    }

    @Test func trailingSpacesAndExcelEmptyRows() {
        let csv = "code,name,kind,parent_code\n 79 , Thành phố  Hồ Chí Minh ,tinh, \n,,,\n"
        let result = UnitRecordParser.parseCSV(csv)
        #expect(result.errors.isEmpty)
        #expect(
            result.records == [
                UnitRecord(code: "79", name: "Thành phố Hồ Chí Minh", kind: .province, parentCode: nil, line: 2)
            ])
    }
}
