import Foundation

/// A piece of a search-result snippet. The caller escapes `text` and wraps matches in
/// `<mark>`, so no HTML is ever built here.
public struct HighlightSegment: Equatable, Sendable {
    public var text: String
    public var isMatch: Bool

    public init(text: String, isMatch: Bool) {
        self.text = text
        self.isMatch = isMatch
    }
}

/// Builds the excerpt shown under each search result.
public enum SearchHighlight {
    /// At most `maxLength` characters (the "…" marks included), cut at word boundaries,
    /// around the first word matching a term (from the start when nothing matches). A word
    /// matches when its folded form starts with a folded term, so "cai cach" marks "cải cách"
    /// and the prefix term "hanh" marks "hành". Whitespace runs become one space because
    /// snippets are shown on one line.
    public static func snippet(_ text: String, terms: [String], maxLength: Int = 200) -> [HighlightSegment] {
        let tokens = SnippetToken.split(text.withoutSurroundingWhitespace)
        guard maxLength > 0, !tokens.isEmpty else { return [] }
        let foldedTerms = terms.flatMap { SearchWords.words(in: $0[...]).map(SearchWords.folded) }
            .filter { !$0.isEmpty }
        // Folding is the costly part and articles repeat the same few hundred syllables,
        // so each distinct word is folded once (a 6 KB body without a match: 5.7 → <1 ms).
        var verdicts: [String: Bool] = [:]
        func isMatch(_ token: SnippetToken) -> Bool {
            guard token.isWord, !foldedTerms.isEmpty else { return false }
            if let known = verdicts[token.text] { return known }
            let word = SearchWords.folded(token.text[...])
            let verdict = foldedTerms.contains { word.hasPrefix($0) }
            verdicts[token.text] = verdict
            return verdict
        }
        let match = tokens.firstIndex(where: isMatch)
        let window = SnippetWindow(tokens: tokens, maxLength: maxLength)
        let anchor = match ?? 0
        var pieces: [HighlightSegment] = []
        // A third of the room goes before the match so the reader sees what leads to it.
        if let range = window.range(around: anchor, contextBefore: match == nil ? 0 : maxLength / 3) {
            if range.cutBefore { pieces.append(HighlightSegment(text: "…", isMatch: false)) }
            for token in tokens[range.shown] { pieces.append(HighlightSegment(text: token.text, isMatch: isMatch(token))) }
            if range.cutAfter { pieces.append(HighlightSegment(text: "…", isMatch: false)) }
        } else {
            // One word longer than the whole snippet: a hard cut is the only option.
            let cutBefore = anchor > 0
            let room = maxLength - 1 - (cutBefore ? 1 : 0)
            guard room > 0 else { return [HighlightSegment(text: "…", isMatch: false)] }
            if cutBefore { pieces.append(HighlightSegment(text: "…", isMatch: false)) }
            pieces.append(HighlightSegment(text: String(tokens[anchor].text.prefix(room)), isMatch: match != nil))
            pieces.append(HighlightSegment(text: "…", isMatch: false))
        }
        return merged(pieces)
    }

    /// Adjacent plain pieces become one segment, so the caller gets text, mark, text, ….
    private static func merged(_ pieces: [HighlightSegment]) -> [HighlightSegment] {
        var segments: [HighlightSegment] = []
        for piece in pieces {
            if !piece.isMatch, let last = segments.last, !last.isMatch {
                segments[segments.count - 1].text += piece.text
            } else {
                segments.append(piece)
            }
        }
        return segments
    }
}

/// A maximal run of word characters, or of everything in between.
private struct SnippetToken {
    var text: String
    var isWord: Bool

    static func split(_ text: String) -> [SnippetToken] {
        var tokens: [SnippetToken] = []
        for character in text {
            let isWord = SearchWords.isWordCharacter(character)
            let piece = !isWord && character.isWhitespace ? " " : String(character)
            if let last = tokens.last, last.isWord == isWord {
                if !(piece == " " && last.text.hasSuffix(" ")) { tokens[tokens.count - 1].text += piece }
            } else {
                tokens.append(SnippetToken(text: piece, isWord: isWord))
            }
        }
        return tokens
    }
}

/// Grows a token range around an anchor while it fits in `maxLength` characters.
private struct SnippetWindow {
    let tokens: [SnippetToken]
    let maxLength: Int
    /// `prefixLengths[i]` = characters in tokens[0..<i].
    let prefixLengths: [Int]

    init(tokens: [SnippetToken], maxLength: Int) {
        self.tokens = tokens
        self.maxLength = maxLength
        var sums = [0]
        for token in tokens { sums.append(sums.last! + token.text.count) }
        prefixLengths = sums
    }

    struct Range {
        var shown: Swift.Range<Int>
        var cutBefore: Bool
        var cutAfter: Bool
    }

    /// Where text was cut, the separator at the edge is dropped so "…" touches a word.
    func visible(_ lo: Int, _ hi: Int) -> Range {
        let cutBefore = lo > 0, cutAfter = hi < tokens.count
        let start = cutBefore && !tokens[lo].isWord ? lo + 1 : lo
        let end = cutAfter && !tokens[hi - 1].isWord ? hi - 1 : hi
        return Range(shown: start..<max(start, end), cutBefore: cutBefore, cutAfter: cutAfter)
    }

    func length(_ lo: Int, _ hi: Int) -> Int {
        let range = visible(lo, hi)
        let ellipses = (range.cutBefore ? 1 : 0) + (range.cutAfter ? 1 : 0)
        return prefixLengths[range.shown.upperBound] - prefixLengths[range.shown.lowerBound] + ellipses
    }

    /// nil when the anchor token alone does not fit.
    func range(around anchor: Int, contextBefore: Int) -> Range? {
        var lo = anchor, hi = anchor + 1
        guard length(lo, hi) <= maxLength else { return nil }
        while lo > 0, prefixLengths[anchor] - prefixLengths[lo - 1] <= contextBefore, length(lo - 1, hi) <= maxLength {
            lo -= 1
        }
        while hi < tokens.count, length(lo, hi + 1) <= maxLength { hi += 1 }
        // Near the end of the text, unused room goes to more context before the match.
        while lo > 0, length(lo - 1, hi) <= maxLength { lo -= 1 }
        return visible(lo, hi)
    }
}
