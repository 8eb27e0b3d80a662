import Foundation

/// A Vietnamese phone number in its canonical domestic form ("0912345678"): the key of a
/// registration (one per number per contest), so every way of typing a number must give one form.
///
/// Accepted: "0912 345 678", "0912.345.678", "0912-345-678", "+84 912 345 678", "84912345678", and
/// "+84 (0)912…"-style input with the domestic 0 kept after the country code. Mobile numbers have
/// 10 digits and start 03, 05, 07, 08 or 09; landlines have 11 digits including the area code and
/// start 02 (e.g. 0273 for Tiền Giang, 024 for Hà Nội) — landlines are 11 digits since the 2017
/// renumbering, so the 10-digit rule applies to mobiles only. Prefixes are checked to the second digit
/// only: operators' blocks change more often than this code would.
public struct VietnamesePhoneNumber: Hashable, CanonicalText, Sendable, CustomStringConvertible {
    public enum Kind: String, Codable, Sendable { case mobile, landline }

    /// "0912345678".
    public let canonical: String
    public let kind: Kind

    public var description: String { canonical }

    /// Reads a typed number; throws a Vietnamese problem naming what is wrong (field "phone").
    public init(_ text: String) throws(FieldProblem) {
        let digits = try Self.digits(of: text)
        let national = try Self.nationalForm(digits)
        let kind: Kind
        switch national.dropFirst().first {
        case nil:
            throw Self.problem("Số di động phải có 10 chữ số (ví dụ 0912 345 678); số đã nhập có \(national.count) chữ số.")
        case "3", "5", "7", "8", "9": kind = .mobile
        case "2": kind = .landline
        default:
            throw Self.problem(
                "Đầu số “\(national.prefix(2))” không hợp lệ: số di động bắt đầu bằng 03, 05, 07, 08 hoặc 09, số cố định bắt đầu bằng 02 (các số di động 11 số cũ đầu 01 đã được đổi sang đầu số mới)."
            )
        }
        let expected = kind == .mobile ? 10 : 11
        guard national.count == expected else {
            throw Self.problem(
                kind == .mobile
                    ? "Số di động phải có 10 chữ số (ví dụ 0912 345 678); số đã nhập có \(national.count) chữ số."
                    : "Số cố định phải có 11 chữ số kể cả mã vùng (ví dụ 0273 3 851 234); số đã nhập có \(national.count) chữ số.")
        }
        self.canonical = national
        self.kind = kind
    }

    /// For published results: the first three and last three digits, the rest hidden ("098****567").
    public var masked: String {
        String(canonical.prefix(3)) + String(repeating: "*", count: canonical.count - 6) + String(canonical.suffix(3))
    }

    /// The digits typed, with "+" kept as a marker; separators dropped; anything else refused.
    private static func digits(of text: String) throws(FieldProblem) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw problem("Vui lòng nhập số điện thoại.") }
        var digits = ""
        for (index, character) in trimmed.enumerated() {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character == "+" && index == 0 {
                digits.append(character)
            } else if !(character == " " || character == "." || character == "-" || character == "(" || character == ")") {
                throw problem("Số điện thoại chỉ gồm chữ số, có thể cách nhau bằng dấu cách, dấu chấm hoặc dấu gạch ngang; ký tự “\(character)” không hợp lệ.")
            }
        }
        if digits.isEmpty || digits == "+" { throw problem("Vui lòng nhập số điện thoại.") }
        return digits
    }

    /// "+84…" and "84…" become "0…"; a domestic number already starts with 0.
    private static func nationalForm(_ digits: String) throws(FieldProblem) -> String {
        var rest = Substring(digits)
        let international = rest.hasPrefix("+")
        if international { rest = rest.dropFirst() }
        if international || rest.hasPrefix("84") {
            guard rest.hasPrefix("84") else { throw problem("Chỉ nhận số điện thoại Việt Nam (mã quốc gia +84).") }
            rest = rest.dropFirst(2)
            if rest.hasPrefix("0") { rest = rest.dropFirst() }  // "+84 (0)912…": the domestic 0 kept by habit
            return "0" + rest
        }
        guard rest.hasPrefix("0") else { throw problem("Số điện thoại phải bắt đầu bằng 0, +84 hoặc 84, ví dụ 0912 345 678.") }
        return String(rest)
    }

    private static func problem(_ message: String) -> FieldProblem { FieldProblem(field: "phone", message: message) }
}
