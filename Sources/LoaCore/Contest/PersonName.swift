import Foundation

/// Participants' names: checked and normalised at registration, shortened for published results.
public enum PersonName {
    public static let maximumLength = 100

    /// Trimmed, runs of whitespace made one space, letters in precomposed (NFC) form so that the same
    /// name typed on two keyboards is stored once.
    public static func normalized(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
            .split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
    }

    /// The problem with a typed full name, or nil (field "fullName").
    public static func problem(_ text: String) -> FieldProblem? {
        let name = normalized(text)
        if name.isEmpty { return FieldProblem(field: "fullName", message: "Vui lòng nhập họ và tên.") }
        if name.count > maximumLength {
            return FieldProblem(field: "fullName", message: "Họ và tên không được dài quá \(maximumLength) ký tự.")
        }
        if let character = name.first(where: { !($0.isLetter || $0 == " " || $0 == "-" || $0 == "'") }) {
            return FieldProblem(field: "fullName", message: "Họ và tên chỉ gồm chữ cái và dấu cách; ký tự “\(character)” không hợp lệ.")
        }
        return nil
    }

    /// For published results: the family name (first word) and the given name (last word) kept, each
    /// middle name cut to its initial and a dot — "Nguyễn Thị Minh Khai" → "Nguyễn T. M. Khai". People
    /// recognise themselves (and are congratulated by colleagues) by family and given name; the middle
    /// names are what tells namesakes apart to a stranger, so they are what is hidden. Names of one or
    /// two words have no middle and are shown whole.
    public static func masked(_ fullName: String) -> String {
        let words = normalized(fullName).split(separator: " ")
        guard words.count > 2 else { return words.joined(separator: " ") }
        let middle = words.dropFirst().dropLast().map { word in word.prefix(1).uppercased() + "." }
        return ([String(words.first!)] + middle + [String(words.last!)]).joined(separator: " ")
    }
}
