import Foundation

/// The words "Nghe bài viết" reads for an article (issue #11): its title, its summary and its body
/// as plain text, without the marks Markdown uses for the eye (headings, emphasis, link targets,
/// images, table rules). Linear in the length of the body.
public enum ArticleReading {
    /// Said at the end when the article was longer than one reading may be.
    public static let cutNotice = "Mời quý vị đọc toàn văn bài viết trên trang thông tin điện tử."

    public static func text(title: String, summary: String, body: String, maximumLength: Int) -> String {
        var parts = [sentence(title)]
        if !summary.isEmpty { parts.append(sentence(summary)) }
        parts += body.split(whereSeparator: \.isNewline).compactMap { line in
            let plain = plainLine(Substring(line))
            return plain.isEmpty ? nil : sentence(plain)
        }
        let whole = parts.joined(separator: "\n")
        guard whole.count > maximumLength else { return whole }
        // Cut at the last sentence that fits beside the notice.
        let room = whole.prefix(max(0, maximumLength - cutNotice.count - 1))
        let end = room.lastIndex { $0 == "." || $0 == "\n" || $0 == "!" || $0 == "?" }.map { room.index(after: $0) } ?? room.endIndex
        return room[..<end].trimmingCharacters(in: .whitespacesAndNewlines) + "\n" + cutNotice
    }

    /// "42 giây", "3 phút 5 giây", "12 phút": how long a reading lasts, to the second.
    public static func duration(_ seconds: Double) -> String {
        let total = max(0, Int(seconds.rounded()))
        let (minutes, rest) = (total / 60, total % 60)
        if minutes == 0 { return "\(rest) giây" }
        return rest == 0 ? "\(minutes) phút" : "\(minutes) phút \(rest) giây"
    }

    /// Ends a line that has no closing punctuation with a full stop, so the voice pauses.
    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let last = trimmed.last else { return trimmed }
        return ".!?:;…".contains(last) ? trimmed : trimmed + "."
    }

    /// One Markdown line as it is heard: images dropped, links as their text, marks removed.
    static func plainLine(_ line: Substring) -> String {
        var text = line.drop { $0 == " " || $0 == "#" || $0 == ">" }
        if text.hasPrefix("- ") || text.hasPrefix("* ") || text.hasPrefix("+ ") { text = text.dropFirst(2) }
        // A table's rule line (|---|:--:|) says nothing.
        if text.allSatisfy({ "|-: ".contains($0) }) { return "" }
        var out = ""
        // Once a closing mark is known to be absent from the rest of the line, it is not searched again:
        // a line of many unclosed brackets stays linear.
        var closers = Closers()
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "!", text[text.index(after: index)...].first == "[" {
                // ![alt](src): skipped whole.
                index = skipLink(text, from: text.index(after: index), closers: &closers).end
                continue
            }
            if character == "[" {
                let link = skipLink(text, from: index, closers: &closers)
                out += link.label
                index = link.end
                continue
            }
            if "*_`|".contains(character) {
                if character == "|" { out += ", " }
                index = text.index(after: index)
                continue
            }
            out.append(character)
            index = text.index(after: index)
        }
        return out.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            .replacingOccurrences(of: " ,", with: ",").trimmingCharacters(in: CharacterSet(charactersIn: ", "))
    }

    private struct Closers {
        var bracketMissing = false
        var parenthesisMissing = false
    }

    /// At `[`: the label up to `]` and the index past a following `(target)`; an unclosed bracket is
    /// kept as text.
    private static func skipLink(_ text: Substring, from start: Substring.Index, closers: inout Closers) -> (label: String, end: Substring.Index) {
        let afterBracket = text.index(after: start)
        guard !closers.bracketMissing, let close = text[afterBracket...].firstIndex(of: "]") else {
            closers.bracketMissing = true
            return ("[", afterBracket)
        }
        let label = String(text[afterBracket..<close])
        let next = text.index(after: close)
        guard next < text.endIndex, text[next] == "(" else { return (label, next) }
        guard !closers.parenthesisMissing, let end = text[next...].firstIndex(of: ")") else {
            closers.parenthesisMissing = true
            return (label, next)
        }
        return (label, text.index(after: end))
    }
}
