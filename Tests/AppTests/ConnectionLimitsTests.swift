import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import App

#if canImport(Glibc)
    import Glibc
#endif

/// What only a real server on a real socket shows (issue #8): slow clients do not hold connections
/// forever, and a trusted proxy's word on HTTPS makes cookies `Secure`.
@Suite struct ConnectionLimitsTests {
    /// Opens a TCP connection, sends part of a request head, and reports whether the server closed the
    /// connection (true) before `patience` seconds passed without an answer (false).
    static func serverClosesHalfSentRequest(port: Int, patience: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return false }
        var timeout = timeval(tv_sec: patience, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let partial = "GET / HTTP/1.1\r\nHost: loa.test\r\nX-Slow: "
        _ = partial.withCString { send(fd, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let received = recv(fd, &buffer, buffer.count, 0)
        return received == 0  // 0: orderly close by the server; -1: our own patience ran out
    }

    @Test func aClientThatNeverFinishesItsRequestHeadIsDisconnected() async throws {
        try await TestApp.run(TestDatabase.engines[0], setup: .live, idleTimeout: .seconds(1)) { _, client in
            let port = try #require(client.port)
            // The server's limit is 1 s; 20 s of patience is only there so a regression fails instead of hanging.
            let closed = await Task.detached { Self.serverClosesHalfSentRequest(port: port, patience: 20) }.value
            #expect(closed)
        }
    }

    @Test func aTrustedProxysHTTPSMakesCookiesSecureAndAnyoneElsesDoesNot() async throws {
        for trusted in [true, false] {
            try await TestApp.run(TestDatabase.engines[0], setup: .live, configure: { $0.trustedProxies = trusted ? ["127.0.0.1"] : [] }) { _, client in
                var headers = HTTPFields()
                headers[HTTPField.Name("X-Forwarded-Proto")!] = "https"
                headers[HTTPField.Name("X-Forwarded-For")!] = "203.0.113.9"
                let page = try await client.execute(uri: "/quan-tri/dang-nhap", method: .get, headers: headers)
                let cookie = try #require(page.headers[.setCookie])
                #expect(cookie.contains("Secure") == trusted, "trusted: \(trusted)")
                #expect((page.headers[.strictTransportSecurity] != nil) == trusted, "trusted: \(trusted)")
                let plain = try await client.execute(uri: "/quan-tri/dang-nhap", method: .get)
                #expect(plain.headers[.setCookie]?.contains("Secure") == false)
            }
        }
    }
}
