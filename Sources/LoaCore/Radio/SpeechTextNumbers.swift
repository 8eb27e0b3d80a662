/// How the reader says what starts with a digit: dates, times, phone and document numbers, money,
/// percentages and plain numbers. Each shape is recognised from the whole run of digits and separators,
/// which is consumed whatever the outcome, so no character is scanned twice.
extension SpeechTextReader {
    static let monthNames = ["một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai"]
    static let moneyWords: Set<String> = ["đ", "đồng", "VNĐ", "VND", "vnđ"]

    /// Digit groups and the single separators (. , / :) between them, each followed by a digit.
    struct NumberRun {
        var groups: [String] = []
        var separators: [Character] = []
        var end = 0
        var digitCount: Int { groups.reduce(0) { $0 + $1.count } }
        func separatorsAll(_ separator: Character) -> Bool { separators.allSatisfy { $0 == separator } }
    }

    mutating func readNumber(negative: Bool) {
        let run = scanRun(from: position)
        var words: String?
        var end = run.end
        let isPlain: Bool
        if let (time, timeEnd) = hourTime(run) {
            (words, end, isPlain) = (time, timeEnd, false)
        } else if let (document, documentEnd) = documentNumber(run) {
            (words, end, isPlain) = (document, documentEnd, false)
        } else if let (phone, phoneEnd) = phoneNumber(run) {
            (words, end, isPlain) = (phone, phoneEnd, false)
        } else if let shaped = dateOrTime(run) {
            (words, isPlain) = (shaped, false)
        } else {
            words = plainNumber(run)
            isPlain = words != nil
            if words == nil { words = separatedGroups(run) }
        }
        guard var spoken = words else { return }
        if isPlain {
            if let (suffix, suffixEnd) = unitSuffix(at: end) {
                spoken += suffix
                end = suffixEnd
            } else if end < characters.count, characters[end].isLetter {
                // Digits glued to a word ("5ha", "3G", "2020abc") stay as written.
                let wordEnd = self.end(ofRunFrom: end) { $0.isLetter || $0.isASCIIDigit }
                if negative { output.append(characters[position - 1]) }
                output += String(characters[position..<wordEnd])
                position = wordEnd
                lastWord = ""
                afterNumber = false
                return
            }
            if negative { spoken = "âm " + spoken }
        } else if negative {
            output.append(characters[position - 1])
        }
        output += spoken
        position = end
        lastWord = ""
        afterNumber = true
    }

    private func scanRun(from start: Int) -> NumberRun {
        var run = NumberRun()
        var index = start
        while true {
            let groupEnd = end(ofRunFrom: index) { $0.isASCIIDigit }
            run.groups.append(String(characters[index..<groupEnd]))
            index = groupEnd
            guard index < characters.count, ".,/:".contains(characters[index]), isDigit(at: index + 1) else { break }
            run.separators.append(characters[index])
            index += 1
        }
        run.end = index
        return run
    }

    /// "5h30", "17h", "17h00" (an hour of one or two digits, "h", two digits of minutes or nothing).
    private func hourTime(_ run: NumberRun) -> (String, Int)? {
        guard run.groups.count == 1, run.groups[0].count <= 2, run.end < characters.count,
            characters[run.end] == "h" || characters[run.end] == "H"
        else { return nil }
        let minutesStart = run.end + 1
        let minutesEnd = end(ofRunFrom: minutesStart) { $0.isASCIIDigit }
        guard minutesEnd - minutesStart == 0 || minutesEnd - minutesStart == 2,
            minutesEnd >= characters.count || !characters[minutesEnd].isLetter,
            let hour = Int(run.groups[0]), hour <= 24
        else { return nil }
        let minutes = minutesEnd > minutesStart ? Int(String(characters[minutesStart..<minutesEnd])) : 0
        guard let minutes, minutes < 60 else { return nil }
        return (clockWords(hour: hour, minute: minutes, second: 0), minutesEnd)
    }

    /// "45/KH-UBND", "45/2020/NĐ-CP", "39/2020/TT-BTTTT": digits (and a year), a slash, a symbol of
    /// letters and dashes starting with a capital.
    private func documentNumber(_ run: NumberRun) -> (String, Int)? {
        let hasYear = run.groups.count == 2 && run.separators == ["/"] && run.groups[1].count == 4
        guard run.groups.count == 1 || hasYear, run.end + 1 < characters.count, characters[run.end] == "/",
            characters[run.end + 1].isUppercase
        else { return nil }
        var symbolEnd = end(ofRunFrom: run.end + 1) { $0.isLetter || $0 == "-" }
        while characters[symbolEnd - 1] == "-" { symbolEnd -= 1 }
        let symbol = characters[(run.end + 1)..<symbolEnd].split(separator: "-").map { String($0) }
        var words = lastWord == "số" ? "" : "số "
        words += VietnameseNumberWords.spell(digits: run.groups[0])
        if hasYear { words += " năm " + VietnameseNumberWords.spell(digits: run.groups[1]) }
        for part in symbol { words += ", " + (speech.abbreviations[part] ?? part) }
        return (words, symbolEnd)
    }

    /// A leading zero and 9–11 digits: "0273 3851 234", "0273.3851.234", "0909-123-456", "0909123456".
    private func phoneNumber(_ run: NumberRun) -> (String, Int)? {
        guard run.groups[0].first == "0", run.separatorsAll(".") else { return nil }
        var groups = run.groups
        var end = run.end
        // Groups separated by one space or dash; never more than 11 digits are looked at.
        while groups.count < 5, groups.reduce(0, { $0 + $1.count }) < 11, end + 1 < characters.count,
            characters[end] == " " || characters[end] == "-", isDigit(at: end + 1)
        {
            let groupEnd = self.end(ofRunFrom: end + 1) { $0.isASCIIDigit }
            guard groups.reduce(0, { $0 + $1.count }) + groupEnd - end - 1 <= 11 else { break }
            groups.append(String(characters[(end + 1)..<groupEnd]))
            end = groupEnd
        }
        let total = groups.reduce(0) { $0 + $1.count }
        guard (9...11).contains(total), end >= characters.count || !characters[end].isLetter else { return nil }
        if groups.count == 1 {
            // Unseparated: grouped the way numbers are printed on notices (4-3-3, 4-3-4, 3-3-3).
            let digits = Array(groups[0])
            let sizes = total == 9 ? [3, 3, 3] : total == 10 ? [4, 3, 3] : [4, 3, 4]
            var starts = [0]
            for size in sizes.dropLast() { starts.append(starts.last! + size) }
            groups = zip(starts, sizes).map { String(digits[$0..<($0 + $1)]) }
        }
        return (groups.map(VietnameseNumberWords.digitByDigit).joined(separator: ", "), end)
    }

    /// Dates with slashes and clock times with colons.
    private func dateOrTime(_ run: NumberRun) -> String? {
        let values = run.groups.map { Int($0) ?? -1 }
        if run.separatorsAll("/"), run.groups.count == 3, run.groups[0].count <= 2, run.groups[1].count <= 2,
            run.groups[2].count == 4, (1...31).contains(values[0]), (1...12).contains(values[1])
        {
            let prefix = lastWord == "ngày" ? "" : "ngày "
            return prefix + VietnameseNumberWords.spell(Int64(values[0])) + " tháng " + Self.monthNames[values[1] - 1]
                + " năm " + VietnameseNumberWords.spell(Int64(values[2]))
        }
        if run.separatorsAll("/"), run.groups.count == 2 {
            if run.groups[0].count <= 2, run.groups[1].count == 4, (1...12).contains(values[0]) {
                let prefix = lastWord == "tháng" ? "" : "tháng "
                return prefix + Self.monthNames[values[0] - 1] + " năm " + VietnameseNumberWords.spell(Int64(values[1]))
            }
            if lastWord == "ngày", run.groups[0].count <= 2, run.groups[1].count <= 2,
                (1...31).contains(values[0]), (1...12).contains(values[1])
            {
                return VietnameseNumberWords.spell(Int64(values[0])) + " tháng " + Self.monthNames[values[1] - 1]
            }
        }
        if run.separatorsAll(":"), (2...3).contains(run.groups.count), run.groups[0].count <= 2,
            run.groups.dropFirst().allSatisfy({ $0.count == 2 }), values[0] <= 24, values[1] < 60,
            run.groups.count == 2 || values[2] < 60
        {
            return clockWords(hour: values[0], minute: values[1], second: run.groups.count == 3 ? values[2] : 0)
        }
        return nil
    }

    private func clockWords(hour: Int, minute: Int, second: Int) -> String {
        var words = VietnameseNumberWords.spell(Int64(hour)) + " giờ"
        if minute > 0 { words += " " + VietnameseNumberWords.spell(Int64(minute)) + " phút" }
        if second > 0 { words += " " + VietnameseNumberWords.spell(Int64(second)) + " giây" }
        return words
    }

    /// "1.250.000", "2,5", "1.250,75", "2020": dots only as thousands separators (groups of three),
    /// at most one decimal comma at the end.
    private func plainNumber(_ run: NumberRun) -> String? {
        var groups = run.groups[...]
        var separators = run.separators[...]
        var fraction: String?
        if separators.last == "," {
            fraction = groups.removeLast()
            separators.removeLast()
        }
        guard separators.allSatisfy({ $0 == "." }) else { return nil }
        if !separators.isEmpty {
            guard (1...3).contains(groups.first!.count), groups.first!.first != "0" || groups.first!.count == 1,
                groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
        }
        let whole = groups.joined()
        // A code with leading zeros ("0012") is read digit by digit; "05 ngày" is still "năm ngày".
        var words =
            whole.count >= 4 && whole.first == "0" && separators.isEmpty && fraction == nil
            ? VietnameseNumberWords.digitByDigit(whole)
            : VietnameseNumberWords.spell(digits: whole)
        if let fraction { words += " phẩy " + VietnameseNumberWords.spell(fractionDigits: fraction) }
        return words
    }

    /// Shapes that are none of the above ("1.2.3", "3/5"): each group as a number, the separators said.
    private func separatedGroups(_ run: NumberRun) -> String {
        var words = VietnameseNumberWords.spell(digits: run.groups[0])
        for (separator, group) in zip(run.separators, run.groups.dropFirst()) {
            let joint =
                switch separator {
                case ".": " chấm "
                case ",": ", "
                case "/": " trên "
                default: " "
                }
            words += joint + VietnameseNumberWords.spell(digits: group)
        }
        return words
    }

    /// "%" and money glued to a number ("50.000đ", "50.000VNĐ").
    private func unitSuffix(at index: Int) -> (String, Int)? {
        guard index < characters.count else { return nil }
        if characters[index] == "%" { return (" phần trăm", index + 1) }
        let wordEnd = end(ofRunFrom: index) { $0.isLetter }
        if wordEnd > index, Self.moneyWords.contains(String(characters[index..<wordEnd])),
            wordEnd >= characters.count || !characters[wordEnd].isASCIIDigit
        {
            return (" đồng", wordEnd)
        }
        return nil
    }
}
