import ArgumentParser
import Foundation
import Hummingbird
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the web server (migrates an embedded SQLite database automatically; creates the demo world on first start).")

    @Option(name: .long, help: "Address to listen on.")
    var hostname = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on.")
    var port = 8080

    @Flag(name: .long, help: "On an empty database create only the root unit and the administrator, not the demo world.")
    var noDemo = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535, got \(port)") }
    }

    func run() async throws {
        let configuration = try loadConfiguration()
        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardOutput(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "loa")
        let built = try await buildApplication(
            configuration, options: .init(hostname: hostname, port: port, demo: !noDemo), logger: logger)
        if let first = built.firstStart {
            // Written straight to the file descriptor: print() buffers when stdout is a pipe or a file
            // (systemd, docker logs), and a process killed a moment later would lose the only copy.
            Self.writeNow(
                """
                ==============================================================
                Loa first start\(first.seededDemo ? " with the demo world of Tân Phú Đông" : "").
                Administrator: \(first.adminEmail)
                One-time password: \(first.oneTimePassword)
                (shown once; the first sign-in must change it)
                ==============================================================

                """)
        }
        Self.writeNow(
            "Loa is listening on http://\(hostname):\(port)/  (public address \(configuration.baseURL.absoluteString), back office \(configuration.baseURL.absoluteString)\(AdminRoute.base))\n"
        )
        try await built.application.runService()
    }

    static func writeNow(_ text: String) {
        fflush(nil)  // anything print() buffered goes first, so lines stay in order
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
