import Foundation
import Testing

@testable import App

/// The job worker's settings (issue #10): read once, bounded, named when wrong.
@Suite struct JobConfigurationTests {
    @Test func workerSettingsHaveDefaultsAndAreRead() throws {
        let defaults = try AppConfiguration.load(environment: [:])
        #expect(defaults.jobPollInterval == .milliseconds(1000))
        #expect(defaults.jobConcurrency == 2)
        #expect(defaults.jobLockSeconds == 300)
        let set = try AppConfiguration.load(environment: ["LOA_JOB_POLL_MS": "250", "LOA_JOB_CONCURRENCY": "4", "LOA_JOB_LOCK_SECONDS": "45"])
        #expect(set.jobPollInterval == .milliseconds(250))
        #expect(set.jobConcurrency == 4)
        #expect(set.jobLockSeconds == 45)
    }

    @Test func outOfRangeWorkerSettingsAreNamed() {
        #expect {
            try AppConfiguration.load(environment: ["LOA_JOB_POLL_MS": "5", "LOA_JOB_CONCURRENCY": "500", "LOA_JOB_LOCK_SECONDS": "5"])
        } throws: { error in
            let problems = (error as? ConfigurationError)?.problems ?? []
            return problems.contains { $0.hasPrefix("LOA_JOB_POLL_MS:") } && problems.contains { $0.hasPrefix("LOA_JOB_CONCURRENCY:") }
                && problems.contains { $0.hasPrefix("LOA_JOB_LOCK_SECONDS:") }
        }
    }
}
