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
            return try await streamingMultipart(request, context: context, boundary: boundary, expected: expected, next: next)
        }
        guard let submitted, TokenHash.constantTimeEquals(expected, submitted) else {
            context.logger.notice("CSRF token missing or wrong", metadata: ["path": "\(request.uri.path)"])
            throw AppError.invalidCSRF
        }
        return try await next(request, context)
    }

    /// A form with a file: the body is streamed once (files to disk), the token — the form's first part —
    /// is compared the moment it arrives, and a wrong one stops the upload before any file is stored.
    /// Only an account that may write something may send a large body; anyone else gets the small-form
    /// limit. The handler gets the parsed form in the context; its files are removed when it is done.
    private func streamingMultipart(
        _ request: Request, context: Context, boundary: String, expected: String, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let mayUpload = context.identity.map { $0.canSomewhere(.writeDraft) || $0.canSomewhere(.reportActivity) } ?? false
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loa-upload-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let form = try await MultipartForm.stream(
            request, boundary: boundary, limit: mayUpload ? context.maxMultipartSize : context.maxUploadSize, directory: directory,
            tokenField: Self.fieldName
        ) { name, value in
            if name == Self.fieldName, !TokenHash.constantTimeEquals(expected, value) { throw AppError.invalidCSRF }
        }
        guard form[Self.fieldName] != nil else {
            context.logger.notice("CSRF token missing or wrong", metadata: ["path": "\(request.uri.path)"])
            throw AppError.invalidCSRF
        }
        var context = context
        context.multipartForm = form
        return try await next(request, context)
    }

    /// Cookie that lets the sign-in form be checked before there is a session.
    static func anonymousTokenCookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: anonymousCookie, value: token, path: AdminRoute.base, secure: secure, httpOnly: true, sameSite: .strict)
    }
}
