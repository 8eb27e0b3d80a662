import Foundation

/// Why a new password is refused.
public enum PasswordProblem: Equatable, Sendable {
    case tooShort(minimum: Int)
    case tooLong(maximum: Int)
    case sameAsEmail
    case tooCommon
    case mismatch
    case sameAsCurrent

    public var message: String {
        switch self {
        case .tooShort(let minimum):
            "Mật khẩu phải có ít nhất \(minimum) ký tự."
        case .tooLong(let maximum):
            "Mật khẩu không được dài quá \(maximum) byte (mỗi chữ có dấu chiếm 2–3 byte)."
        case .sameAsEmail:
            "Mật khẩu không được trùng với địa chỉ email."
        case .tooCommon:
            "Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác."
        case .mismatch:
            "Mật khẩu nhập lại không khớp."
        case .sameAsCurrent:
            "Mật khẩu mới phải khác mật khẩu hiện tại."
        }
    }
}

/// Rules for passwords chosen by users.
public enum PasswordPolicy {
    public static let minimumLength = 10
    /// bcrypt only uses the first 72 bytes; longer passwords would be silently truncated.
    public static let maximumLength = 72

    /// Problems with a new password (empty array = acceptable).
    public static func problems(password: String, confirmation: String, email: String) -> [PasswordProblem] {
        var problems: [PasswordProblem] = []
        if password.count < minimumLength {
            problems.append(.tooShort(minimum: minimumLength))
        }
        if password.utf8.count > maximumLength {
            problems.append(.tooLong(maximum: maximumLength))
        }
        if isSameAsEmail(password, email: email) {
            problems.append(.sameAsEmail)
        }
        if commonPasswords.contains(password.lowercased()) {
            problems.append(.tooCommon)
        }
        if password != confirmation {
            problems.append(.mismatch)
        }
        return problems
    }

    /// The whole address and its local part are both too easy to guess.
    private static func isSameAsEmail(_ password: String, email: String) -> Bool {
        let address = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !address.isEmpty else { return false }
        let candidate = password.lowercased()
        let localPart = address.split(separator: "@", maxSplits: 1).first.map(String.init) ?? ""
        return candidate == address || (!localPart.isEmpty && candidate == localPart)
    }

    /// Lower-cased; only entries that pass the length rule matter, shorter ones are
    /// already refused as too short.
    private static let commonPasswords: Set<String> = [
        "1234567890", "0123456789", "12345678910", "123456789a", "a123456789",
        "1111111111", "0000000000", "1234512345", "1q2w3e4r5t", "abc1234567",
        "abcd123456", "abc@123456", "abcdefghij", "aaaaaaaaaa", "qwertyuiop",
        "qwerty1234", "qwerty12345", "qwerty123456", "asdfghjkl1", "password12",
        "password123", "password1234", "passw0rd123", "p@ssw0rd123", "matkhau123",
        "matkhau1234", "matkhau@123", "admin12345", "admin123456", "admin@12345",
        "administrator", "iloveyou123", "anhyeuem123", "emyeuanh123", "vietnam123",
        "vietnam1234", "vietnam@123", "123456789@", "123456789!", "khongbiet123",
    ]
}
