import Foundation

/// A Vietnamese message about one form field, keyed by the field's name in the form.
public struct FieldProblem: Equatable, Sendable, Error {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// Checks of user-entered text before it is stored.
public enum FieldCheck {
    public static let emailMaximumLength = 254

    /// Trims; returns a Vietnamese problem if empty when required or longer than max
    /// characters, and rejects control characters other than newline/tab.
    public static func text(_ value: String?, field: String, label: String, required: Bool, max: Int) -> FieldProblem? {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            return required ? FieldProblem(field: field, message: "\(label) không được để trống.") : nil
        }
        if containsForbiddenControlCharacter(trimmed) {
            return FieldProblem(field: field, message: "\(label) chứa ký tự không hợp lệ.")
        }
        if trimmed.count > max {
            return FieldProblem(field: field, message: "\(label) dài quá \(max) ký tự.")
        }
        return nil
    }

    /// Basic email shape check (one @, non-empty local and domain with a dot, no spaces,
    /// ≤ 254 chars). Deliverability is only proven by actually sending mail.
    public static func email(_ value: String?, field: String) -> FieldProblem? {
        let address = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return isPlausibleEmail(address)
            ? nil
            : FieldProblem(field: field, message: "Địa chỉ email không hợp lệ.")
    }

    private static func isPlausibleEmail(_ address: String) -> Bool {
        guard !address.isEmpty, address.count <= emailMaximumLength else { return false }
        guard
            !address.unicodeScalars.contains(where: {
                $0.properties.isWhitespace || $0.properties.generalCategory == .control
            })
        else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        // Every dot-separated label of the domain must be non-empty: rejects "a@vn",
        // "a@.vn", "a@gov..vn" and "a@gov.vn.".
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }

    /// Browsers submit textarea line breaks as CRLF, so CR is accepted along with LF and tab.
    private static func containsForbiddenControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            scalar.properties.generalCategory == .control && !["\n", "\r", "\t"].contains(scalar)
        }
    }
}
