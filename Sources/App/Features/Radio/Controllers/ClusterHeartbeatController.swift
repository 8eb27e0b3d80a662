import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import LoaCore

/// `POST /radio/heartbeat`: a loudspeaker cluster reports its state with its device token
/// (`Authorization: Bearer …`). Machines, not people, call it: no session and no CSRF (no cookie is
/// read), answers in JSON with a Vietnamese message an installer can read in the device's log.
struct ClusterHeartbeatController: Sendable {
    let database: DatabaseStack
    let clients: Clients
    /// A heartbeat is a few fields; anything larger is not one.
    static let maxBodyBytes = 2048

    var stations: RadioStations { RadioStations(db: database.db, clients: clients) }

    func register(on router: Router<AppRequestContext>) {
        router.post(RouterPath(SystemRoute.radioHeartbeat.rawValue)) { request, context in try await heartbeat(request, context) }
    }

    private func heartbeat(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let authorization = request.headers[.authorization] ?? ""
        guard authorization.hasPrefix("Bearer ") else {
            return Self.json(.unauthorized, ["error": "Thiếu mã thiết bị (Authorization: Bearer …)."])
        }
        let token = String(authorization.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.maxBodyBytes)
        } catch {
            return Self.json(.contentTooLarge, ["error": "Nội dung báo cáo dài quá \(Self.maxBodyBytes) byte."])
        }
        guard let beat = try? JSONDecoder().decode(ClusterHeartbeat.self, from: Data(body.readableBytesView)) else {
            return Self.json(.badRequest, ["error": "Báo cáo không phải JSON hợp lệ với các trường volume, on, current_item, signal."])
        }
        if let problem = beat.problem { return Self.json(.unprocessableContent, ["error": problem]) }
        guard let cluster = try await stations.heartbeat(token: token, beat) else {
            return Self.json(.unauthorized, ["error": "Mã thiết bị không đúng hoặc cụm loa đã bị xóa."])
        }
        return Self.json(.ok, ["cluster": cluster.name, "interval": String(Int(RadioStations.defaultHeartbeatInterval))])
    }

    static func json(_ status: HTTPResponse.Status, _ fields: [String: String]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
