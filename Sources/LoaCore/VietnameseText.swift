import Foundation

/// Normalisation of Vietnamese text for search indexes, look-ups and URLs.
public enum VietnameseText {
    /// Lowercased, đ/Đ→d, all diacritics removed (incl. letters with two marks like ẵ ỗ ướ),
    /// whitespace runs collapsed to one space, trimmed. Used for search indexes and look-ups.
    ///
    /// Runs scalar by scalar over a table built once from Foundation's folding: folding whole
    /// article bodies with `String.folding` took most of a 100,000-article import (issue #3).
    public static func fold(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if (0x300...0x36F).contains(scalar.value) { continue }  // a combining mark of decomposed text
            if pendingSpace { result.append(" "); pendingSpace = false }
            if scalar.isASCII {
                result.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar)
            } else if let folded = foldTable[scalar] {
                result.append(contentsOf: folded)
            } else {
                result.append(contentsOf: Self.slowFold(scalar))
            }
        }
        return String(result)
    }

    /// Latin letters with marks (U+00C0–U+024F, U+1E00–U+1EFF) folded once, the Foundation way.
    private static let foldTable: [Unicode.Scalar: [Unicode.Scalar]] = {
        var table: [Unicode.Scalar: [Unicode.Scalar]] = [:]
        for range in [0xC0...0x24F, 0x1E00...0x1EFF] {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                table[scalar] = Array(slowFold(scalar))
            }
        }
        return table
    }()

    private static func slowFold(_ scalar: Unicode.Scalar) -> String.UnicodeScalarView {
        if scalar == "đ" || scalar == "Đ" { return "d".unicodeScalars }
        return String(Character(scalar)).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased().unicodeScalars
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
