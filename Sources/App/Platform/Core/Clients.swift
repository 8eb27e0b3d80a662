import Crypto
import Foundation

/// The outside world the app reads: time and randomness. Tests pin both so pages,
/// cookies and one-time passwords are reproducible (STYLE.md habit 7).
struct Clients: Sendable {
    var now: @Sendable () -> Date
    /// URL-safe random token of `bytes` random bytes.
    var randomToken: @Sendable (_ bytes: Int) -> String

    static let live = Clients(
        now: { Date() },
        randomToken: { count in
            var generator = SystemRandomNumberGenerator()
            let bytes = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            return Data(bytes).base64URLEncoded
        }
    )
}

extension Data {
    var base64URLEncoded: String {
        base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

enum TokenHash {
    /// Sessions store only this digest of the cookie's token.
    static func sha256Hex(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares secrets in time independent of where they first differ.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
