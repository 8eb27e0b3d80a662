import Foundation
import LoaCore
import Testing

@Suite struct UnitRecordJSONTests {
    func parse(_ json: String) -> (records: [UnitRecord], errors: [RecordError]) {
        UnitRecordParser.parseJSON(Data(json.utf8))
    }

    @Test func readsEnglishAndVietnameseKeys() {
        let result = parse(
            """
            [
              {"code": "83", "name": "Tỉnh Bến Tre", "kind": "Tỉnh", "parent_code": null},
              {"mã": "28756", "tên": "Xã Tân Phú Đông", "cấp": "Xã", "mã tỉnh": "83"},
              {"code": 831, "name": "Sở Nội vụ", "kind": "agency", "parent": "83", "note": true}
            ]
            """)
        #expect(result.errors.isEmpty)
        #expect(
            result.records == [
                UnitRecord(code: "83", name: "Tỉnh Bến Tre", kind: .province, parentCode: nil, line: 1),
                UnitRecord(code: "28756", name: "Xã Tân Phú Đông", kind: .commune, parentCode: "83", line: 2),
                UnitRecord(code: "831", name: "Sở Nội vụ", kind: .agency, parentCode: "83", line: 3),
            ])
    }

    @Test func badElementsAreReportedByPosition() {
        let result = parse(
            """
            [
              {"code": "1", "name": "Hà Nội", "kind": "Tỉnh"},
              "Hà Nội",
              {"code": "2", "name": "Ấp 3", "kind": "Ấp"},
              {"code": true, "name": "X", "kind": "Xã"},
              {"code": "3", "kind": "Xã"}
            ]
            """)
        #expect(result.records.map(\.code) == ["1"])
        #expect(
            result.errors == [
                RecordError(line: 2, message: "expected an object"),
                RecordError(line: 3, message: "unknown kind \"Ấp\""),
                RecordError(line: 4, message: "\"code\" must be a string or a whole number"),
                RecordError(line: 5, message: "missing name"),
            ])
    }

    @Test(arguments: [
        ("[{\"code\": \"1\" \"name\": \"x\"}]", 1, "invalid JSON at column 15: expected \",\" or \"}\" but found \"\"\""),
        (
            "[\n  {\"code\": \"1\", \"name\": \"Hà Nội\", \"kind\": \"Tỉnh\"},\n  {\"code\": \"2\", \"name\": tru}\n]", 3,
            "invalid JSON at column 25: unknown word; expected true, a number, a string, an object or an array"
        ),
        ("[\n  {\"code\": \"1\",\n   \"name\": \"Xã\n", 3, "invalid JSON at column 15: a string is not closed on its line"),
        ("[\n  {\"code\": \"1\"},\n", 3, "invalid JSON at column 1: the file ends where a value was expected"),
        ("[\n  {\"code\": \"1\"}\n  {\"code\": \"2\"}\n]", 3, "invalid JSON at column 3: expected \",\" or \"]\" but found \"{\""),
        ("\n\n[{\"mã\": '1'}]", 3, "invalid JSON at column 9: unexpected \"'\" where a value was expected"),
        ("[{\"code\": \"1\"}] x", 1, "invalid JSON at column 17: unexpected \"x\" after the end of the JSON value"),
    ])
    func malformedJSONIsOneErrorAtItsLineAndColumn(json: String, line: Int, message: String) {
        let result = parse(json)
        #expect(result.records.isEmpty)
        #expect(result.errors == [RecordError(line: line, message: message)])
    }

    @Test func topLevelMustBeAnArray() {
        let result = parse("{\"code\": \"1\", \"name\": \"Hà Nội\", \"kind\": \"Tỉnh\"}")
        #expect(result.errors == [RecordError(line: 1, message: "expected a JSON array of unit objects")])
    }

    @Test func emptyArrayIsFine() {
        let result = parse("[]")
        #expect(result.records.isEmpty && result.errors.isEmpty)
    }
}
