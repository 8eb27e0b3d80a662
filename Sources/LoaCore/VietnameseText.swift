import Foundation

/// Normalisation of Vietnamese text for search indexes, look-ups and URLs.
public enum VietnameseText {
    /// Lowercased, đ/Đ→d, all diacritics removed (incl. letters with two marks like ẵ ỗ ướ),
    /// whitespace runs collapsed to one space, trimmed. Used for search indexes and look-ups.
    public static func fold(_ text: String) -> String {
        // Foundation's diacritic folding treats đ as a separate letter, not a "d" with a
        // mark, so it has to be replaced before folding.
        let withoutDStroke = text
            .replacingOccurrences(of: "đ", with: "d")
            .replacingOccurrences(of: "Đ", with: "D")
        let folded = withoutDStroke
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .lowercased()
        return folded
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
    }

    /// URL slug: fold, then every run of non [a-z0-9] becomes "-", trimmed of "-",
    /// cut at maxLength on a word boundary (never ending in "-"). Empty input -> "".
    public static func slug(_ text: String, maxLength: Int = 80) -> String {
        guard maxLength > 0 else { return "" }
        var slug = ""
        var pendingDash = false
        for scalar in fold(text).unicodeScalars {
            if isSlugCharacter(scalar) {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return truncated(slug, maxLength: maxLength)
    }

    private static func isSlugCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// Cuts an already-clean slug (ASCII only, single dashes) at a word boundary.
    private static func truncated(_ slug: String, maxLength: Int) -> String {
        guard slug.count > maxLength else { return slug }
        let characters = Array(slug)
        let head = characters[..<maxLength]
        // The cut already falls on a boundary when the next character is a dash.
        if characters[maxLength] == "-" { return String(head) }
        if let lastDash = head.lastIndex(of: "-") {
            return String(characters[..<lastDash])
        }
        // A single word longer than maxLength: a hard cut is the only option.
        return String(head)
    }
}
