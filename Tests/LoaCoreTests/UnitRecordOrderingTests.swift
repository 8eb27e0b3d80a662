import LoaCore
import Testing

@Suite struct UnitRecordOrderingTests {
    func unit(_ code: String, _ parent: String?, line: Int, kind: UnitKind = .commune) -> UnitRecord {
        UnitRecord(code: code, name: "Đơn vị \(code)", kind: kind, parentCode: parent, line: line)
    }

    @Test func parentsComeFirstAndFileOrderIsKeptOtherwise() {
        let input = [
            unit("X1", "H1", line: 2),
            unit("H1", "T1", line: 3, kind: .district),
            unit("X2", "H1", line: 4),
            unit("T1", nil, line: 5, kind: .province),
            unit("X9", "EXISTING", line: 6),
        ]
        let result = UnitRecordParser.orderedParentsFirst(input)
        #expect(result.errors.isEmpty)
        #expect(result.records.map(\.code) == ["T1", "X9", "H1", "X1", "X2"])
    }

    @Test func duplicateCodesKeepTheFirst() {
        let result = UnitRecordParser.orderedParentsFirst([
            unit("A", nil, line: 2), unit("B", "A", line: 3), unit("A", nil, line: 7),
        ])
        #expect(result.records.map(\.line) == [2, 3])
        #expect(result.errors == [RecordError(line: 7, message: "duplicate code \"A\" (first used on line 2)")])
    }

    @Test func cyclesAndTheirDescendantsAreReported() {
        let result = UnitRecordParser.orderedParentsFirst([
            unit("OK", nil, line: 2),
            unit("A", "B", line: 3),
            unit("B", "A", line: 4),
            unit("C", "A", line: 5),
            unit("S", "S", line: 6),
        ])
        #expect(result.records.map(\.code) == ["OK"])
        #expect(
            result.errors == [
                RecordError(line: 3, message: "parent codes form a cycle: A → B → A"),
                RecordError(line: 4, message: "parent codes form a cycle: B → A → B"),
                RecordError(line: 5, message: "ancestor \"A\" is part of a parent-code cycle"),
                RecordError(line: 6, message: "parent codes form a cycle: S → S"),
            ])
    }

    @Test func deepChainGivenBackwards() {
        let input = (1...6).reversed().map { level in
            unit("L\(level)", level == 1 ? nil : "L\(level - 1)", line: 8 - level)
        }
        let result = UnitRecordParser.orderedParentsFirst(input)
        #expect(result.records.map(\.code) == ["L1", "L2", "L3", "L4", "L5", "L6"])
    }
}
