import HummingbirdBcrypt
import NIOPosix

/// bcrypt on NIO's thread pool: a hash costs ~250 ms at cost 12 and must not stall an event loop.
struct PasswordHasher: Sendable {
    var cost: UInt8

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Verified against when the account does not exist, so a wrong e-mail costs the same time
    /// as a wrong password and the response time does not reveal which accounts exist.
    static let decoyHash = Bcrypt.hash("loa-decoy-password", cost: 12)
}
