import Foundation
import Hummingbird

/// CSRF for public forms that have no session (a citizen's question, the tracking form): a random
/// token in an HttpOnly, SameSite=Strict cookie, repeated in the form and compared on POST (double
/// submit). A POST whose cookie was missing is refused: the token in its form cannot match.
struct PublicFormCSRF: Sendable {
    let cookieName: String
    let clients: Clients
    let secure: Bool

    /// The token to put in the form, and the cookie to set when the request had none.
    func token(for request: Request) -> (token: String, newCookie: Cookie?) {
        if let existing = request.cookies[cookieName]?.value, (20...100).contains(existing.utf8.count) { return (existing, nil) }
        let token = clients.randomToken(32)
        return (token, Cookie(name: cookieName, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .strict))
    }

    /// Whether the form's token matches the request's cookie.
    func accepts(_ request: Request, form: FormFields) -> Bool {
        guard let cookie = request.cookies[cookieName]?.value, (20...100).contains(cookie.utf8.count),
            let submitted = form[CSRFMiddleware.fieldName]
        else { return false }
        return TokenHash.constantTimeEquals(cookie, submitted)
    }

    /// A checked form that may carry files (sent `multipart/form-data`, or url-encoded without them).
    /// The body is read once: files stream to `directory` (the caller removes it) and the token, which
    /// must come before any file, is compared the moment it arrives, so a forged post stores nothing.
    /// A post without the cookie is refused before its body is read.
    func read(_ request: Request, context: AppRequestContext, multipartLimit: Int, directory: URL) async throws -> MultipartForm {
        guard let cookie = request.cookies[cookieName]?.value, (20...100).contains(cookie.utf8.count) else { throw AppError.invalidCSRF }
        guard let boundary = MultipartForm.boundary(of: request.headers[.contentType]) else {
            let form = try await FormFields.from(request, context: context)
            guard accepts(request, form: form) else { throw AppError.invalidCSRF }
            return MultipartForm(fields: form.all)
        }
        let form = try await MultipartForm.stream(
            request, boundary: boundary, limit: multipartLimit, directory: directory, tokenField: CSRFMiddleware.fieldName
        ) { name, value in
            if name == CSRFMiddleware.fieldName, !TokenHash.constantTimeEquals(cookie, value) { throw AppError.invalidCSRF }
        }
        guard form[CSRFMiddleware.fieldName] != nil else { throw AppError.invalidCSRF }
        return form
    }
}
