import Foundation

/// The personal identification number of the citizen identity card (số định danh cá nhân, on the
/// CCCD): 12 digits. Optional at registration.
///
/// LoaCore only gives the canonical form and the masked form. Storing it is the App's job and should
/// keep a keyed hash (HMAC-SHA-256 of `canonical` under a server secret) rather than the number: a
/// keyed hash still finds the same person registering twice, a per-row random salt would not, and an
/// unkeyed hash of 12 digits is reversed by trying them all. LoaCore has no crypto dependency.
public struct CitizenIDNumber: Hashable, CanonicalText, Sendable {
    public static let digitCount = 12

    /// "079203001234".
    public let canonical: String

    /// Reads a typed number; spaces, dots and dashes are ignored (field "citizenID").
    public init(_ text: String) throws(FieldProblem) {
        var digits = ""
        for character in text.trimmingCharacters(in: .whitespacesAndNewlines) {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if !(character == " " || character == "." || character == "-") {
                throw FieldProblem(field: "citizenID", message: "Số định danh cá nhân chỉ gồm chữ số; ký tự “\(character)” không hợp lệ.")
            }
        }
        if digits.isEmpty {
            throw FieldProblem(field: "citizenID", message: "Vui lòng nhập số định danh cá nhân (12 chữ số trên thẻ căn cước), hoặc để trống.")
        }
        guard digits.count == Self.digitCount else {
            let oldCard = digits.count == 9 ? " Số chứng minh nhân dân 9 số cũ không dùng được." : ""
            throw FieldProblem(field: "citizenID", message: "Số định danh cá nhân phải có 12 chữ số; số đã nhập có \(digits.count) chữ số.\(oldCard)")
        }
        canonical = digits
    }

    /// For display: only the last four digits ("********1234"). The first six encode the province,
    /// sex, century and year of birth, so they are hidden too.
    public var masked: String { String(repeating: "*", count: Self.digitCount - 4) + canonical.suffix(4) }
}
