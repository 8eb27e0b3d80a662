import Foundation
import NIOCore
import NIOPosix

/// One plain-text e-mail to one person.
struct MailMessage: Codable, Sendable, Equatable {
    var to: String
    var subject: String
    var body: String
}

/// Sends e-mail through an SMTP server (`LOA_SMTP_URL`): EHLO, AUTH PLAIN when the URL carries a user,
/// MAIL, RCPT, DATA. No library for SMTP exists among the packages this machine offers, and the
/// protocol Loa needs is these few commands (decision 0032). The body goes as UTF-8 in base64, so
/// Vietnamese text and lines starting with a dot need no further care; the subject is an RFC 2047
/// encoded word. Connections are plain: the server is a relay on the local network. Every send is
/// bounded in time.
struct SMTPMailer: Sendable {
    var host: String
    var port: Int
    var username: String?
    var password: String?
    var from: String
    var timeout: Duration = .seconds(30)

    init?(url: URL?, from: String) {
        guard let url, let host = url.host, let port = url.port else { return nil }
        self.host = host
        self.port = port
        username = url.user(percentEncoded: false)
        password = url.password(percentEncoded: false)
        self.from = from
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func send(_ message: MailMessage) async throws {
        // A line break in an address or subject would let it write headers or commands of its own.
        for field in [message.to, message.subject, from] where field.contains(where: \.isNewline) {
            throw Failure(description: "a header field contains a line break")
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await deliver(message) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw Failure(description: "the SMTP server at \(host):\(port) did not finish within \(timeout)")
            }
            try await group.next()
            group.cancelAll()
        }
    }

    private func deliver(_ message: MailMessage) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplies(inbound.makeAsyncIterator())
            func expect(_ codes: Set<Int>, after command: String?) async throws {
                if let command { try await outbound.write(ByteBuffer(string: command + "\r\n")) }
                let (code, text) = try await replies.next()
                guard codes.contains(code) else {
                    throw Failure(description: "SMTP \(command.map { String($0.prefix(4)) } ?? "greeting"): \(code) \(text)")
                }
            }
            try await expect([220], after: nil)
            try await expect([250], after: "EHLO loa")
            if let username {
                let token = Data("\0\(username)\0\(password ?? "")".utf8).base64EncodedString()
                try await expect([235], after: "AUTH PLAIN \(token)")
            }
            try await expect([250], after: "MAIL FROM:<\(from)>")
            try await expect([250, 251], after: "RCPT TO:<\(message.to)>")
            try await expect([354], after: "DATA")
            try await expect([250], after: Self.data(message, from: from) + "\r\n.")
            try? await expect([221], after: "QUIT")
        }
    }

    /// The message as DATA sends it, without the final dot.
    static func data(_ message: MailMessage, from: String, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let subject = "=?UTF-8?B?\(Data(message.subject.utf8).base64EncodedString())?="
        let body = Data(message.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return [
            "From: \(from)", "To: \(message.to)", "Subject: \(subject)", "Date: \(formatter.string(from: date))",
            "Message-ID: <\(UUID().uuidString.lowercased())@loa>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64", "", body,
        ].joined(separator: "\r\n")
    }
}

/// Reads SMTP replies (`250-first`, `250 last`) from the connection's bytes.
private struct SMTPReplies {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending = ""

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.iterator = iterator }

    /// A server's replies are short; one longer than this is not an SMTP server.
    static let maxReplyBytes = 64 << 10

    mutating func next() async throws -> (Int, String) {
        var text: [String] = []
        while true {
            while let end = pending.range(of: "\r\n") {
                let line = String(pending[..<end.lowerBound])
                pending.removeSubrange(..<end.upperBound)
                let code = Int(line.prefix(3)) ?? 0
                text.append(String(line.dropFirst(4)))
                if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { return (code, text.joined(separator: " ")) }
            }
            guard pending.utf8.count < Self.maxReplyBytes, let buffer = try await iterator.next() else {
                throw SMTPMailer.Failure(description: "the SMTP server closed the connection or sent an endless reply")
            }
            pending += String(buffer: buffer)
        }
    }
}
