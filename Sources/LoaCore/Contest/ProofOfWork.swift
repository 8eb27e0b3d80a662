import Foundation

/// A self-hosted proof-of-work challenge against registration bots (issue #12: no third-party
/// service). The server issues a challenge; the browser finds a nonce such that
/// SHA-256(challenge text + nonce) starts with `difficultyBits` zero bits; the server checks it with
/// one hash. Each extra bit doubles the browser's average work (2^bits hashes), not the server's.
///
/// Difficulty and expiry are part of the hashed text, so a solution cannot be moved to an easier or
/// later challenge. What LoaCore cannot know, the App must do: take the token from a cryptographic
/// random source, accept only tokens it issued, and accept each token once (store it with a unique
/// constraint until it expires) so one solution does not register many people.
/// Not `Codable`: it travels and is stored as `text`, which `init?(text:)` checks on the way back.
public struct ProofOfWorkChallenge: Hashable, Sendable {
    /// Random, from the caller; letters, digits, "-" and "_" only (it is embedded in `text`).
    public let token: String
    public let difficultyBits: Int
    /// Whole seconds since 1970, so the text round-trips exactly.
    public let expiresAt: Date

    public init(token: String, difficultyBits: Int, expiresAt: Date) {
        precondition(Self.isValidToken(token), "token must be 1–128 letters, digits, '-' or '_'")
        precondition((0...256).contains(difficultyBits), "difficulty is a count of bits of a 256-bit digest")
        self.token = token
        self.difficultyBits = difficultyBits
        self.expiresAt = Date(timeIntervalSince1970: expiresAt.timeIntervalSince1970.rounded(.down))
    }

    /// A challenge valid for `lifetime` seconds from `now`.
    public init(token: String, difficultyBits: Int, now: Date, lifetime: TimeInterval) {
        self.init(token: token, difficultyBits: difficultyBits, expiresAt: now.addingTimeInterval(lifetime))
    }

    /// What the client hashes (followed by its nonce): "loa-pow:1:<bits>:<expiry>:<token>".
    public var text: String {
        "loa-pow:1:\(difficultyBits):\(Int64(expiresAt.timeIntervalSince1970)):\(token)"
    }

    /// Reads `text` back (as posted by the form); nil when it is not one.
    public init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "loa-pow", parts[1] == "1",
            let bits = Int(parts[2]), (0...256).contains(bits),
            let expiry = Int64(parts[3]), Self.isValidToken(String(parts[4]))
        else { return nil }
        self.init(token: String(parts[4]), difficultyBits: bits, expiresAt: Date(timeIntervalSince1970: TimeInterval(expiry)))
    }

    static func isValidToken(_ token: String) -> Bool {
        (1...128).contains(token.utf8.count)
            && token.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }
}

/// The outcome of checking a solution.
public enum ProofOfWorkVerdict: Hashable, Sendable {
    case accepted
    case expired
    case malformedNonce
    case insufficientWork(zeroBits: Int, required: Int)

    /// nil when accepted; otherwise what the registration form says.
    public var message: String? {
        switch self {
        case .accepted: nil
        case .expired: "Phiên xác minh chống đăng ký tự động đã hết hạn; vui lòng tải lại trang rồi gửi lại."
        case .malformedNonce, .insufficientWork:
            "Trình duyệt chưa hoàn tất bước xác minh chống đăng ký tự động; vui lòng đợi vài giây rồi gửi lại (cần bật JavaScript)."
        }
    }
}

public enum ProofOfWork {
    /// Longer nonces are refused before hashing, so a request cannot make the server hash megabytes.
    public static let maximumNonceLength = 32

    /// Leading zero bits of a digest, most significant bit of the first byte first.
    public static func leadingZeroBits(_ digest: [UInt8]) -> Int {
        var count = 0
        for byte in digest {
            if byte == 0 { count += 8; continue }
            return count + byte.leadingZeroBitCount
        }
        return count
    }

    /// Checks a nonce (1–32 ASCII letters or digits) against a challenge at `now`. `hash` is SHA-256
    /// from the App (LoaCore has no crypto dependency); it receives the UTF-8 bytes of text + nonce.
    public static func verify(
        _ challenge: ProofOfWorkChallenge, nonce: String, now: Date, hash: ([UInt8]) -> [UInt8]
    ) -> ProofOfWorkVerdict {
        if now >= challenge.expiresAt { return .expired }
        guard (1...maximumNonceLength).contains(nonce.utf8.count),
            nonce.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) })
        else { return .malformedNonce }
        let zeroBits = leadingZeroBits(hash(Array((challenge.text + nonce).utf8)))
        return zeroBits >= challenge.difficultyBits ? .accepted : .insufficientWork(zeroBits: zeroBits, required: challenge.difficultyBits)
    }

    /// The client's search, for load generators and tests (the browser runs the same loop in
    /// JavaScript): decimal nonces from `start`, at most `maximumTries`; nil when none was found.
    public static func solve(
        _ challenge: ProofOfWorkChallenge, start: UInt64 = 0, maximumTries: UInt64, hash: ([UInt8]) -> [UInt8]
    ) -> String? {
        let prefix = Array(challenge.text.utf8)
        var nonce = start
        for _ in 0..<maximumTries {
            let digits = String(nonce)
            if leadingZeroBits(hash(prefix + Array(digits.utf8))) >= challenge.difficultyBits { return digits }
            nonce &+= 1
        }
        return nil
    }
}
