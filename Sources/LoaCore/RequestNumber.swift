/// Whole numbers read from a request (query strings, form fields), parsed in one place into a bounded
/// range, so no arithmetic downstream can overflow: `?so-trang=9223372036854775807` once killed the
/// process through `(page - 1) * pageSize` (issue #8).
public enum RequestNumber {
    /// Pages of any listing: far beyond any real listing, small enough that `page * pageSize` never overflows.
    public static let pages: ClosedRange<Int> = 1...100_000

    /// The number when `text` is a whole number (surrounding spaces allowed) inside `range`, else nil.
    public static func parse<S: StringProtocol>(_ text: S?, in range: ClosedRange<Int>) -> Int? {
        guard let text else { return nil }
        let trimmed = text.trimmingASCIISpaces()
        // Longer than any Int: refuse before parsing (and Int's own parser refuses overflow too).
        guard !trimmed.isEmpty, trimmed.utf8.count <= 20, let value = Int(trimmed) else { return nil }
        return range.contains(value) ? value : nil
    }

    /// The number moved into `range` when it lies outside it; `fallback` when `text` is missing or not a
    /// whole number at all.
    public static func clamped<S: StringProtocol>(_ text: S?, to range: ClosedRange<Int>, fallback: Int) -> Int {
        guard let text else { return fallback }
        let trimmed = text.trimmingASCIISpaces()
        guard !trimmed.isEmpty, trimmed.utf8.count <= 40 else { return fallback }
        if let value = Int(trimmed) { return min(max(value, range.lowerBound), range.upperBound) }
        // Digits beyond Int's range: the nearest end of the range, not the fallback.
        let digits = trimmed.drop { $0 == "-" || $0 == "+" }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigitCharacter) else { return fallback }
        return trimmed.hasPrefix("-") ? range.lowerBound : range.upperBound
    }
}

extension StringProtocol {
    fileprivate func trimmingASCIISpaces() -> Substring {
        let text = Substring(self)
        guard let first = text.firstIndex(where: { $0 != " " }) else { return "" }
        let last = text.lastIndex(where: { $0 != " " })!
        return text[first...last]
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isWholeNumber }
}
