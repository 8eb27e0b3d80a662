/// One CSV record and the physical line it starts on.
package struct CSVRow: Equatable, Sendable {
    package var line: Int
    package var fields: [String]
}

package struct CSVTable: Equatable, Sendable {
    package var rows: [CSVRow]
    /// Lines where a quoted field opened and never properly closed. Each such record is dropped and
    /// reading resumes on the next physical line, so one stray quote costs only its own record.
    package var unclosedQuoteLines: [Int]
}

/// A small RFC 4180 reader: quoted fields may hold separators, doubled quotes and line
/// breaks; LF, CRLF and CR all end a record.
///
/// A quote that opens a field and is not closed before the end of the file, or whose closing quote
/// (after a line break) is followed by anything but a separator or a line end, was a stray quote: it
/// would otherwise swallow the following records into one field (issue #8). The record is reported at
/// the line where the quote opened and reading starts again on the next line. Every scalar is visited
/// a bounded number of times: after a failed quote, the text up to where the scan stopped holds no
/// quote that can open a field spanning lines, so no failure is rescanned.
package enum CSVReader {
    package static func read(_ text: String) -> CSVTable {
        readCountingSteps(text).table
    }

    /// `read` and the number of scalars visited (tests bound it by a multiple of the input).
    package static func readCountingSteps(_ text: String) -> (table: CSVTable, steps: Int) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var reader = CSVScanner(scalars: scalars, separator: detectSeparator(scalars))
        reader.run()
        return (CSVTable(rows: reader.rows, unclosedQuoteLines: reader.unclosedQuoteLines), reader.steps)
    }

    /// Spreadsheets set to Vietnamese use ";" as list separator (the decimal mark is ","),
    /// so a header line without commas but with semicolons selects ";".
    /// Only the first non-blank line (the header) is inspected.
    private static func detectSeparator(_ scalars: [Unicode.Scalar]) -> Unicode.Scalar {
        let firstLine =
            scalars
            .drop { $0.properties.isWhitespace }
            .prefix { $0 != "\n" && $0 != "\r" }
        if firstLine.contains(",") { return "," }
        if firstLine.contains(";") { return ";" }
        if firstLine.contains("\t") { return "\t" }
        return ","
    }
}

/// The reading state of `CSVReader`.
private struct CSVScanner {
    let scalars: [Unicode.Scalar]
    let separator: Unicode.Scalar
    var rows: [CSVRow] = []
    var unclosedQuoteLines: [Int] = []
    var steps = 0

    private var fields: [String] = []
    private var field = String.UnicodeScalarView()
    private var fieldWasQuoted = false
    private var rowWasQuoted = false
    private var line = 1
    private var rowStartLine = 1
    private var index = 0

    init(scalars: [Unicode.Scalar], separator: Unicode.Scalar) {
        self.scalars = scalars
        self.separator = separator
    }

    mutating func run() {
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            steps += 1
            switch scalar {
            case "\"" where field.isEmpty && !fieldWasQuoted:
                readQuotedField(openedAt: index - 1)
            case separator:
                endField()
            case "\r", "\n":
                if scalar == "\r" && index < scalars.count && scalars[index] == "\n" { index += 1 }
                endRow()
                line += 1
                rowStartLine = line
            default:
                // A stray quote inside an unquoted field is kept literally (lenient).
                field.append(scalar)
            }
        }
        if !fields.isEmpty || !field.isEmpty || fieldWasQuoted { endRow() }
    }

    /// Reads after an opening quote up to its closing quote, or gives the record up (see `CSVReader`).
    private mutating func readQuotedField(openedAt quote: Int) {
        let openingLine = line
        fieldWasQuoted = true
        while index < scalars.count {
            let scalar = scalars[index]
            let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
            index += 1
            steps += 1
            if scalar == "\"" {
                if next == "\"" {
                    field.append("\"")
                    index += 1
                    continue
                }
                let endsProperly = next == nil || next == separator || next == "\n" || next == "\r"
                // On its own line a quote closed early ("a"b) stays lenient: it cannot swallow records.
                if endsProperly || line == openingLine { return }
                return abandonRecord(openedAt: quote, line: openingLine)
            }
            // Count CRLF once, on its LF.
            if scalar == "\n" || (scalar == "\r" && next != "\n") { line += 1 }
            field.append(scalar)
        }
        abandonRecord(openedAt: quote, line: openingLine)
    }

    /// Drops the record whose quote opened at `quote` and resumes on the physical line after it.
    private mutating func abandonRecord(openedAt quote: Int, line openingLine: Int) {
        unclosedQuoteLines.append(openingLine)
        var resume = quote
        while resume < scalars.count, scalars[resume] != "\n", scalars[resume] != "\r" {
            resume += 1
            steps += 1
        }
        if resume < scalars.count {
            let isCRLF = scalars[resume] == "\r" && resume + 1 < scalars.count && scalars[resume + 1] == "\n"
            resume += isCRLF ? 2 : 1
        }
        index = resume
        fields = []
        field = String.UnicodeScalarView()
        fieldWasQuoted = false
        rowWasQuoted = false
        line = openingLine + 1
        rowStartLine = line
    }

    private mutating func endField() {
        fields.append(String(field))
        field = String.UnicodeScalarView()
        rowWasQuoted = rowWasQuoted || fieldWasQuoted
        fieldWasQuoted = false
    }

    private mutating func endRow() {
        endField()
        // Blank lines and Excel's empty ",,," rows carry no data.
        let isBlank =
            !rowWasQuoted
            && fields.allSatisfy {
                $0.allSatisfy { $0.isWhitespace }
            }
        if !isBlank { rows.append(CSVRow(line: rowStartLine, fields: fields)) }
        fields = []
        rowWasQuoted = false
    }
}
