import Foundation
import Testing

@testable import App

@Suite struct ConfigurationTests {
    @Test func defaultsUseSQLiteInTheDataFolder() throws {
        let configuration = try AppConfiguration.load(environment: [:])
        #expect(configuration.database == .sqlite(path: "./data/loa.sqlite"))
        #expect(configuration.dataDirectory == "./data")
        #expect(configuration.baseURL.absoluteString == "http://127.0.0.1:8080")
        #expect(configuration.logLevel == .info)
        #expect(!configuration.usesHTTPS)
    }

    @Test func postgresURLSelectsPostgres() throws {
        let configuration = try AppConfiguration.load(environment: ["DATABASE_URL": "postgres://loa:secret@db.local:5432/loa"])
        #expect(configuration.database == .postgres(url: "postgres://loa:secret@db.local:5432/loa"))
    }

    @Test(arguments: [
        ("mysql://x@y/z", "unsupported scheme"),
        ("postgres://loa@/loa", "missing host"),
        ("postgres://loa@db.local", "missing database name"),
        ("not a url at all", "DATABASE_URL"),
    ])
    func malformedDatabaseURLIsNamed(raw: String, expected: String) {
        #expect {
            try AppConfiguration.load(environment: ["DATABASE_URL": raw])
        } throws: { error in
            let text = String(describing: error)
            return text.contains("DATABASE_URL") && text.contains(expected)
        }
    }

    @Test func everyBadSettingIsListedAtOnceAndPasswordsAreRedacted() {
        #expect {
            try AppConfiguration.load(environment: [
                "LOG_LEVEL": "loud", "LOA_SESSION_IDLE_MINUTES": "0", "LOA_BASE_URL": "ftp://x",
                "DATABASE_URL": "postgres://loa:hunter2@/loa",
            ])
        } throws: { error in
            let text = String(describing: error)
            return text.contains("LOG_LEVEL") && text.contains("LOA_SESSION_IDLE_MINUTES") && text.contains("LOA_BASE_URL")
                && text.contains("DATABASE_URL") && !text.contains("hunter2")
        }
    }

    @Test func httpsBaseURLMakesCookiesSecure() throws {
        let configuration = try AppConfiguration.load(environment: ["LOA_BASE_URL": "https://tanphudong.gov.vn/"])
        #expect(configuration.usesHTTPS)
        #expect(configuration.baseURL.absoluteString == "https://tanphudong.gov.vn")
    }
}

@Suite struct ClientAddressTests {
    @Test func theRightMostUntrustedForwardedAddressIsTheClient() {
        let trusted: Set<String> = ["127.0.0.1", "10.0.0.2"]
        #expect(ClientAddressMiddleware.client(forwardedFor: ["203.0.113.7"], trusted: trusted) == "203.0.113.7")
        // A client cannot pass itself off as someone else by sending its own header first.
        #expect(ClientAddressMiddleware.client(forwardedFor: ["1.2.3.4, 203.0.113.7", "10.0.0.2"], trusted: trusted) == "203.0.113.7")
        #expect(ClientAddressMiddleware.client(forwardedFor: [], trusted: trusted) == nil)
    }

    @Test func theMailServerIsAnSMTPURLAndTheSenderAnAddress() throws {
        let configuration = try AppConfiguration.load(environment: ["LOA_SMTP_URL": "smtp://loa:secret@127.0.0.1:2525", "LOA_MAIL_FROM": "cong@example.vn"])
        #expect(configuration.smtpURL?.port == 2525 && configuration.mailFrom == "cong@example.vn")
        #expect(try AppConfiguration.load(environment: [:]).smtpURL == nil)
        #expect(throws: ConfigurationError.self) { try AppConfiguration.load(environment: ["LOA_SMTP_URL": "mail.example.vn"]) }
        #expect(throws: ConfigurationError.self) { try AppConfiguration.load(environment: ["LOA_MAIL_FROM": "không phải email"]) }
    }

    @Test func trustedProxiesMustBeAddresses() throws {
        #expect(try AppConfiguration.load(environment: ["LOA_TRUSTED_PROXIES": "127.0.0.1, ::1"]).trustedProxies == ["127.0.0.1", "::1"])
        #expect(throws: ConfigurationError.self) { try AppConfiguration.load(environment: ["LOA_TRUSTED_PROXIES": "proxy.local"]) }
    }
}
