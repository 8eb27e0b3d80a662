import ArgumentParser
import Foundation
import Logging

/// `loa`: the server and its administration commands, one binary (STYLE.md habit 11).
public struct LoaCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "loa",
        abstract: "Loa: the communication platform of a Vietnamese local government.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, CreateUserCommand.self, ImportCommand.self,
            BackupCommand.self, RoutesCommand.self, RadioCommand.self,
        ])

    public init() {}

    /// Parses the process arguments and runs the chosen command. Spelled out because a top-level
    /// `await LoaCommand.main()` in another module resolves to the synchronous entry point.
    public static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// Loads the configuration from the environment or stops with the list of bad settings.
func loadConfiguration() throws -> AppConfiguration {
    do {
        return try AppConfiguration.load(environment: ProcessInfo.processInfo.environment)
    } catch let error as ConfigurationError {
        throw CommandError(error.description)
    }
}

/// Opens the database for a one-off command, runs `body`, and always closes it.
func withServices<T: Sendable>(
    _ configuration: AppConfiguration, migrate: Bool = true, _ body: (AppServices) async throws -> T
) async throws -> T {
    var logger = Logger(label: "loa")
    logger.logLevel = configuration.logLevel == .info ? .warning : configuration.logLevel
    let services = try await AppServices.open(configuration, clients: .live, logger: logger)
    do {
        if migrate {
            let pending = try await services.database.pendingMigrations()
            if !pending.isEmpty {
                guard services.database.isSQLite else { throw PendingMigrationsError(names: pending) }
                try await services.database.migrate()
            }
        }
        let result = try await body(services)
        await services.database.shutdown()
        return result
    } catch {
        await services.database.shutdown()
        throw error
    }
}

/// A command that ran but could not do its job: printed as `Error: …` without the usage text,
/// exit status 1. Argument mistakes stay `ValidationError`s, which also print the usage.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
