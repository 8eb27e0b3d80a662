import ArgumentParser
import Foundation
import Hummingbird

struct RoutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "List every route the server registers.")

    func run() async throws {
        // The router needs the app's parts but no data: build it over a throwaway SQLite file.
        var configuration = try loadConfiguration()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("loa-routes-\(UUID().uuidString)")
        configuration.database = .sqlite(path: scratch.appendingPathComponent("routes.sqlite").path)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let routes = try await withServices(configuration, migrate: false) { services in
            buildRouter(services).routes.map { "\($0.method.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)) \($0.path)" }
        }
        print(routes.sorted { $0.split(separator: " ", maxSplits: 1).last! < $1.split(separator: " ", maxSplits: 1).last! }.joined(separator: "\n"))
    }
}
