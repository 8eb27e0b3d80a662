/// Finds where a JSON text first breaks the grammar (RFC 8259), as a 1-based line and column, because
/// Foundation's decoders only say "not valid JSON" or give a character offset (issue #8: a broken units
/// file was reported at "line 0"). Only asked after a decoder refused the text; containers wait on an
/// explicit stack, so deep nesting cannot overflow the call stack.
enum JSONSyntaxCheck {
    struct Problem: Equatable {
        var line: Int
        var column: Int
        var reason: String
    }

    static func firstProblem(in bytes: [UInt8]) -> Problem? {
        var scanner = JSONScanner(bytes: bytes)
        return scanner.check()
    }
}

private struct JSONScanner {
    private enum Container { case array, object }

    let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3; lineStart = 3 }
    }

    mutating func check() -> JSONSyntaxCheck.Problem? {
        var open: [Container] = []
        // After a value inside a container we expect "," or its closer; otherwise a value (or a key).
        var expectingValue = true
        skipWhitespace()
        while true {
            if expectingValue {
                guard index < bytes.count else { return problem("the file ends where a value was expected") }
                switch bytes[index] {
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    let container: Container = bytes[index] == UInt8(ascii: "[") ? .array : .object
                    index += 1
                    skipWhitespace()
                    let closer = UInt8(ascii: container == .array ? "]" : "}")
                    if index < bytes.count, bytes[index] == closer {
                        index += 1
                        expectingValue = false
                    } else {
                        open.append(container)
                        if container == .object, let problem = memberKey() { return problem }
                        continue
                    }
                case UInt8(ascii: "\""):
                    if let problem = string() { return problem }
                case UInt8(ascii: "t"): if let problem = literal("true") { return problem }
                case UInt8(ascii: "f"): if let problem = literal("false") { return problem }
                case UInt8(ascii: "n"): if let problem = literal("null") { return problem }
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if let problem = number() { return problem }
                default:
                    return problem("unexpected \(shown(bytes[index])) where a value was expected")
                }
                expectingValue = false
            }
            skipWhitespace()
            guard let container = open.last else {
                return index < bytes.count ? problem("unexpected \(shown(bytes[index])) after the end of the JSON value") : nil
            }
            let closer = UInt8(ascii: container == .array ? "]" : "}")
            guard index < bytes.count else { return problem("the file ends before the closing \"\(Character(Unicode.Scalar(closer)))\"") }
            if bytes[index] == closer {
                index += 1
                open.removeLast()
            } else if bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
                if container == .object, let problem = memberKey() { return problem }
                expectingValue = true
            } else {
                return problem("expected \",\" or \"\(Character(Unicode.Scalar(closer)))\" but found \(shown(bytes[index]))")
            }
        }
    }

    /// `"key" :` before a member's value.
    private mutating func memberKey() -> JSONSyntaxCheck.Problem? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            return problem(index < bytes.count ? "expected a quoted key but found \(shown(bytes[index]))" : "the file ends where a key was expected")
        }
        if let problem = string() { return problem }
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
            return problem(index < bytes.count ? "expected \":\" after the key but found \(shown(bytes[index]))" : "the file ends after a key")
        }
        index += 1
        skipWhitespace()
        return nil
    }

    private mutating func string() -> JSONSyntaxCheck.Problem? {
        let start = index
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return nil
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { break }
                if bytes[index] == UInt8(ascii: "u") {
                    let hex = bytes[(index + 1)...].prefix(4)
                    guard hex.count == 4, hex.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }) else {
                        return problem("\"\\u\" must be followed by four hexadecimal digits")
                    }
                    index += 5
                } else if Array("\"\\/bfnrt".utf8).contains(bytes[index]) {
                    index += 1
                } else {
                    return problem("unknown escape \"\\\(Character(Unicode.Scalar(bytes[index])))\" in a string")
                }
            case 0..<0x20:
                return problem(byte == 0x0A ? "a string is not closed on its line" : "a control character inside a string")
            default:
                let length = byte < 0x80 ? 1 : byte >= 0xC2 && byte < 0xE0 ? 2 : byte >= 0xE0 && byte < 0xF0 ? 3 : byte >= 0xF0 && byte < 0xF5 ? 4 : 0
                let continuation = bytes[(index + 1)...].prefix(max(0, length - 1))
                guard length > 0, continuation.count == length - 1, continuation.allSatisfy({ $0 & 0xC0 == 0x80 }) else {
                    return problem("the text is not valid UTF-8")
                }
                index += length
            }
        }
        index = start
        return problem("a string is never closed")
    }

    private mutating func literal(_ word: String) -> JSONSyntaxCheck.Problem? {
        guard bytes[index...].starts(with: word.utf8) else { return problem("unknown word; expected \(word), a number, a string, an object or an array") }
        index += word.utf8.count
        return nil
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number() -> JSONSyntaxCheck.Problem? {
        func digits() -> Int {
            let count = bytes[index...].prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            index += count
            return count
        }
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0 else { return problem("a number needs digits") }
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") { index = integerStart; return problem("a number cannot start with 0") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return problem("a number needs digits after \".\"") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return problem("a number needs digits in its exponent") }
        }
        // The decoders refuse what does not fit a Double.
        if let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)), !value.isFinite {
            index = start
            return problem("a number is too large")
        }
        return nil
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            case 0x20, 0x09, 0x0D:
                index += 1
            default:
                return
            }
        }
    }

    /// The problem at the current position; the column counts characters (not UTF-8 bytes) from 1.
    private func problem(_ reason: String) -> JSONSyntaxCheck.Problem {
        let end = min(index, bytes.count)
        let column = bytes[lineStart..<end].filter { $0 & 0xC0 != 0x80 }.count + 1
        return .init(line: line, column: column, reason: reason)
    }

    private func shown(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "\"\(Character(Unicode.Scalar(byte)))\"" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
}
