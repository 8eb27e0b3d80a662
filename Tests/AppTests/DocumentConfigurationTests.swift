import Foundation
import LoaCore
import Testing

@testable import App

/// Settings of the document library (issue #4).
@Suite struct DocumentConfigurationTests {
    @Test func holidaysAndUploadLimitAreRead() throws {
        let configuration = try AppConfiguration.load(environment: ["LOA_HOLIDAYS": "2026-04-30, 2026-05-01\n2026-09-02", "LOA_DOCUMENT_MAX_MB": "5"])
        #expect(configuration.holidays == Set(["2026-04-30", "2026-05-01", "2026-09-02"].compactMap(CalendarDay.init(iso:))))
        #expect(configuration.documentMaxBytes == 5 << 20)
        let defaults = try AppConfiguration.load(environment: [:])
        #expect(defaults.holidays.isEmpty)
        #expect(defaults.documentMaxBytes == 20 << 20)
    }

    @Test func badHolidaysAndLimitsAreNamed() {
        do {
            _ = try AppConfiguration.load(environment: ["LOA_HOLIDAYS": "2026-04-30, 30/04/2026", "LOA_DOCUMENT_MAX_MB": "0"])
            Issue.record("expected a configuration error")
        } catch let error as ConfigurationError {
            #expect(error.problems.contains("LOA_HOLIDAYS: not a date as YYYY-MM-DD: \"30/04/2026\""))
            #expect(error.problems.contains { $0.hasPrefix("LOA_DOCUMENT_MAX_MB:") })
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
