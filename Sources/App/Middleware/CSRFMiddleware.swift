import Foundation
import HTTPTypes
import Hummingbird
import LoaCore

/// Every state-changing request must carry the form field `_csrf` (or the header `X-CSRF-Token`)
/// matching the session's token — or, before sign-in, the `loa_csrf` cookie (double submit).
/// A mismatch is refused with 403 before any handler runs, so nothing is changed.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let fieldName = "_csrf"
    static let anonymousCookie = "loa_csrf"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard [.post, .put, .patch, .delete].contains(request.method) else { return try await next(request, context) }
        var request = request
        // A session that ended a moment ago still vouches for its own forms, so their text can be kept.
        let expected = context.identity?.csrfToken ?? context.expiredSession?.csrfToken ?? request.cookies[Self.anonymousCookie]?.value
        // Without a token to compare with, refuse before reading a body that may be large.
        guard let expected, !expected.isEmpty else {
            context.logger.notice("CSRF token missing or wrong", metadata: ["path": "\(request.uri.path)"])
            throw AppError.invalidCSRF
        }
        var submitted = request.headers[HTTPField.Name("X-CSRF-Token")!]
        if submitted == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            submitted = FormFields(body: String(buffer: body))[Self.fieldName]
        } else if submitted == nil, let boundary = MultipartForm.boundary(of: request.headers[.contentType]) {
            // A form with a file: the token is one of its parts, and the body stays collected for the
            // handler. Only a signed-in account may send a large one; anyone else gets the small-form limit.
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: context.identity == nil ? context.maxUploadSize : context.maxMultipartSize)
            } catch let error as HTTPError where error.status == .contentTooLarge {
                throw AppError.payloadTooLarge
            }
            submitted = try MultipartForm.parse(body, boundary: boundary)[Self.fieldName]
        }
        guard let submitted, TokenHash.constantTimeEquals(expected, submitted) else {
            context.logger.notice("CSRF token missing or wrong", metadata: ["path": "\(request.uri.path)"])
            throw AppError.invalidCSRF
        }
        return try await next(request, context)
    }

    /// Cookie that lets the sign-in form be checked before there is a session.
    static func anonymousTokenCookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: anonymousCookie, value: token, path: AdminRoute.base, secure: secure, httpOnly: true, sameSite: .strict)
    }
}
