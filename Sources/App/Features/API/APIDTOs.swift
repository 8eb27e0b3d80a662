import Foundation
import Hummingbird

/// Response bodies of the JSON API. Models never leave the app as JSON; these do (STYLE.md habit 8).
struct SiteDTO: ResponseEncodable, Sendable {
    var slug: String
    var name: String
    var url: String
    var ownerAgency: String
    var address: String
    var phone: String
    var email: String
}

struct CategoryDTO: ResponseEncodable, Sendable {
    var slug: String
    var name: String
    var url: String
}

struct ArticleSummaryDTO: ResponseEncodable, Sendable {
    var slug: String
    var title: String
    var summary: String
    var publishedAt: Date
    var url: String
}

struct ArticleDTO: ResponseEncodable, Sendable {
    var slug: String
    var title: String
    var summary: String
    /// Markdown source; clients render it themselves and must not trust raw HTML in it.
    var body: String
    var author: String
    var source: String
    var publishedAt: Date
    var category: CategoryDTO?
    var tags: [String]
    var url: String
}

struct PageDTO<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    var items: [Item]
    var page: Int
    var perPage: Int
    var total: Int
}

struct SearchDTO: ResponseEncodable, Sendable {
    var query: String
    var items: [ArticleSummaryDTO]
    var page: Int
    var perPage: Int
    var total: Int
}

struct APIErrorDTO: ResponseEncodable, Sendable {
    var error: String
    var message: String
}
