import HTTPTypes
import Hummingbird

/// Headers every response carries (issue #2). The CSP allows no inline script or style: pages
/// load only Loa's own files, so an injected `<script>` or `style=` has no effect even if escaping failed.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    var usesHTTPS: Bool

    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")
    // Built once: every response carries them.
    private static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    private static let frameOptions = HTTPField.Name("X-Frame-Options")!
    private static let permissionsPolicy = HTTPField.Name("Permissions-Policy")!
    private static let openerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        Self.apply(to: &response.headers, usesHTTPS: usesHTTPS)
        return response
    }

    /// Also used by the error middleware, whose responses do not pass back through this one.
    static func apply(to headers: inout HTTPFields, usesHTTPS: Bool) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[referrerPolicy] = "strict-origin-when-cross-origin"
        headers[frameOptions] = "DENY"
        headers[permissionsPolicy] = "camera=(), microphone=(), geolocation=()"
        headers[openerPolicy] = "same-origin"
        if usesHTTPS { headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
    }
}
