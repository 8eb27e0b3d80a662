import Foundation

/// What counts as a word for search, shared by query parsing and highlighting so a term
/// typed by the user is split exactly like the text it should highlight.
enum SearchWords {
    /// A character starting with a letter or a decimal digit. Deciding on whole characters
    /// keeps a decomposed "ế" (e + two combining marks) inside its word.
    static func isWordCharacter(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first else { return false }
        return isWordScalar(first)
    }

    /// Letters and decimal digits only: every quote, bracket, operator and emoji is out.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.generalCategory == .decimalNumber
    }

    /// Combining marks may follow a letter inside a word (diacritics without a
    /// precomposed form); nothing else may, whatever grapheme clustering glued on.
    static func isScalarInsideWord(_ scalar: Unicode.Scalar) -> Bool {
        if isWordScalar(scalar) { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Maximal runs of word characters, in order.
    static func words(in text: Substring) -> [Substring] {
        text.split(whereSeparator: { !isWordCharacter($0) })
    }

    /// Folded form of one word: lowercase, no diacritics, đ→d, only word scalars kept.
    static func folded(_ word: Substring) -> String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: VietnameseText.fold(String(word)).unicodeScalars.filter(isWordScalar))
        return String(result)
    }
}
