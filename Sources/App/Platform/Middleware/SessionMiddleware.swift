import Hummingbird

/// Reads the session cookie and puts the signed-in identity on the context.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "loa_session"

    let auth: AuthService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[Self.cookieName]?.value {
            switch try await auth.session(forToken: token) {
            case .active(let identity):
                context.identity = identity
                context.logger[metadataKey: "user"] = "\(identity.email)"
            case .expired(let expired):
                context.expiredSession = expired
            case .none:
                break
            }
        }
        return try await next(request, context)
    }

    static func cookie(token: String, secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func clearingCookie(secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
