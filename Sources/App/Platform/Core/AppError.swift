import Hummingbird

/// Errors a handler throws on purpose. The error middleware turns them into Vietnamese pages
/// (or JSON under /api and /healthz) with the right status; anything else becomes a 500 with a reference.
enum AppError: Error {
    case notFound
    /// The page existed and was withdrawn on purpose: 410, with the reason.
    case gone(String)
    /// Signed in but not allowed: 403 with the reason in Vietnamese.
    case forbidden(String)
    case badRequest(String)
    /// The CSRF token was missing or wrong: 403, nothing changed.
    case invalidCSRF
    case payloadTooLarge
}
