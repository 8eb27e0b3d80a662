import HTTPTypes
import Hummingbird

/// Behind a reverse proxy every request comes from the proxy. When the peer is a trusted proxy, the
/// client is the right-most `X-Forwarded-For` address that is not itself a trusted proxy (entries to the
/// left of it could be forged by the client). Its `X-Forwarded-Proto` says whether the client used HTTPS;
/// from anyone else both headers are ignored.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trustedProxies: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let peer = context.remoteAddress?.ipAddress, trustedProxies.contains(peer) {
            context.forwardedFor = Self.client(forwardedFor: request.headers[values: HTTPField.Name("X-Forwarded-For")!], trusted: trustedProxies)
            // The scheme the proxy itself saw (its own value is the last one when proxies chain).
            context.forwardedProto = request.headers[values: HTTPField.Name("X-Forwarded-Proto")!]
                .flatMap { $0.split(separator: ",") }.last.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        }
        return try await next(request, context)
    }

    static func client(forwardedFor headers: [String], trusted: Set<String>) -> String? {
        let hops = headers.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.reversed().first { !trusted.contains($0) }.map { String($0.prefix(64)) }
    }
}
