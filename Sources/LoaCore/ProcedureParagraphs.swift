import Foundation

/// The paragraphs of a procedure's text as the national database gives it (issue #14): its line breaks,
/// and also the steps and numbered points that run on inside one line ("… thông tin. Bước 2. Cơ quan …",
/// "… NĐ-CP. 2. Đối với …"), which a reader at the desk or on the kiosk must see one under another.
public enum ProcedureParagraphs {
    /// A break goes before "Bước N." / "Bước N:", a numbered point "N. " starting a sentence, or a
    /// lettered point "a) ", when what precedes ends a sentence or a clause (. ; :).
    private static let runOnStart = try! NSRegularExpression(
        pattern: #"(?<=[.;:])[ \t]+(?=(?:Bước[ \t]+\d{1,2}[ \t]*[.:)]|\d{1,2}\.[ \t]+\p{Lu}|[a-zđ]\)[ \t]+\p{Lu}))"#)

    public static func split(_ text: String) -> [String] {
        let range = NSRange(text.startIndex..., in: text)
        let broken = runOnStart.stringByReplacingMatches(in: text, range: range, withTemplate: "\n")
        return broken.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
