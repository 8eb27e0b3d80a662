import Hummingbird
import NIOCore

/// Per-request state passed from middleware to handlers.
struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?
    /// Set by `SessionMiddleware` when a valid session cookie came with the request.
    var identity: Identity?
    /// The unit tree every permission check walks; set with the identity on back-office routes.
    var unitTree: UnitTree?
    /// True when the cookie named a session that has ended, so sign-in can say why.
    /// Set when the request carried the cookie of a session that has just ended.
    var expiredSession: ExpiredSession?
    var sessionExpired: Bool { expiredSession != nil }

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Set by `ClientAddressMiddleware` from `X-Forwarded-For` when the peer is a trusted proxy.
    var forwardedFor: String?

    /// The scheme a trusted proxy says the client used (`X-Forwarded-Proto`), when it said one.
    var forwardedProto: String?

    /// Whether the client reached Loa over HTTPS: the configured base URL is https, or a trusted proxy
    /// terminated TLS and said so. Cookies are `Secure` and HSTS is sent exactly then.
    func isHTTPS(configured: Bool) -> Bool { configured || forwardedProto == "https" }

    /// The client's address for throttling and the audit log.
    var clientIP: String { forwardedFor ?? remoteAddress?.ipAddress ?? "unknown" }

    /// The request id Hummingbird put in the logger metadata; error pages show it as a reference.
    var requestID: String { id }

    /// A `multipart/form-data` body, read once (streamed, files to disk) by the CSRF check.
    var multipartForm: MultipartForm?

    /// Uploads are issue #3's: forms of the foundation are small.
    var maxUploadSize: Int { 1 << 20 }
    /// Forms with a file (media, documents, procedure forms): the largest document allowed
    /// (`LOA_DOCUMENT_MAX_MB`, at most 200) plus room for the other fields; each file is then checked
    /// against its own limit.
    var maxMultipartSize: Int { 205 << 20 }
}
