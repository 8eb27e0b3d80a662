import FluentKit

/// Every migration in order. Append only: a shipped migration is never edited or reordered;
/// a mistake is undone by a new one (issue #2). Each feature lists its own; the order is by the
/// number that starts each name ("014_create_media"), which databases already store (issue #9).
enum LoaMigrations {
    static let all: [any Migration] = ordered(PlatformMigrations.all + features.flatMap(\.migrations))

    /// `migrations` by their number; two with the same number, or one without, is a programming error
    /// caught by the first start of any test.
    static func ordered(_ migrations: [any Migration]) -> [any Migration] {
        let numbered = migrations.map { migration -> (Int, any Migration) in
            guard let number = Int(migration.name.prefix { $0.isNumber }) else {
                preconditionFailure("migration \(migration.name) does not start with its number")
            }
            return (number, migration)
        }
        precondition(Set(numbered.map(\.0)).count == numbered.count, "two migrations share a number")
        return numbered.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

/// The platform's own tables: units, sites, users and sessions (read by identity, the unit tree and the
/// site directory on every request), the page cache's version, the form stash, the job queue and leases (issue #10), and the guards of public forms (issue #12).
enum PlatformMigrations {
    static let all: [any Migration] = [
        M001_CreateUnits(),
        M002_CreateSites(),
        M003_CreateUsers(),
        M004_CreateSecurityTables(),
        M010_CreateContentVersion(),
        M016_CreateFormStashes(),
        M027_CreateJobs(),
        M028_CreateLeases(),
        M029_CreateContentChanges(),
        M047_CreateAbuseGuards(),
    ]
}
