import Crypto
import FluentKit
import Foundation
import LoaCore
import SQLKit

/// Issues and checks the self-hosted proof-of-work challenges of public forms (issue #12, decision
/// 0028). A challenge's token is a random part signed with the server key, so only challenges some
/// instance issued are accepted; a solved token is spent once (a unique row until it expires), so one
/// solution never registers two people.
struct ProofOfWorkGate: Sendable {
    let db: any Database
    let clients: Clients
    let difficultyBits: Int

    /// Long enough to fill a form on a slow phone; a form kept open longer gets a fresh challenge.
    static let lifetime: TimeInterval = 2 * 3600
    /// The signature ends the token: 16 bytes of HMAC as hex.
    private static let signatureLength = 32

    func challenge() async throws -> ProofOfWorkChallenge {
        let random = String(clients.randomToken(16).prefix(64))
        let expiresAt = Date(timeIntervalSince1970: clients.now().addingTimeInterval(Self.lifetime).timeIntervalSince1970.rounded(.down))
        let signature = try await sign(random: random, bits: difficultyBits, expiresAt: expiresAt)
        return ProofOfWorkChallenge(token: random + signature, difficultyBits: difficultyBits, expiresAt: expiresAt)
    }

    /// nil when the solution is accepted (and now spent); otherwise what the form says.
    func check(challengeText: String, nonce: String) async throws -> String? {
        let unsolved = ProofOfWorkVerdict.malformedNonce.message
        guard challengeText.utf8.count <= 300, let challenge = ProofOfWorkChallenge(text: challengeText),
            challenge.token.utf8.count > Self.signatureLength, challenge.difficultyBits >= difficultyBits
        else { return unsolved }
        let random = String(challenge.token.dropLast(Self.signatureLength))
        let expected = try await sign(random: random, bits: challenge.difficultyBits, expiresAt: challenge.expiresAt)
        guard TokenHash.constantTimeEquals(expected, String(challenge.token.suffix(Self.signatureLength))) else { return unsolved }
        let now = clients.now()
        if let message = ProofOfWork.verify(challenge, nonce: nonce, now: now, hash: Self.digest).message {
            return message
        }
        try await db.sql.delete(from: "proof_of_work_spent").where("expires_at", .lessThan, SQLBind(now)).run()
        let spent = try await db.sql.insert(into: "proof_of_work_spent").columns("token", "expires_at")
            .values(SQLBind(challenge.token), SQLBind(challenge.expiresAt))
            .ignoringConflicts(with: ["token"]).returning("token").all()
        return spent.isEmpty ? "Bước xác minh này đã được dùng cho một lần gửi khác; vui lòng đợi vài giây rồi gửi lại." : nil
    }

    /// SHA-256, the hash the browser's script and load generators use too.
    @Sendable static func digest(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }

    private func sign(random: String, bits: Int, expiresAt: Date) async throws -> String {
        let key = try await ServerKeys.value(ServerKeys.proofOfWork, on: db)
        let text = "\(random):\(bits):\(Int64(expiresAt.timeIntervalSince1970))"
        let code = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: Data(key.utf8)))
        return code.prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
