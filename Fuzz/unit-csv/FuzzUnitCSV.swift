// libFuzzer target for the CSV reader through the unit import (built by scripts/fuzz.sh).
// Beyond "no crash": the reader's work stays linear, rows and errors carry line numbers that exist,
// and a stray quote never makes the reader lose track of the lines after it.

import LoaCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUnitCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let scalarCount = text.unicodeScalars.count
    let (table, steps) = CSVReader.readCountingSteps(text)
    if steps > 3 * scalarCount + 8 { fatalError("CSV reading is not linear: \(steps) steps for \(scalarCount) scalars") }
    // Physical lines: LF, CRLF and CR each end one (counted on scalars: "\r\n" is one Character).
    let scalars = Array(text.unicodeScalars)
    var lineCount = 1
    for (position, scalar) in scalars.enumerated()
    where scalar == "\n" || (scalar == "\r" && (position + 1 == scalars.count || scalars[position + 1] != "\n")) {
        lineCount += 1
    }
    let rowLines = table.rows.map(\.line)
    if rowLines != rowLines.sorted() || Set(rowLines).count != rowLines.count { fatalError("rows out of order: \(rowLines)") }
    if table.unclosedQuoteLines != table.unclosedQuoteLines.sorted() { fatalError("quote errors out of order") }
    if let bad = (rowLines + table.unclosedQuoteLines).first(where: { $0 < 1 || $0 > lineCount }) {
        fatalError("line \(bad) outside 1...\(lineCount)")
    }
    let result = UnitRecordParser.parseCSV(text)
    if let bad = (result.records.map(\.line) + result.errors.map(\.line)).first(where: { $0 < 1 || $0 > lineCount }) {
        fatalError("unit import reports line \(bad) outside 1...\(lineCount)")
    }
    _ = UnitRecordParser.orderedParentsFirst(result.records)
    return 0
}
