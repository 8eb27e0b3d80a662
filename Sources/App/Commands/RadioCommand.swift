import ArgumentParser
import Foundation
import LoaCore

/// `loa radio …`: tools for the commune radio (issue #11).
struct RadioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "radio",
        abstract: "Commune radio tools.",
        subcommands: [SimulateClusterCommand.self])
}

/// `loa radio simulate-cluster --server http://127.0.0.1:8080 --token loa-… --beats 3`: a loudspeaker
/// cluster's heartbeats, for the demo and to check a device token before a cluster is installed.
struct SimulateClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate-cluster",
        abstract: "Send heartbeats as a loudspeaker cluster would.")

    @Option(help: "Loa's address.") var server = "http://127.0.0.1:8080"
    @Option(help: "The cluster's device token, shown once when the cluster was added.") var token: String
    @Option(help: "How many heartbeats to send (0: until stopped).") var beats = 1
    @Option(help: "Seconds between heartbeats.") var interval = Int(RadioStations.defaultHeartbeatInterval)
    @Option(help: "Volume 0–100.") var volume = 70
    @Flag(help: "Report the amplifier as switched off.") var off = false
    @Option(help: "What the cluster is playing.") var item: String?
    @Option(help: "Signal quality 0–100.") var signal: Int?
    @Option(help: "Seconds to wait for each answer (1–300).") var timeout = 10

    func validate() throws {
        guard URL(string: server)?.scheme != nil else { throw ValidationError("--server must be a URL such as http://127.0.0.1:8080") }
        guard beats >= 0, (1...3600).contains(interval) else { throw ValidationError("--beats must be ≥ 0 and --interval 1…3600 seconds") }
        guard (1...300).contains(timeout) else { throw ValidationError("--timeout must be 1…300 seconds") }
    }

    func run() async throws {
        let simulator = ClusterSimulator(server: URL(string: server)!, token: token, timeout: TimeInterval(timeout))
        let beat = ClusterHeartbeat(volume: volume, on: !off, currentItem: item, signal: signal)
        if let problem = beat.problem { throw ValidationError(problem) }
        var sent = 0
        while beats == 0 || sent < beats {
            if sent > 0 { try await Task.sleep(for: .seconds(interval)) }
            let answer = try await simulator.send(beat)
            sent += 1
            print("[\(VietnameseDate.dayTime(Date()))] \(answer.status) \(answer.body)")
            guard answer.status == 200 else { throw ExitCode(1) }
        }
    }
}
