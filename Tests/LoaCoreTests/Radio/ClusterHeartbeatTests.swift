import Foundation
import Testing

@testable import LoaCore

@Suite struct ClusterHeartbeatTests {
    static let seen = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: [
        (0.0, ClusterLiveness.online), (29.0, .online), (89.0, .online), (90.0, .offline), (3600.0, .offline),
    ])
    func aClusterIsOfflineAfterThreeMissedBeats(elapsed: TimeInterval, expected: ClusterLiveness) {
        #expect(ClusterLiveness.of(lastSeen: Self.seen, now: Self.seen.addingTimeInterval(elapsed), interval: 30) == expected)
    }

    @Test func aClusterThatNeverReportedIsNeverSeen() {
        #expect(ClusterLiveness.of(lastSeen: nil, now: Self.seen, interval: 30) == .neverSeen)
    }

    @Test func reportsOutOfRangeAreRefusedWithTheField() {
        #expect(ClusterHeartbeat(volume: 101, on: true).problem == "Âm lượng phải từ 0 đến 100.")
        #expect(ClusterHeartbeat(volume: -1, on: true).problem == "Âm lượng phải từ 0 đến 100.")
        #expect(ClusterHeartbeat(volume: 50, on: true, signal: 120).problem == "Chất lượng tín hiệu phải từ 0 đến 100.")
        #expect(ClusterHeartbeat(volume: 50, on: true, currentItem: String(repeating: "a", count: 201)).problem != nil)
        #expect(ClusterHeartbeat(volume: 100, on: false, currentItem: String(repeating: "a", count: 200), signal: 0).problem == nil)
    }

    @Test func theJSONUsesSnakeCaseKeys() throws {
        let json = #"{"volume": 70, "on": true, "current_item": "Bản tin sáng", "signal": 88}"#
        let beat = try JSONDecoder().decode(ClusterHeartbeat.self, from: Data(json.utf8))
        #expect(beat == ClusterHeartbeat(volume: 70, on: true, currentItem: "Bản tin sáng", signal: 88))
    }
}
