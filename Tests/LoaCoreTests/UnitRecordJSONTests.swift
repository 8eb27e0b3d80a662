import Foundation
import Testing
import LoaCore

@Suite struct UnitRecordJSONTests {
    func parse(_ json: String) -> (records: [UnitRecord], errors: [RecordError]) {
        UnitRecordParser.parseJSON(Data(json.utf8))
    }

    @Test func readsEnglishAndVietnameseKeys() {
        let result = parse("""
        [
          {"code": "83", "name": "Tỉnh Bến Tre", "kind": "Tỉnh", "parent_code": null},
          {"mã": "28756", "tên": "Xã Tân Phú Đông", "cấp": "Xã", "mã tỉnh": "83"},
          {"code": 831, "name": "Sở Nội vụ", "kind": "agency", "parent": "83", "note": true}
        ]
        """)
        #expect(result.errors.isEmpty)
        #expect(result.records == [
            UnitRecord(code: "83", name: "Tỉnh Bến Tre", kind: .province, parentCode: nil, line: 1),
            UnitRecord(code: "28756", name: "Xã Tân Phú Đông", kind: .commune, parentCode: "83", line: 2),
            UnitRecord(code: "831", name: "Sở Nội vụ", kind: .agency, parentCode: "83", line: 3),
        ])
    }

    @Test func badElementsAreReportedByPosition() {
        let result = parse("""
        [
          {"code": "1", "name": "Hà Nội", "kind": "Tỉnh"},
          "Hà Nội",
          {"code": "2", "name": "Ấp 3", "kind": "Ấp"},
          {"code": true, "name": "X", "kind": "Xã"},
          {"code": "3", "kind": "Xã"}
        ]
        """)
        #expect(result.records.map(\.code) == ["1"])
        #expect(result.errors == [
            RecordError(line: 2, message: "expected an object"),
            RecordError(line: 3, message: "unknown kind \"Ấp\""),
            RecordError(line: 4, message: "\"code\" must be a string or a whole number"),
            RecordError(line: 5, message: "missing name"),
        ])
    }

    @Test func malformedJSONIsOneErrorAtLineZero() {
        let result = parse("[{\"code\": \"1\" \"name\": \"x\"}]")
        #expect(result.records.isEmpty)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.line == 0)
        #expect(result.errors.first?.message.hasPrefix("invalid JSON") == true)
    }

    @Test func topLevelMustBeAnArray() {
        let result = parse("{\"code\": \"1\", \"name\": \"Hà Nội\", \"kind\": \"Tỉnh\"}")
        #expect(result.errors == [RecordError(line: 0, message: "expected a JSON array of unit objects")])
    }

    @Test func emptyArrayIsFine() {
        let result = parse("[]")
        #expect(result.records.isEmpty && result.errors.isEmpty)
    }
}
