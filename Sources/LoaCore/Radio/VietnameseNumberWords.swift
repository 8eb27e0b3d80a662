/// Whole numbers and digit strings as a Vietnamese reader says them, for text-to-speech.
///
/// The rules of spoken Vietnamese that a TTS voice does not apply by itself:
/// - ten is "mười", but twenty and above use "mươi" ("hai mươi");
/// - a final one after "mươi" is "mốt" ("hai mươi mốt"), after "mười" it stays "một" ("mười một");
/// - a final five after a ten is "lăm" ("mười lăm", "hai mươi lăm"), elsewhere "năm" ("một trăm linh năm");
/// - a zero tens digit between hundreds and units is "linh" ("một trăm linh năm");
/// - a group of three inside a larger number always says its hundreds, even zero
///   ("một nghìn không trăm linh một"), while an all-zero group is left out ("một triệu không trăm linh năm");
/// - groups are named nghìn, triệu, tỷ, and beyond a billion the count of billions is read as a number
///   ("một nghìn tỷ").
/// "nghìn" (not "ngàn") and "linh" (not "lẻ") are used: the forms of administrative reading in the south and
/// north alike, and the forms espeak-ng's `vi` voice pronounces cleanly.
public enum VietnameseNumberWords {
    static let digitNames = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]

    /// "0" → "không", 105 → "một trăm linh năm", -3 → "âm ba".
    public static func spell(_ number: Int64) -> String {
        if number == 0 { return digitNames[0] }
        // Int64.min has no positive counterpart; its magnitude still fits in UInt64.
        let magnitude = number < 0 ? UInt64(bitPattern: 0 &- number) : UInt64(number)
        let words = spellPositive(magnitude)
        return number < 0 ? "âm " + words : words
    }

    /// Each digit by name: "0273" → "không hai bảy ba". Non-digits are skipped.
    public static func digitByDigit<S: StringProtocol>(_ digits: S) -> String {
        digits.compactMap { $0.wholeNumberValue }.map { digitNames[$0] }.joined(separator: " ")
    }

    /// A string of ASCII digits of any length: read as a number when it fits in 18 digits, else digit by digit.
    public static func spell<S: StringProtocol>(digits: S) -> String {
        let trimmed = digits.drop(while: { $0 == "0" })
        if trimmed.isEmpty { return digitNames[0] }
        guard trimmed.count <= 18, let value = Int64(trimmed) else { return digitByDigit(digits) }
        return spell(value)
    }

    /// The digits after a decimal comma: leading zeros are said one by one, the rest as a number,
    /// as Vietnamese readers do ("2,05" → "hai phẩy không năm", "2,25" → "hai phẩy hai mươi lăm").
    public static func spell<S: StringProtocol>(fractionDigits digits: S) -> String {
        let zeros = digits.prefix(while: { $0 == "0" })
        let rest = digits.dropFirst(zeros.count)
        var words = zeros.map { _ in digitNames[0] }
        if !rest.isEmpty { words.append(spell(digits: rest)) }
        return words.joined(separator: " ")
    }

    private static let billion: UInt64 = 1_000_000_000

    private static func spellPositive(_ number: UInt64) -> String {
        if number >= billion {
            let billions = spellPositive(number / billion) + " tỷ"
            let rest = number % billion
            return rest == 0 ? billions : billions + " " + spellBelowBillion(rest, hasHigherPart: true)
        }
        return spellBelowBillion(number, hasHigherPart: false)
    }

    /// Below one billion: up to three groups of three digits (millions, thousands, units).
    private static func spellBelowBillion(_ number: UInt64, hasHigherPart: Bool) -> String {
        let groups = [(number / 1_000_000, "triệu"), (number / 1_000 % 1_000, "nghìn"), (number % 1_000, "")]
        var words: [String] = []
        var seenHigher = hasHigherPart
        for (value, name) in groups where value > 0 {
            words.append(spellGroup(Int(value), full: seenHigher))
            if !name.isEmpty { words.append(name) }
            seenHigher = true
        }
        return words.joined(separator: " ")
    }

    /// One group of three digits (1…999). `full` when a higher group precedes it, so hundreds and
    /// "linh" are said even when zero ("không trăm linh năm").
    static func spellGroup(_ value: Int, full: Bool) -> String {
        let hundreds = value / 100, tens = value / 10 % 10, units = value % 10
        var words: [String] = []
        if hundreds > 0 || full {
            words += [digitNames[hundreds], "trăm"]
        }
        let saidHundreds = !words.isEmpty
        switch tens {
        case 0:
            if units > 0 {
                if saidHundreds { words.append("linh") }
                words.append(digitNames[units])
            }
        case 1:
            words.append("mười")
            if units > 0 { words.append(units == 5 ? "lăm" : digitNames[units]) }
        default:
            words += [digitNames[tens], "mươi"]
            if units == 1 { words.append("mốt") } else if units == 5 { words.append("lăm") } else if units > 0 { words.append(digitNames[units]) }
        }
        return words.joined(separator: " ")
    }
}
