import HTTPTypes
import Hummingbird

/// Headers every response carries (issue #2). The CSP allows no inline script or style: pages
/// load only Loa's own files, so an injected `<script>` or `style=` has no effect even if escaping failed.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    var usesHTTPS: Bool

    static var contentSecurityPolicy: String { SecurityHeaderValues.contentSecurityPolicy }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        let https = (context as? AppRequestContext)?.isHTTPS(configured: usesHTTPS) ?? usesHTTPS
        Self.apply(to: &response.headers, usesHTTPS: https)
        return response
    }

    /// Also used by the error middleware, whose responses do not pass back through this one.
    static func apply(to headers: inout HTTPFields, usesHTTPS: Bool) {
        headers[.contentSecurityPolicy] = SecurityHeaderValues.contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[SecurityHeaderValues.referrerPolicy] = "strict-origin-when-cross-origin"
        headers[SecurityHeaderValues.frameOptions] = "DENY"
        headers[SecurityHeaderValues.permissionsPolicy] = "camera=(), microphone=(), geolocation=()"
        headers[SecurityHeaderValues.openerPolicy] = "same-origin"
        if usesHTTPS { headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
    }
}

/// Built once (a generic type cannot hold static stored properties): every response carries them.
private enum SecurityHeaderValues {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let permissionsPolicy = HTTPField.Name("Permissions-Policy")!
    static let openerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!
}
