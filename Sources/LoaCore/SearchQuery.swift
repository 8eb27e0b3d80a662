import Foundation

/// A user's search text turned into terms that are safe to hand to SQLite FTS5 or
/// PostgreSQL full-text search. Both indexes hold text folded by `VietnameseText.fold`.
public struct SearchQuery: Equatable, Sendable {
    static let maximumInputLength = 500
    static let maximumTerms = 12
    static let maximumTermLength = 40

    /// Folded terms (lowercase, no diacritics, đ→d), split on anything that is not a letter
    /// or digit; at most 12, each at most 40 characters; duplicates removed, order kept.
    public var foldedTerms: [String]
    /// The same words with their diacritics kept (lowercased, NFC), parallel to
    /// `foldedTerms`, to rank exact-diacritic matches higher. Empty without diacritics.
    public var exactTerms: [String]
    public var hasDiacritics: Bool
    public var isEmpty: Bool { foldedTerms.isEmpty }

    /// Accepts any input. Only letters and digits survive, so no quote, operator or
    /// bracket can reach the engines; the input is cut to its first 500 characters first
    /// so a pasted document cannot make parsing expensive.
    public init(_ raw: String) {
        let input = String(raw.prefix(Self.maximumInputLength)).precomposedStringWithCanonicalMapping
        var folded: [String] = []
        var exact: [String] = []
        var seen: Set<String> = []
        for word in SearchWords.words(in: input[...]) where folded.count < Self.maximumTerms {
            let term = String(SearchWords.folded(word).prefix(Self.maximumTermLength))
            guard !term.isEmpty, seen.insert(term).inserted else { continue }
            folded.append(term)
            exact.append(Self.exactForm(of: word))
        }
        foldedTerms = folded
        hasDiacritics = zip(folded, exact).contains { $0 != $1 }
        exactTerms = hasDiacritics ? exact : []
    }

    /// Lowercased NFC with grapheme-glued junk removed, cut like the folded term.
    private static func exactForm(of word: Substring) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: word.lowercased().unicodeScalars.filter(SearchWords.isScalarInsideWord))
        return String(String(scalars).precomposedStringWithCanonicalMapping.prefix(maximumTermLength))
    }

    /// FTS5 MATCH expression, e.g. `"cai" "cach"*`: every term quoted so words like NEAR or
    /// OR are never operators; the last one is a prefix so results appear while typing.
    /// Terms separated by spaces are ANDed. Empty when `isEmpty`.
    public var fts5Expression: String {
        guard let last = foldedTerms.last else { return "" }
        let quoted = foldedTerms.dropLast().map { "\"\($0)\"" } + ["\"\(last)\"*"]
        return quoted.joined(separator: " ")
    }

    /// Argument of PostgreSQL `to_tsquery('simple', …)`, e.g. `cai & cach:*`. Terms are
    /// letters and digits only, so none can be read as a tsquery operator. Empty when `isEmpty`.
    public var tsQueryExpression: String {
        guard let last = foldedTerms.last else { return "" }
        return (foldedTerms.dropLast() + ["\(last):*"]).joined(separator: " & ")
    }
}
