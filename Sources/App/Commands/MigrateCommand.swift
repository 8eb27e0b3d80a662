import ArgumentParser

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations (required before `serve` on PostgreSQL).")

    @Flag(name: .long, help: "Only list the pending migrations.")
    var dryRun = false

    func run() async throws {
        let configuration = try loadConfiguration()
        try await withServices(configuration, migrate: false) { services in
            let pending = try await services.database.pendingMigrations()
            if pending.isEmpty {
                print("No pending migrations (\(services.database.kind.engineName)).")
                return
            }
            if dryRun {
                print("Pending migrations:\n" + pending.map { "  \($0)" }.joined(separator: "\n"))
                return
            }
            let applied = try await services.database.migrate()
            print("Applied \(applied.count) migration(s) on \(services.database.kind.engineName):\n" + applied.map { "  \($0)" }.joined(separator: "\n"))
        }
    }
}
