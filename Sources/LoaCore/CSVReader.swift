/// One CSV record and the physical line it starts on.
struct CSVRow: Equatable {
    var line: Int
    var fields: [String]
}

struct CSVTable: Equatable {
    var rows: [CSVRow]
    /// Set when a quoted field never closes; everything from that line on is lost.
    var unterminatedQuoteLine: Int?
}

/// A small RFC 4180 reader: quoted fields may hold separators, doubled quotes and line
/// breaks; LF, CRLF and CR all end a record.
enum CSVReader {
    static func read(_ text: String) -> CSVTable {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        let separator = detectSeparator(scalars)

        var rows: [CSVRow] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var fieldWasQuoted = false
        var rowWasQuoted = false
        var inQuotes = false
        var line = 1
        var rowStartLine = 1

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            rowWasQuoted = rowWasQuoted || fieldWasQuoted
            fieldWasQuoted = false
        }
        func endRow() {
            endField()
            // Blank lines and Excel's empty ",,," rows carry no data.
            let isBlank = !rowWasQuoted && fields.allSatisfy {
                $0.allSatisfy { $0.isWhitespace }
            }
            if !isBlank { rows.append(CSVRow(line: rowStartLine, fields: fields)) }
            fields = []
            rowWasQuoted = false
        }

        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
            index += 1
            if inQuotes {
                if scalar == "\"" {
                    if next == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                    }
                    continue
                }
                // Count CRLF once, on its LF.
                if scalar == "\n" || (scalar == "\r" && next != "\n") { line += 1 }
                field.append(scalar)
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty && !fieldWasQuoted:
                inQuotes = true
                fieldWasQuoted = true
            case separator:
                endField()
            case "\r", "\n":
                if scalar == "\r" && next == "\n" { index += 1 }
                endRow()
                line += 1
                rowStartLine = line
            default:
                // A stray quote inside an unquoted field is kept literally (lenient).
                field.append(scalar)
            }
        }
        if inQuotes {
            return CSVTable(rows: rows, unterminatedQuoteLine: rowStartLine)
        }
        if !fields.isEmpty || !field.isEmpty || fieldWasQuoted { endRow() }
        return CSVTable(rows: rows, unterminatedQuoteLine: nil)
    }

    /// Spreadsheets set to Vietnamese use ";" as list separator (the decimal mark is ","),
    /// so a header line without commas but with semicolons selects ";".
    /// Only the first non-blank line (the header) is inspected.
    private static func detectSeparator(_ scalars: [Unicode.Scalar]) -> Unicode.Scalar {
        let firstLine = scalars
            .drop { $0.properties.isWhitespace }
            .prefix { $0 != "\n" && $0 != "\r" }
        if firstLine.contains(",") { return "," }
        if firstLine.contains(";") { return ";" }
        if firstLine.contains("\t") { return "\t" }
        return ","
    }
}
