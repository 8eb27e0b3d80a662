/// CSV for spreadsheets: every text field quoted, formulas defused, UTF-8 with a byte-order mark and
/// CRLF line ends so Excel opens Vietnamese text correctly.
public enum CSVWriter {
    /// A text field: quoted, quotes doubled; a leading =, +, - or @ (read as a formula by spreadsheets)
    /// gets an apostrophe before it.
    public static func text(_ value: String) -> String {
        let safe = value.first.map { "=+-@".contains($0) } == true ? "'" + value : value
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Lines of already formatted fields (`text(_:)` for text, plain digits for numbers).
    public static func document(_ lines: [[String]]) -> String {
        "\u{FEFF}" + lines.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
