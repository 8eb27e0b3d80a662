/// Inline spans: emphasis, code and links; everything else is escaped text.
///
/// Linear in the length of the text (issue #8): every delimiter a span may close on is looked up in
/// tables built by one backward pass, so a run of 24,000 `[` (or `*`, `` ` ``) never re-reads the rest of
/// the line for each opener. Spans nest only a bounded number of levels (strong holds no `**`, emphasis
/// no `*`, a link label no `]`), and each level reads only its own characters.
struct InlineRenderer {
    private let characters: [Character]
    /// For each position p, the first position ≥ p holding the delimiter (characters.count if none).
    private var nextBacktick: [Int]
    private var nextStar: [Int]
    private var nextDoubleStar: [Int]
    private var nextCloseBracket: [Int]
    private var nextCloseParen: [Int]
    /// Characters visited, to let tests prove the work is linear without timing it.
    private(set) var steps = 0

    init(_ text: String) {
        characters = Array(text)
        let count = characters.count
        nextBacktick = Array(repeating: count, count: count + 2)
        nextStar = nextBacktick
        nextDoubleStar = nextBacktick
        nextCloseBracket = nextBacktick
        nextCloseParen = nextBacktick
        for position in stride(from: count - 1, through: 0, by: -1) {
            let character = characters[position]
            nextBacktick[position] = character == "`" ? position : nextBacktick[position + 1]
            nextStar[position] = character == "*" ? position : nextStar[position + 1]
            let double = character == "*" && position + 1 < count && characters[position + 1] == "*"
            nextDoubleStar[position] = double ? position : nextDoubleStar[position + 1]
            nextCloseBracket[position] = character == "]" ? position : nextCloseBracket[position + 1]
            nextCloseParen[position] = character == ")" ? position : nextCloseParen[position + 1]
        }
        steps = count
    }

    /// The HTML of the whole text.
    mutating func render() -> String {
        var output = ""
        output.reserveCapacity(characters.count)
        render(0, characters.count, into: &output)
        return output
    }

    private mutating func render(_ low: Int, _ high: Int, into output: inout String) {
        var index = low
        while index < high {
            steps += 1
            let character = characters[index]
            if character == "`", let end = found(nextBacktick, from: index + 1, before: high) {
                output += "<code>"
                escape(index + 1, end, into: &output)
                output += "</code>"
                index = end + 1
            } else if character == "*", index + 1 < high, characters[index + 1] == "*",
                let end = found(nextDoubleStar, from: index + 2, before: high - 1), end > index + 2
            {
                output += "<strong>"
                render(index + 2, end, into: &output)
                output += "</strong>"
                index = end + 2
            } else if character == "*", let end = found(nextStar, from: index + 1, before: high), end > index + 1 {
                output += "<em>"
                render(index + 1, end, into: &output)
                output += "</em>"
                index = end + 1
            } else if character == "[", let end = link(at: index, before: high, into: &output) {
                index = end + 1
            } else {
                escape(index, index + 1, into: &output)
                index += 1
            }
        }
    }

    /// `[text](url)` starting at `open`: the label runs to the first `]`, which must be followed by `(`;
    /// the target runs to the next `)`. An unsafe target leaves the text without a link.
    /// Returns the position of the closing `)`, or nil when there is no link here.
    private mutating func link(at open: Int, before high: Int, into output: inout String) -> Int? {
        guard let close = found(nextCloseBracket, from: open + 1, before: high),
            close + 1 < high, characters[close + 1] == "(",
            let end = found(nextCloseParen, from: close + 2, before: high)
        else { return nil }
        let target = String(characters[(close + 2)..<end])
        steps += end - close
        if let url = MarkdownHTML.safeURL(target) {
            output += "<a href=\"\(MarkdownHTML.escape(url))\">"
            render(open + 1, close, into: &output)
            output += "</a>"
        } else {
            render(open + 1, close, into: &output)
        }
        return end
    }

    /// The table's answer for `position` if it lies before `limit`.
    private func found(_ table: [Int], from position: Int, before limit: Int) -> Int? {
        let next = table[position]
        return next < limit ? next : nil
    }

    private mutating func escape(_ low: Int, _ high: Int, into output: inout String) {
        steps += high - low
        output += MarkdownHTML.escape(String(characters[low..<high]))
    }
}

/// Sums the steps of the inline renders of one document.
final class InlineWork {
    var steps = 0
}

enum Inline {
    static func render(_ text: String, counting work: InlineWork? = nil) -> String {
        var renderer = InlineRenderer(text)
        let html = renderer.render()
        work?.steps += renderer.steps
        return html
    }
}
