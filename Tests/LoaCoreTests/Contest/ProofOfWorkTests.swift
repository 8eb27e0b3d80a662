import Foundation
import LoaCore
import Testing

/// The proof-of-work logic with stand-in hashes (LoaCore never hashes by itself; the App passes
/// SHA-256): leading zero bits, expiry, nonce limits, and the binding of a solution to its challenge.
@Suite struct ProofOfWorkTests {
    @Test(arguments: [
        ([UInt8](), 0),
        ([0x80], 0),
        ([0x7F], 1),
        ([0x01], 7),
        ([0x00], 8),
        ([0x00, 0x0F], 12),
        ([0x00, 0x00, 0x00, 0x01, 0xFF], 31),
        ([UInt8](repeating: 0, count: 32), 256),
    ])
    func leadingZeroBits(digest: [UInt8], bits: Int) {
        #expect(ProofOfWork.leadingZeroBits(digest) == bits)
    }

    static let now = Fixture.at(0)
    static let challenge = ProofOfWorkChallenge(token: "Qm9fX2tleS1hYmM", difficultyBits: 12, now: now, lifetime: 300)

    /// A stand-in hash that knows a few inputs by heart and gives all-ones for every other input.
    static func tableHash(_ digests: [String: [UInt8]]) -> @Sendable ([UInt8]) -> [UInt8] {
        { input in digests[String(decoding: input, as: UTF8.self)] ?? [UInt8](repeating: 0xFF, count: 32) }
    }

    static let known = tableHash([
        challenge.text + "17": [0x00, 0x0F, 0xFF],  // exactly 12 zero bits
        challenge.text + "18": [0x00, 0x1F, 0xFF],  // 11
        challenge.text + "19": [0x00, 0x00, 0x01],  // 23: more than needed is fine
    ])

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var nonce: String
        var secondsLater: Double
        var expected: ProofOfWorkVerdict
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "exactly the difficulty", nonce: "17", secondsLater: 10, expected: .accepted),
        Case(name: "one bit short", nonce: "18", secondsLater: 10, expected: .insufficientWork(zeroBits: 11, required: 12)),
        Case(name: "more than the difficulty", nonce: "19", secondsLater: 10, expected: .accepted),
        Case(name: "a nonce the hash does not favour", nonce: "20", secondsLater: 10, expected: .insufficientWork(zeroBits: 0, required: 12)),
        Case(name: "a second before expiry", nonce: "17", secondsLater: 299, expected: .accepted),
        Case(name: "at the expiry instant", nonce: "17", secondsLater: 300, expected: .expired),
        Case(name: "empty nonce", nonce: "", secondsLater: 10, expected: .malformedNonce),
        Case(name: "nonce too long", nonce: String(repeating: "7", count: 33), secondsLater: 10, expected: .malformedNonce),
        Case(name: "nonce with a separator", nonce: "1:7", secondsLater: 10, expected: .malformedNonce),
        Case(name: "nonce with a non-ASCII digit", nonce: "１７", secondsLater: 10, expected: .malformedNonce),
    ]

    @Test(arguments: cases)
    func verdict(c: Case) {
        #expect(ProofOfWork.verify(Self.challenge, nonce: c.nonce, now: Self.now.addingTimeInterval(c.secondsLater), hash: Self.known) == c.expected)
    }

    @Test func aSolutionDoesNotCarryToAnEasierOrLaterChallenge() {
        let easier = ProofOfWorkChallenge(token: Self.challenge.token, difficultyBits: 11, expiresAt: Self.challenge.expiresAt)
        let later = ProofOfWorkChallenge(token: Self.challenge.token, difficultyBits: 12, expiresAt: Self.challenge.expiresAt.addingTimeInterval(3_600))
        #expect(ProofOfWork.verify(easier, nonce: "17", now: Self.now, hash: Self.known) == .insufficientWork(zeroBits: 0, required: 11))
        #expect(ProofOfWork.verify(later, nonce: "17", now: Self.now, hash: Self.known) == .insufficientWork(zeroBits: 0, required: 12))
    }

    @Test func challengeTextRoundTrips() {
        #expect(Self.challenge.text == "loa-pow:1:12:1764554700:Qm9fX2tleS1hYmM")
        #expect(ProofOfWorkChallenge(text: Self.challenge.text) == Self.challenge)
        for bad in [
            "", "loa-pow:1:12:1764554700", "loa-pow:2:12:1764554700:abc", "loa-pow:1:300:1764554700:abc",
            "loa-pow:1:12:soon:abc", "loa-pow:1:12:1764554700:a b", "loa-pow:1:12:1764554700:abc:def",
        ] {
            #expect(ProofOfWorkChallenge(text: bad) == nil, "\(bad)")
        }
    }

    /// FNV-1a, 64 bits, as 8 big-endian bytes: a trivial stand-in with well-spread output, enough for
    /// the search and the check to agree; not a cryptographic hash.
    static func fnv1a(_ input: [UInt8]) -> [UInt8] {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in input { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
    }

    @Test func solvedNoncesVerifyAndUnsolvableSearchesStop() throws {
        for bits in [0, 4, 8, 12] {
            let challenge = ProofOfWorkChallenge(token: "token\(bits)", difficultyBits: bits, now: Self.now, lifetime: 60)
            let nonce = try #require(ProofOfWork.solve(challenge, maximumTries: 1 << 20, hash: Self.fnv1a))
            #expect(ProofOfWork.verify(challenge, nonce: nonce, now: Self.now, hash: Self.fnv1a) == .accepted)
            #expect(ProofOfWork.leadingZeroBits(Self.fnv1a(Array((challenge.text + nonce).utf8))) >= bits)
        }
        let impossible = ProofOfWorkChallenge(token: "x", difficultyBits: 65, now: Self.now, lifetime: 60)  // an 8-byte hash has 64 bits
        #expect(ProofOfWork.solve(impossible, maximumTries: 1_000, hash: Self.fnv1a) == nil)
    }

    @Test func refusalsSpeakVietnamese() {
        #expect(ProofOfWorkVerdict.accepted.message == nil)
        #expect(ProofOfWorkVerdict.expired.message == "Phiên xác minh chống đăng ký tự động đã hết hạn; vui lòng tải lại trang rồi gửi lại.")
        #expect(ProofOfWorkVerdict.insufficientWork(zeroBits: 3, required: 12).message == ProofOfWorkVerdict.malformedNonce.message)
    }
}
