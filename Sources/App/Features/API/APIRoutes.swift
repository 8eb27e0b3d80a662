import Foundation

/// The read-only JSON API (issue #3); `/api/openapi.json` describes exactly these.
enum APIRoute: String, RoutePattern, CaseIterable {
    case sites = "api/v1/sites"
    case categories = "api/v1/sites/:site/categories"
    case articles = "api/v1/sites/:site/articles"
    case article = "api/v1/sites/:site/articles/:slug"
    case search = "api/v1/search"
    case procedures = "api/v1/sites/:site/procedures"
    case procedure = "api/v1/sites/:site/procedures/:code"
    case documents = "api/v1/sites/:site/documents"
    case document = "api/v1/sites/:site/documents/:slug"
    case openAPI = "api/openapi.json"

    /// The pattern in OpenAPI's spelling: `/api/v1/sites/{site}`.
    var openAPIPath: String {
        "/" + rawValue.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }
}
