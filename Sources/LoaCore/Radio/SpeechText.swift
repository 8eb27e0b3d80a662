/// A text that failed to be prepared for reading, with a Vietnamese message for the editor.
public enum SpeechTextError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text has more characters than a bulletin may have.
    case tooLong(length: Int, maximum: Int)

    public var message: String {
        switch self {
        case .tooLong(let length, let maximum):
            "Văn bản dài \(length) ký tự, vượt quá giới hạn \(maximum) ký tự của một bản tin đọc tự động."
        }
    }

    public var description: String { message }
}

/// The Vietnamese reading normaliser: turns text written to be read aloud into text that a Vietnamese
/// text-to-speech voice (espeak-ng `vi`) pronounces correctly.
///
/// What it rewrites (see `VietnameseNumberWords` for how numbers are said):
/// - whole numbers, with dots as thousands separators ("1.250.000") and a comma as the decimal mark
///   ("2,5" → "hai phẩy năm"); a minus sign before a number is "âm"; a dash between two numbers is "đến";
/// - dates "27/04/2020" → "ngày hai mươi bảy tháng tư năm …", "04/2020" → "tháng tư năm …" (months are
///   "tháng một" … "tháng mười hai", with "tháng tư"; "tháng giêng/chạp" are lunar and not used here);
///   "27/4" is a date only after the word "ngày", otherwise it is a ratio ("ba trên năm");
/// - times "05:30", "5h30", "17h" → "năm giờ ba mươi phút", "mười bảy giờ";
/// - percentages, and money written "50.000đ" or "50.000 VNĐ" (through the abbreviation table);
/// - phone numbers (a leading 0 and 9–11 digits, grouped by spaces, dots or dashes or not at all),
///   read digit by digit group by group;
/// - document numbers "45/KH-UBND", "45/2020/NĐ-CP" → "số bốn mươi lăm, kế hoạch, ủy ban nhân dân": the
///   number in words ("số" unless the text already says it), the year, then each part of the symbol
///   expanded from the abbreviation table (an unknown part is kept as written);
/// - abbreviations from a table (`SpeechAbbreviations.standard` plus the caller's entries).
/// Digits glued to letters ("H19", "5ha", "3G") and unknown words are left as written.
///
/// Reading is one left-to-right scan; every look-ahead is bounded (abbreviation keys, phone groups) or
/// consumes what it reads, so the time is linear in the length of the text.
public struct SpeechText: Sendable {
    public static let defaultMaximumLength = 20_000

    public let abbreviations: [String: String]
    public let maximumLength: Int
    let longestKey: Int

    /// - extraAbbreviations: entries that add to or override the standard table (see
    ///   `SpeechAbbreviations.problem(key:expansion:)` to check an administrator's entry first).
    /// - maximumLength: texts with more characters are refused.
    public init(extraAbbreviations: [String: String] = [:], maximumLength: Int = SpeechText.defaultMaximumLength) {
        let table = SpeechAbbreviations.standard.merging(extraAbbreviations) { _, extra in extra }
        abbreviations = table.filter { $0.key.count <= SpeechAbbreviations.maximumKeyLength && !$0.key.isEmpty }
        longestKey = abbreviations.keys.map(\.count).max() ?? 0
        self.maximumLength = maximumLength
    }

    /// The text as it should be read aloud.
    public func reading(_ text: String) throws(SpeechTextError) -> String {
        // Counting stops just past the limit; only a refused text is counted whole, for the message.
        if text.prefix(maximumLength + 1).count > maximumLength {
            throw .tooLong(length: text.count, maximum: maximumLength)
        }
        var reader = SpeechTextReader(characters: Array(text), speech: self)
        return reader.read()
    }
}

/// The scanning state of one reading.
struct SpeechTextReader {
    let characters: [Character]
    let speech: SpeechText
    var output = ""
    var position = 0
    /// The last word written, lowercased, while only spaces follow it: "ngày", "số", "tháng" change how
    /// the next number is read.
    var lastWord = ""
    /// The last thing written was a number (so a dash followed by a digit means "đến").
    var afterNumber = false

    init(characters: [Character], speech: SpeechText) {
        self.characters = characters
        self.speech = speech
    }

    mutating func read() -> String {
        while position < characters.count {
            let character = characters[position]
            if character.isASCIIDigit {
                readNumber(negative: false)
            } else if character.isLetter {
                readWord()
            } else if (character == "-" || character == "−" || character == "–") && isDigit(at: position + 1) {
                readDash()
            } else {
                output.append(character)
                if !character.isWhitespace { lastWord = ""; afterNumber = false }
                position += 1
            }
        }
        return output
    }

    private mutating func readDash() {
        if afterNumber {
            // "7-10 ngày", "2020–2025": a range.
            output += " đến "
            position += 1
            readNumber(negative: false)
        } else if position == 0 || characters[position - 1].isWhitespace || characters[position - 1] == "(" {
            position += 1
            readNumber(negative: true)
        } else {
            // A dash glued to a word ("COVID-19", "A-1") joins a name: the digits stay as written.
            let nameEnd = end(ofRunFrom: position + 1) { $0.isLetter || $0.isASCIIDigit }
            output += String(characters[position..<nameEnd])
            position = nameEnd
        }
    }

    /// A run of letters and digits: an abbreviation (possibly with dots) or a word kept as written.
    private mutating func readWord() {
        let start = position
        let runEnd = end(ofRunFrom: start) { $0.isLetter || $0.isASCIIDigit }
        if let (expansion, end) = longestAbbreviation(from: start, runEnd: runEnd) {
            output += expansion
            position = end
            lastWord = ""
        } else {
            let word = String(characters[start..<runEnd])
            output += word
            position = runEnd
            lastWord = word.lowercased()
        }
        afterNumber = false
    }

    /// The longest table key starting at `start`: the word itself, or the word followed by dots and
    /// further letter runs ("v.v.", "TP."), looking at most `longestKey` characters ahead.
    private func longestAbbreviation(from start: Int, runEnd: Int) -> (String, Int)? {
        var candidateEnds = [runEnd]
        var cursor = runEnd
        while cursor < characters.count, characters[cursor] == ".", cursor + 1 - start <= speech.longestKey {
            cursor += 1
            candidateEnds.append(cursor)
            let lettersEnd = end(ofRunFrom: cursor) { $0.isLetter }
            guard lettersEnd > cursor, lettersEnd - start <= speech.longestKey else { break }
            cursor = lettersEnd
            candidateEnds.append(cursor)
        }
        for end in candidateEnds.reversed() where end - start <= speech.longestKey {
            // A key never ends inside a word: "TP.HCM" is not "TP." followed by "HCM".
            if end < characters.count, characters[end - 1] == ".", characters[end].isLetter { continue }
            if let expansion = speech.abbreviations[String(characters[start..<end])] {
                return (expansion, end)
            }
        }
        return nil
    }

    func isDigit(at index: Int) -> Bool { index < characters.count && characters[index].isASCIIDigit }

    func end(ofRunFrom start: Int, while belongs: (Character) -> Bool) -> Int {
        var index = start
        while index < characters.count, belongs(characters[index]) { index += 1 }
        return index
    }
}
