import Foundation
import LoaCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A loudspeaker cluster that is not there: sends heartbeats to Loa as a real one would, for the demo,
/// an installer's check of a token, and the tests (`loa radio simulate-cluster`).
struct ClusterSimulator: Sendable {
    /// Loa's address, e.g. http://127.0.0.1:8080
    var server: URL
    var token: String
    /// Seconds to wait for Loa's answer; a device on a rural line gives up after about this long.
    var timeout: TimeInterval = 10

    struct Answer: Sendable, Equatable {
        var status: Int
        var body: String
    }

    enum Failure: Error, CustomStringConvertible {
        case unreachable(String)
        var description: String {
            switch self {
            case .unreachable(let reason): "Không gửi được báo cáo tới máy chủ: \(reason)"
            }
        }
    }

    var endpoint: URL { server.appendingPathComponent(SystemRoute.radioHeartbeat.rawValue) }

    func send(_ beat: ClusterHeartbeat) async throws -> Answer {
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONEncoder().encode(beat)
        request.timeoutInterval = timeout
        return try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: Failure.unreachable(error.localizedDescription))
                    return
                }
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                continuation.resume(returning: Answer(status: status, body: String(decoding: data ?? Data(), as: UTF8.self)))
            }
            .resume()
        }
    }
}
