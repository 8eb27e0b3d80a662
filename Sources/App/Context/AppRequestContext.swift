import Hummingbird
import NIOCore

/// Per-request state passed from middleware to handlers.
struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?
    /// Set by `SessionMiddleware` when a valid session cookie came with the request.
    var identity: Identity?
    /// True when the cookie named a session that has ended, so sign-in can say why.
    var sessionExpired = false

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Set by `ClientAddressMiddleware` from `X-Forwarded-For` when the peer is a trusted proxy.
    var forwardedFor: String?

    /// The client's address for throttling and the audit log.
    var clientIP: String { forwardedFor ?? remoteAddress?.ipAddress ?? "unknown" }

    /// The request id Hummingbird put in the logger metadata; error pages show it as a reference.
    var requestID: String { id }

    /// Uploads are issue #3's: forms of the foundation are small.
    var maxUploadSize: Int { 1 << 20 }

    /// Upload forms of documents (issue #4): each file is then checked against `documentMaxBytes`.
    var maxMultipartSize: Int { 205 << 20 }
}
