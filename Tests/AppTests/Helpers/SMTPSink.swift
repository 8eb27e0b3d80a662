import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// An SMTP server on a loopback port that keeps what it is sent, so a test reads back the e-mail Loa
/// really sent over a socket (issue #15). It speaks the few commands `SMTPMailer` uses and can refuse
/// every recipient, as a server does for an unknown address.
final class SMTPSink: Sendable {
    struct Received: Sendable {
        var auth: String
        var from: String
        var to: String
        var data: [String]

        /// A header's value as sent.
        func header(_ name: String) -> String? {
            data.prefix { !$0.isEmpty }.first { $0.lowercased().hasPrefix(name.lowercased() + ":") }.map {
                String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces)
            }
        }

        /// The base64 body decoded.
        var body: String {
            let lines = data.drop { !$0.isEmpty }.dropFirst()
            return Data(base64Encoded: lines.joined()).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }

    let port: Int
    private let received = Mutex<[Received]>([])
    private let server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let refuseRecipients: Bool

    var messages: [Received] { received.withLock { $0 } }

    private init(server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>, refuseRecipients: Bool) {
        self.server = server
        port = server.channel.localAddress?.port ?? 0
        self.refuseRecipients = refuseRecipients
    }

    /// Runs `body` with a listening sink, and stops it after.
    static func with<T: Sendable>(refuseRecipients: Bool = false, _ body: (SMTPSink) async throws -> T) async throws -> T {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        let sink = SMTPSink(server: server, refuseRecipients: refuseRecipients)
        let accepting = Task { await sink.accept() }
        defer { accepting.cancel() }
        let result = try await body(sink)
        try? await server.channel.close()
        return result
    }

    private func accept() async {
        try? await server.executeThenClose { inbound in
            try await withThrowingDiscardingTaskGroup { group in
                for try await connection in inbound { group.addTask { try? await self.serve(connection) } }
            }
        }
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async throws {
        try await connection.executeThenClose { inbound, outbound in
            func say(_ line: String) async throws { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
            try await say("220 sink ESMTP")
            var pending = ""
            var current = Received(auth: "", from: "", to: "", data: [])
            var inData = false
            for try await buffer in inbound {
                pending += String(buffer: buffer)
                while let end = pending.range(of: "\r\n") {
                    let line = String(pending[..<end.lowerBound])
                    pending.removeSubrange(..<end.upperBound)
                    if inData {
                        if line == "." {
                            inData = false
                            let message = current
                            received.withLock { $0.append(message) }
                            try await say("250 queued")
                        } else {
                            current.data.append(line)
                        }
                        continue
                    }
                    let command = line.prefix(4).uppercased()
                    switch command {
                    case "EHLO": try await say("250-sink\r\n250 AUTH PLAIN")
                    case "AUTH":
                        current.auth = Data(base64Encoded: String(line.dropFirst("AUTH PLAIN ".count))).map { String(decoding: $0, as: UTF8.self) } ?? ""
                        try await say("235 accepted")
                    case "MAIL":
                        current.from = String(line.dropFirst("MAIL FROM:".count))
                        try await say("250 ok")
                    case "RCPT":
                        current.to = String(line.dropFirst("RCPT TO:".count))
                        try await say(refuseRecipients ? "550 5.1.1 no such user here" : "250 ok")
                    case "DATA":
                        inData = true
                        try await say("354 end with a dot")
                    case "QUIT":
                        try await say("221 bye")
                        return
                    default: try await say("502 unknown")
                    }
                }
            }
        }
    }
}
