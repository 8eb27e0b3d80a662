import Foundation

/// One administrative unit read from an import file (`loa import units FILE`).
public struct UnitRecord: Equatable, Sendable {
    public var code: String
    public var name: String
    public var kind: UnitKind
    /// nil for a top-level unit; may name a unit that already exists in the database.
    public var parentCode: String?
    /// 1-based line (CSV) or array position (JSON), for error messages.
    public var line: Int

    public init(code: String, name: String, kind: UnitKind, parentCode: String?, line: Int) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parentCode = parentCode
        self.line = line
    }
}

/// A problem with one line of an import file. Messages are English because they are
/// printed by the command-line tool for administrators.
public struct RecordError: Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// e.g. `line 7: unknown kind "Ấp"`
    public var description: String { "line \(line): \(message)" }
}

/// Reads unit lists; bad rows are reported and skipped, never abort the rest of the file.
public enum UnitRecordParser {
    /// CSV with a header row. Accepted header names (case/diacritic-insensitive):
    /// code|mã; name|tên; kind|cấp|loại; parent_code|parent|mã cấp trên|mã tỉnh|mã huyện
    /// (the first of these present, in that order). RFC 4180 quoting, UTF-8 BOM tolerated,
    /// blank lines skipped. Line numbers are 1-based physical lines (header = line 1).
    public static func parseCSV(_ text: String) -> (records: [UnitRecord], errors: [RecordError]) {
        let table = CSVReader.read(text)
        var (records, errors) = records(in: table)
        // A stray quote costs only its own record; the reader resumed on the next line.
        errors += table.unclosedQuoteLines.map { RecordError(line: $0, message: unclosedQuoteMessage) }
        // In line order; errors of the same line keep their order.
        errors = errors.enumerated()
            .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            .map(\.element)
        return (records, errors)
    }

    static let unclosedQuoteMessage = "the quote opened on this line is never closed; the line was skipped"

    private static func records(in table: CSVTable) -> (records: [UnitRecord], errors: [RecordError]) {
        guard let header = table.rows.first else {
            let isEmpty = table.unclosedQuoteLines.isEmpty
            return ([], isEmpty ? [RecordError(line: 1, message: "missing header row")] : [])
        }
        let columns = UnitColumnMap(names: header.fields)
        let missing = columns.missingRequiredColumns
        guard missing.isEmpty else {
            return ([], missing.map { RecordError(line: header.line, message: $0.missingMessage) })
        }
        var records: [UnitRecord] = []
        var errors: [RecordError] = []
        for row in table.rows.dropFirst() {
            guard row.fields.count == header.fields.count else {
                errors.append(
                    RecordError(
                        line: row.line,
                        message: "expected \(header.fields.count) fields, found \(row.fields.count)"))
                continue
            }
            switch UnitColumn.record(from: columns.values(in: row.fields), line: row.line) {
            case .record(let record): records.append(record)
            case .error(let error): errors.append(error)
            }
        }
        return (records, errors)
    }

    /// JSON: an array of objects with keys code, name, kind, parent_code (also accepts the
    /// Vietnamese keys of the CSV header). `line` = 1-based index of the element in the
    /// array. Malformed JSON → a single RecordError at the physical line of the first syntax
    /// error, its column in the message.
    public static func parseJSON(_ data: Data) -> (records: [UnitRecord], errors: [RecordError]) {
        UnitRecordJSON.parse(data)
    }

    /// Orders records so parents come before children (a parent may be in the file or already
    /// exist — unknown parents are left for the caller to report); reports cycles and
    /// duplicate codes within the file as errors.
    public static func orderedParentsFirst(_ records: [UnitRecord]) -> (records: [UnitRecord], errors: [RecordError]) {
        UnitRecordOrdering.order(records)
    }
}
