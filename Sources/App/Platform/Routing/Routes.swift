import Foundation

/// A route's path pattern, the single source for registering a handler and for building links to it
/// (STYLE.md habit 2). `:name` segments are parameters.
protocol RoutePattern: RawRepresentable<String>, Hashable, Sendable {}

extension RoutePattern {
    /// The pattern with each `:name` replaced by its percent-encoded value.
    func path(_ parameters: [String: String] = [:]) -> String {
        rawValue.split(separator: "/", omittingEmptySubsequences: true).map { segment -> String in
            guard segment.hasPrefix(":") else { return String(segment) }
            let name = String(segment.dropFirst())
            guard let value = parameters[name] else { preconditionFailure("missing route parameter \(name) for \(rawValue)") }
            return value.addingPercentEncoding(withAllowedCharacters: .urlPathSegmentAllowed) ?? value
        }.joined(separator: "/")
    }
}

extension RoutePattern {
    /// Whether the pattern has `:name` segments: its pages are distinct things (two menu pages), not
    /// one page seen with another query (page 2 of the news).
    var hasParameters: Bool { rawValue.contains(":") }
}

extension CharacterSet {
    /// RFC 3986 unreserved characters: everything else in a path segment is percent-encoded.
    static let urlPathSegmentAllowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}

/// A public page pattern every site has, relative to where the site is mounted. Each feature declares its
/// own as static members in its `<Name>Routes.swift` (issue #9), so a new feature edits no central list.
struct SiteRoute: RoutePattern {
    let rawValue: String
    init(rawValue: String) { self.rawValue = rawValue }
    init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A link to a public page, with its parameters filled in. Features add factories (`.article(slug:)`)
/// beside their patterns, so a page that needs a parameter cannot be linked without it.
struct SitePage: Hashable, Sendable {
    /// The pattern this page is an instance of: two pages of one pattern are the same kind of page.
    let route: SiteRoute
    /// Path relative to the site's mount, without the leading slash; may end with a query.
    let relativePath: String

    init(_ route: SiteRoute, _ parameters: [String: String] = [:], query: String = "") {
        self.route = route
        relativePath = route.path(parameters) + query
    }
}

extension SitePage {
    /// `?a=1&b=2` from the pairs that have a value; "" when none does.
    static func query(_ pairs: [(String, String?)]) -> String {
        let items = pairs.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        guard !items.isEmpty else { return "" }
        var components = URLComponents()
        components.queryItems = items
        return "?" + (components.percentEncodedQuery ?? "")
    }
}

/// Where a site is served in the current request: at `/` (primary site, or its own host name)
/// or under `/xa/<slug>/` of the main address.
struct SiteMount: Sendable, Equatable {
    static let prefixSegment = "xa"

    var prefix: String

    static let root = SiteMount(prefix: "")
    static func underPrefix(_ slug: String) -> SiteMount { SiteMount(prefix: "/\(prefixSegment)/\(slug)") }

    func path(_ page: SitePage) -> String {
        prefix + "/" + page.relativePath
    }
}

/// A back-office page pattern under `/quan-tri`; features declare theirs as static members, like `SiteRoute`.
struct AdminRoute: RoutePattern {
    static let base = "/quan-tri"

    let rawValue: String
    init(rawValue: String) { self.rawValue = rawValue }
    init(_ rawValue: String) { self.rawValue = rawValue }

    /// Absolute path of this back-office page. Code links through `AdminPage`, whose factories take the
    /// parameters, so a missing one cannot compile; this stays as its implementation.
    func link(_ parameters: [String: String] = [:]) -> String {
        let relative = path(parameters)
        return relative.isEmpty ? Self.base : Self.base + "/" + relative
    }
}

/// A path outside any site: machine endpoints, static assets, uploaded files. Features add theirs.
struct SystemRoute: RoutePattern {
    let rawValue: String
    init(rawValue: String) { self.rawValue = rawValue }
    init(_ rawValue: String) { self.rawValue = rawValue }

    static let health = SystemRoute("healthz")
    static let assets = SystemRoute("static/:file")
}
