import Foundation
import LoaCore
import Logging
import NIOCore

/// Every setting Loa reads, parsed once at start-up from the environment (issue #2).
/// A malformed value stops start-up with a message that names the setting.
public struct AppConfiguration: Sendable {
    public enum DatabaseKind: Sendable, Equatable {
        /// SQLite file at the given path (the embedded default).
        case sqlite(path: String)
        /// PostgreSQL, from a `postgres://` URL; `searchPath` lets tests isolate a schema.
        case postgres(url: String, searchPath: [String]? = nil)

        public var engineName: String {
            switch self {
            case .sqlite: "SQLite"
            case .postgres: "PostgreSQL"
            }
        }
    }

    public var database: DatabaseKind
    public var dataDirectory: String
    public var baseURL: URL
    public var logLevel: Logger.Level
    /// Name of the root unit created by `serve --no-demo` on an empty database.
    public var rootUnitName: String
    /// Minutes of inactivity after which a back-office session ends.
    public var sessionIdleMinutes: Int
    /// Hours after which a session ends even when active.
    public var sessionMaxHours: Int
    /// bcrypt work factor; tests lower it to keep the suite fast.
    public var bcryptCost: UInt8
    /// E-mail of the administrator created on first start.
    public var adminEmail: String
    /// Addresses of reverse proxies whose `X-Forwarded-For` is believed (throttling and audit need
    /// the citizen's address, not the proxy's). Empty: the socket peer is the client.
    public var trustedProxies: Set<String> = []
    /// Public holidays (Tết and the others move every year), for the 2-working-day deadline of legal
    /// documents (issue #4). Weekends are never working days.
    public var holidays: Set<CalendarDay> = []
    /// Largest file a document may attach.
    public var documentMaxBytes: Int = 20 << 20
    /// PostgreSQL connections this instance may hold in all (`LOA_DB_POOL_SIZE`), spread over its event loops.
    public var databasePoolSize: Int = 8
    /// How long a request waits for a PostgreSQL connection before it gets the "try again shortly" page
    /// (`LOA_DB_POOL_TIMEOUT_SECONDS`): short, so an outage fails fast instead of piling requests up.
    public var databasePoolTimeoutSeconds: Int = 5
    /// How long a job worker waits after finding the queue empty (`LOA_JOB_POLL_MS`, issue #10).
    public var jobPollInterval: Duration = .milliseconds(1000)
    /// Jobs one instance runs side by side at most (`LOA_JOB_CONCURRENCY`, issue #10).
    public var jobConcurrency: Int = 2
    /// How long a claimed job may run before another instance takes it for orphaned (`LOA_JOB_LOCK_SECONDS`):
    /// longer than any job takes, and what a job held by a dead instance waits before it runs again.
    public var jobLockSeconds: Int = 300
    /// The bearer token `/metrics` asks for (`LOA_METRICS_TOKEN`); unset, the endpoint does not exist.
    public var metricsToken: String?
    /// Where the radio playout pushes each station's mount (`LOA_ICECAST_URL`,
    /// icecast://source:password@host:port); nil: bulletins are rendered, scheduled and logged, not streamed.
    public var icecastURL: URL?
    /// The SMTP server that sends citizens their tracking code and answer (`LOA_SMTP_URL`,
    /// smtp://[user:password@]host:port); nil: no e-mail is sent, and the system page says so.
    public var smtpURL: URL?
    /// The shortest period a draft is open for comments (`LOA_CONSULTATION_MIN_DAYS`).
    public var consultationMinimumDays = 30
    /// The sender of those e-mails (`LOA_MAIL_FROM`).
    public var mailFrom = "no-reply@loa.local"
    /// Whether published articles are read aloud in the background ("Nghe bài viết", `LOA_ARTICLE_AUDIO`
    /// on or off); off for benchmarks and servers that should not spend CPU on it.
    public var articleAudio = true
    /// Leading zero bits the browser must find for a public form's proof-of-work (`LOA_POW_BITS`):
    /// each bit doubles its work; 16 is well under a second on a cheap phone.
    public var proofOfWorkBits = 16
    /// Successful contest registrations one address may make in an hour
    /// (`LOA_CONTEST_REGISTRATIONS_PER_ADDRESS_HOUR`): a commune office registers its staff from one address.
    public var contestRegistrationsPerAddressHour = 30

    public var uploadsDirectory: String { (dataDirectory as NSString).appendingPathComponent("uploads") }
    /// Cookies get `Secure` whenever the public address is HTTPS.
    public var usesHTTPS: Bool { baseURL.scheme == "https" }

    public init(
        database: DatabaseKind,
        dataDirectory: String,
        baseURL: URL,
        logLevel: Logger.Level = .info,
        rootUnitName: String = "Ủy ban nhân dân",
        sessionIdleMinutes: Int = 30,
        sessionMaxHours: Int = 12,
        bcryptCost: UInt8 = 12,
        adminEmail: String = "quantri@loa.local"
    ) {
        self.database = database
        self.dataDirectory = dataDirectory
        self.baseURL = baseURL
        self.logLevel = logLevel
        self.rootUnitName = rootUnitName
        self.sessionIdleMinutes = sessionIdleMinutes
        self.sessionMaxHours = sessionMaxHours
        self.bcryptCost = bcryptCost
        self.adminEmail = adminEmail
    }
}

/// Start-up refuses to go on with these; the message lists every bad setting at once.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var problems: [String]
    public var description: String {
        "Invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

extension AppConfiguration {
    /// The settings table of the README, in code: name, default, meaning.
    public static let settings: [(name: String, defaultValue: String, meaning: String)] = [
        ("DATABASE_URL", "(unset: SQLite file)", "postgres://user:pass@host:port/db for PostgreSQL; unset or sqlite:///path for SQLite"),
        ("LOA_DATA_DIR", "./data", "SQLite database, uploads and backups"),
        ("LOA_BASE_URL", "http://127.0.0.1:8080", "public address, used in links, sitemaps and cookies (https → Secure cookies)"),
        ("LOG_LEVEL", "info", "trace, debug, info, notice, warning, error, critical"),
        ("LOA_ROOT_UNIT_NAME", "Ủy ban nhân dân", "root unit created by serve --no-demo on an empty database"),
        ("LOA_SESSION_IDLE_MINUTES", "30", "back-office sign-out after this much inactivity (5…1440)"),
        ("LOA_SESSION_MAX_HOURS", "12", "absolute session lifetime (1…720)"),
        ("LOA_BCRYPT_COST", "12", "bcrypt work factor for passwords (4…16)"),
        ("LOA_ADMIN_EMAIL", "quantri@loa.local", "sign-in of the administrator created on first start"),
        ("LOA_TRUSTED_PROXIES", "(none)", "comma-separated addresses of reverse proxies whose X-Forwarded-For is believed, e.g. 127.0.0.1"),
        ("LOA_HOLIDAYS", "(none)", "public holidays, YYYY-MM-DD separated by commas or spaces, for legal documents' 2-working-day deadline"),
        ("LOA_DOCUMENT_MAX_MB", "20", "largest file a document may attach, in MB (1…200)"),
        ("LOA_JOB_POLL_MS", "1000", "how long the job worker waits after finding the queue empty, in ms (100…60000)"),
        ("LOA_JOB_CONCURRENCY", "2", "background jobs (image renditions…) one instance runs side by side (1…16)"),
        ("LOA_METRICS_TOKEN", "(unset: no /metrics)", "bearer token of the Prometheus endpoint /metrics, at least 20 characters"),
        ("LOA_JOB_LOCK_SECONDS", "300", "how long a claimed job may run before another instance runs it again as orphaned (30…3600)"),
        ("LOA_POW_BITS", "16", "leading zero bits of the proof-of-work of public forms such as contest registration (8…26)"),
        ("LOA_CONTEST_REGISTRATIONS_PER_ADDRESS_HOUR", "30", "contest registrations one address may make in an hour (1…1000000)"),
        ("LOA_SMTP_URL", "(unset: no e-mail)", "smtp://[user:password@]host:port of the server that e-mails citizens their tracking code and answer"),
        ("LOA_CONSULTATION_MIN_DAYS", "30", "the shortest period, in days, a draft is open for the public's comments (1…365)"),
        ("LOA_MAIL_FROM", "no-reply@loa.local", "the From address of those e-mails"),
        ("LOA_ICECAST_URL", "(unset: radio not streamed)", "icecast://source:password@127.0.0.1:8000 where the radio playout feeds each station's mount"),
    ]

    /// Reads the environment. Unknown `LOA_` variables are ignored; malformed known ones are errors.
    public static func load(environment env: [String: String]) throws -> AppConfiguration {
        var problems: [String] = []
        let dataDirectory = nonEmpty(env["LOA_DATA_DIR"]) ?? "./data"

        var database = DatabaseKind.sqlite(path: (dataDirectory as NSString).appendingPathComponent("loa.sqlite"))
        if let raw = nonEmpty(env["DATABASE_URL"]) {
            switch parseDatabaseURL(raw) {
            case .success(let kind): database = kind
            case .failure(let message): problems.append("DATABASE_URL: \(message)")
            }
        }

        var baseURL = URL(string: "http://127.0.0.1:8080")!
        if let raw = nonEmpty(env["LOA_BASE_URL"]) {
            if let url = URL(string: raw.hasSuffix("/") ? String(raw.dropLast()) : raw),
                ["http", "https"].contains(url.scheme ?? ""), url.host != nil, url.query == nil
            {
                baseURL = url
            } else {
                problems.append("LOA_BASE_URL: expected an absolute http(s) URL without query, got \"\(raw)\"")
            }
        }

        var logLevel = Logger.Level.info
        if let raw = nonEmpty(env["LOG_LEVEL"]) {
            if let level = Logger.Level(rawValue: raw.lowercased()) {
                logLevel = level
            } else {
                problems.append("LOG_LEVEL: expected one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(raw)\"")
            }
        }

        let idle = integer(env, "LOA_SESSION_IDLE_MINUTES", default: 30, range: 5...1440, problems: &problems)
        let maxHours = integer(env, "LOA_SESSION_MAX_HOURS", default: 12, range: 1...720, problems: &problems)
        let cost = integer(env, "LOA_BCRYPT_COST", default: 12, range: 4...16, problems: &problems)

        let adminEmail = nonEmpty(env["LOA_ADMIN_EMAIL"])?.lowercased() ?? "quantri@loa.local"
        if FieldCheck.email(adminEmail, field: "LOA_ADMIN_EMAIL") != nil {
            problems.append("LOA_ADMIN_EMAIL: not an e-mail address: \"\(adminEmail)\"")
        }

        var trustedProxies = Set<String>()
        for raw in (nonEmpty(env["LOA_TRUSTED_PROXIES"]) ?? "").split(separator: ",") {
            let address = raw.trimmingCharacters(in: .whitespaces)
            if (try? SocketAddress(ipAddress: address, port: 0)) == nil {
                problems.append("LOA_TRUSTED_PROXIES: not an IP address: \"\(address)\"")
            } else {
                trustedProxies.insert(address)
            }
        }

        let (calendar, badHolidays) = WorkingCalendar.parse(env["LOA_HOLIDAYS"] ?? "")
        for bad in badHolidays { problems.append("LOA_HOLIDAYS: not a date as YYYY-MM-DD: \"\(bad)\"") }
        let documentMB = integer(env, "LOA_DOCUMENT_MAX_MB", default: 20, range: 1...200, problems: &problems)
        let poolSize = integer(env, "LOA_DB_POOL_SIZE", default: 8, range: 1...200, problems: &problems)
        let poolTimeout = integer(env, "LOA_DB_POOL_TIMEOUT_SECONDS", default: 5, range: 1...60, problems: &problems)
        let jobPollMS = integer(env, "LOA_JOB_POLL_MS", default: 1000, range: 100...60_000, problems: &problems)
        let jobConcurrency = integer(env, "LOA_JOB_CONCURRENCY", default: 2, range: 1...16, problems: &problems)
        let jobLock = integer(env, "LOA_JOB_LOCK_SECONDS", default: 300, range: 30...3600, problems: &problems)
        let metricsToken = nonEmpty(env["LOA_METRICS_TOKEN"])
        if let metricsToken, metricsToken.count < 20 {
            problems.append("LOA_METRICS_TOKEN: at least 20 characters, so it cannot be guessed (got \(metricsToken.count))")
        }
        var smtpURL: URL?
        if let raw = nonEmpty(env["LOA_SMTP_URL"]) {
            if let url = URL(string: raw), url.scheme == "smtp", url.host != nil, url.port != nil {
                smtpURL = url
            } else {
                problems.append("LOA_SMTP_URL: expected smtp://[user:password@]host:port, got \"\(redacted(raw))\"")
            }
        }
        let mailFrom = nonEmpty(env["LOA_MAIL_FROM"]) ?? "no-reply@loa.local"
        if FieldCheck.email(mailFrom, field: "LOA_MAIL_FROM") != nil { problems.append("LOA_MAIL_FROM: not an e-mail address: \"\(mailFrom)\"") }
        var icecastURL: URL?
        if let raw = nonEmpty(env["LOA_ICECAST_URL"]) {
            if let url = URL(string: raw), url.scheme == "icecast", url.host != nil, url.port != nil {
                icecastURL = url
            } else {
                problems.append("LOA_ICECAST_URL: expected icecast://source:password@host:port, got \"\(redacted(raw))\"")
            }
        }

        let proofOfWorkBits = integer(env, "LOA_POW_BITS", default: 16, range: 8...26, problems: &problems)
        let consultationMinimumDays = integer(env, "LOA_CONSULTATION_MIN_DAYS", default: 30, range: 1...365, problems: &problems)
        let registrationsPerAddress = integer(
            env, "LOA_CONTEST_REGISTRATIONS_PER_ADDRESS_HOUR", default: 30, range: 1...1_000_000, problems: &problems)
        var articleAudio = true
        switch nonEmpty(env["LOA_ARTICLE_AUDIO"])?.lowercased() {
        case nil, "on": break
        case "off": articleAudio = false
        case let other?: problems.append("LOA_ARTICLE_AUDIO: expected on or off, got \"\(other.prefix(20))\"")
        }

        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
        var configuration = AppConfiguration(
            database: database,
            dataDirectory: dataDirectory,
            baseURL: baseURL,
            logLevel: logLevel,
            rootUnitName: nonEmpty(env["LOA_ROOT_UNIT_NAME"]) ?? "Ủy ban nhân dân",
            sessionIdleMinutes: idle,
            sessionMaxHours: maxHours,
            bcryptCost: UInt8(cost),
            adminEmail: adminEmail
        )
        configuration.trustedProxies = trustedProxies
        configuration.holidays = calendar.holidays
        configuration.documentMaxBytes = documentMB << 20
        configuration.databasePoolSize = poolSize
        configuration.databasePoolTimeoutSeconds = poolTimeout
        configuration.jobPollInterval = .milliseconds(jobPollMS)
        configuration.jobConcurrency = jobConcurrency
        configuration.jobLockSeconds = jobLock
        configuration.metricsToken = metricsToken
        configuration.icecastURL = icecastURL
        configuration.smtpURL = smtpURL
        configuration.mailFrom = mailFrom
        configuration.articleAudio = articleAudio
        configuration.proofOfWorkBits = proofOfWorkBits
        configuration.consultationMinimumDays = consultationMinimumDays
        configuration.contestRegistrationsPerAddressHour = registrationsPerAddress
        return configuration
    }

    static func parseDatabaseURL(_ raw: String) -> Result<DatabaseKind, ConfigurationMessage> {
        guard let components = URLComponents(string: raw), let scheme = components.scheme?.lowercased() else {
            return .failure("not a URL: \"\(redacted(raw))\"")
        }
        switch scheme {
        case "postgres", "postgresql":
            guard let host = components.host, !host.isEmpty else { return .failure("missing host in \"\(redacted(raw))\"") }
            guard components.path.count > 1 else { return .failure("missing database name in \"\(redacted(raw))\"") }
            if let port = components.port, !(1...65535).contains(port) { return .failure("port out of range") }
            return .success(.postgres(url: raw))
        case "sqlite":
            guard !components.path.isEmpty else { return .failure("missing file path in \"\(raw)\"") }
            return .success(.sqlite(path: components.path))
        default:
            return .failure("unsupported scheme \"\(scheme)\" (use postgres:// or sqlite://)")
        }
    }

    /// Never print a password from a URL in a log or an error.
    static func redacted(_ raw: String) -> String {
        guard var components = URLComponents(string: raw), components.password != nil else { return raw }
        components.password = "***"
        return components.string ?? "(unprintable)"
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    private static func integer(
        _ env: [String: String], _ name: String, default defaultValue: Int, range: ClosedRange<Int>, problems: inout [String]
    ) -> Int {
        guard let raw = nonEmpty(env[name]) else { return defaultValue }
        guard let value = Int(raw), range.contains(value) else {
            problems.append("\(name): expected a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(raw)\"")
            return defaultValue
        }
        return value
    }
}

/// A reason string usable as a `Result` failure.
struct ConfigurationMessage: Error, ExpressibleByStringInterpolation, CustomStringConvertible {
    var description: String
    init(stringLiteral value: String) { description = value }
    init(stringInterpolation: DefaultStringInterpolation) { description = String(stringInterpolation: stringInterpolation) }
}
