import LoaCore
import Testing

/// Seeded random tables written the RFC 4180 way must read back exactly, and a stray quote dropped into
/// one record must cost that record alone (issue #8), with work counted, never timed.
@Suite struct CSVReaderPropertyTests {
    static let pieces = ["Xã", "Tân Phú", ",", "\"", "\n", "\r\n", " ", "Ấp 3", ";", "\t", "a\"b"]

    func randomField(using random: inout SeededRandom) -> String {
        (0..<Int.random(in: 1...4, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
    }

    /// Quotes every field, doubling inner quotes, so any content survives.
    func write(_ rows: [[String]]) -> String {
        rows.map { row in row.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") }
            .joined(separator: "\n") + "\n"
    }

    @Test func quotedTablesReadBackExactly() {
        var random = SeededRandom(seed: 10)
        for _ in 0..<500 {
            let rows = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                (0..<3).map { _ in randomField(using: &random) }
            }
            let table = CSVReader.read(write([["a", "b", "c"]] + rows))
            #expect(table.rows.map(\.fields) == [["a", "b", "c"]] + rows)
            #expect(table.unclosedQuoteLines.isEmpty)
        }
    }

    @Test func aStrayQuoteCostsOnlyItsRecord() {
        var random = SeededRandom(seed: 5)
        for _ in 0..<500 {
            let count = Int.random(in: 2...12, using: &random)
            var lines = (0..<count).map { "M\($0),Tên \($0),Xã" }
            let broken = Int.random(in: 0..<count, using: &random)
            lines[broken] = "M\(broken),\"Tên \(broken),Xã"
            // Sometimes a later record has a quoted field the stray quote could pair with.
            if broken + 2 < count, Bool.random(using: &random) { lines[broken + 2] = "M\(broken + 2),\"Tên \(broken + 2)\",Xã" }
            let table = CSVReader.read(lines.joined(separator: Bool.random(using: &random) ? "\n" : "\r\n"))
            #expect(table.unclosedQuoteLines == [broken + 1])
            #expect(table.rows.map(\.line) == (1...count).filter { $0 != broken + 1 })
            #expect(table.rows.allSatisfy { $0.fields.count == 3 })
        }
    }

    @Test(arguments: ["\"a\n", "a,\"b\n", "\"\n", "\"\"\"\n", "x\"\n", "\"a\"b\n", "\"\r"])
    func readingIsLinearOnHostileLines(_ line: String) {
        for repetitions in [5_000, 20_000] {
            let text = String(repeating: line, count: repetitions)
            let steps = CSVReader.readCountingSteps(text).steps
            #expect(steps <= 3 * text.unicodeScalars.count, "\(line.debugDescription) × \(repetitions): \(steps)")
        }
    }
}
