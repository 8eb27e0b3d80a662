import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import LoaCore

/// `/tim-kiem?q=…`: Vietnamese full-text search, on one site or across all (issue #3).
extension PublicController {
    static let searchPageSize = 10

    @Sendable func search(_ r: PublicRequest) async throws -> Response {
        let parameters = r.request.uri.queryParameters
        // Read from the raw query: HTML forms send spaces as "+", which URI decoding leaves alone.
        let raw = FormFields(body: r.request.uri.query ?? "")["q"] ?? ""
        let query = SearchQuery(raw)
        let allSites = parameters.get("pham-vi") == "tat-ca"
        // Results from every site: the cached page goes with a change of any of them.
        if allSites { PageSites.current?.recordAll() }
        let categorySlug = parameters.get("chuyen-muc").map { String($0) }.flatMap { $0.isEmpty ? nil : $0 }
        let from = parameters.get("tu").flatMap { Self.parseDay(String($0)) }
        let to = parameters.get("den").flatMap { Self.parseDay(String($0)) }.map { $0.addingTimeInterval(86_400) }
        let page = RequestNumber.clamped(parameters.get("trang"), to: 1...1000, fallback: 1)
        let categories = try await CategoryQueries.all(siteID: r.site.id, on: db)
        let category = categorySlug.flatMap { slug in categories.first { $0.slug == slug } }

        var results: [SearchPage.Result] = []
        var total = 0
        var groups: [SearchGroup] = []
        if !query.isEmpty, page == 1 {
            for source in features.flatMap(\.searchSources) {
                if let group = try await source.search(query, site: r.site, mount: r.mount, limit: Self.groupLimit, on: db), group.total > 0 {
                    groups.append(group)
                }
            }
        }
        if !query.isEmpty {
            let sites = try await sites.all()
            let filters = SearchIndex.Filters(
                siteIDs: allSites ? nil : [r.site.id], categoryID: allSites ? nil : category?.id, from: from, to: to)
            let (ids, count) = try await SearchIndex(db: db).search(
                query, filters: filters, now: clients.now(), limit: Self.searchPageSize, offset: Pagination.offset(page: page, pageSize: Self.searchPageSize))
            total = count
            let articles = try await Article.query(on: db).filter(\.$id ~~ ids).all()
            let byID: [UUID: Article] = Dictionary(uniqueKeysWithValues: articles.compactMap { article in article.id.map { ($0, article) } })
            results = ids.compactMap { byID[$0] }.map { article in
                let site = sites.first { $0.id == article.$site.id }
                let mount: SiteMount = site.map { $0.id == r.site.id ? r.mount : ($0.isPrimary ? .root : .underPrefix($0.slug)) } ?? r.mount
                let text = article.summary.isEmpty ? article.body : article.summary
                return SearchPage.Result(
                    card: ArticleCard(article, mount: mount),
                    titleHTML: Self.highlighted(SearchHighlight.snippet(article.title, terms: query.foldedTerms, maxLength: 300)),
                    snippetHTML: Self.highlighted(SearchHighlight.snippet(text, terms: query.foldedTerms)),
                    siteName: allSites ? site?.name : nil)
            }
        }
        func link(_ n: Int) -> String {
            var items = [URLQueryItem(name: "q", value: raw)]
            if allSites { items.append(.init(name: "pham-vi", value: "tat-ca")) }
            if let category { items.append(.init(name: "chuyen-muc", value: category.slug)) }
            if let value = parameters.get("tu") { items.append(.init(name: "tu", value: String(value))) }
            if let value = parameters.get("den") { items.append(.init(name: "den", value: String(value))) }
            if n > 1 { items.append(.init(name: "trang", value: String(n))) }
            var components = URLComponents()
            components.queryItems = items
            return r.mount.path(.search) + "?" + (components.percentEncodedQuery ?? "")
        }
        let message: String? =
            raw.trimmingCharacters(in: .whitespaces).isEmpty
            ? "Nhập từ khóa để tìm tin, bài. Có thể gõ có dấu hoặc không dấu."
            : query.isEmpty
                ? "Từ khóa chỉ gồm ký tự đặc biệt. Vui lòng nhập chữ hoặc số."
                : total == 0 && groups.isEmpty ? "Không tìm thấy kết quả nào phù hợp. Hãy thử từ khóa khác hoặc tìm trên tất cả các trang." : nil
        let model = SearchPage(
            shell: shell(r, current: .search, title: query.isEmpty ? "Tìm kiếm" : "Tìm kiếm: \(String(raw.prefix(80)))"),
            action: r.mount.path(.search), query: String(raw.prefix(500)), allSites: allSites,
            categories: [SelectOption(value: "", label: "Tất cả chuyên mục", selected: category == nil)]
                + categories.map { SelectOption(value: $0.slug, label: $0.name, selected: $0.id == category?.id) },
            from: parameters.get("tu").map { String($0) } ?? "", to: parameters.get("den").map { String($0) } ?? "",
            message: message, total: total, results: results, groups: groups,
            pager: Pager(Pagination(page: page, pageSize: Self.searchPageSize, total: total), href: link))
        var response = try renderer.response(model, template: "public/search")
        response.headers[HTTPField.Name("X-Robots-Tag")!] = "noindex"
        return response
    }

    /// `yyyy-MM-dd` (what a date input sends) as the start of that day in Vietnam.
    static func parseDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1900...2100).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = VietnameseDate.timeZone
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    static func highlighted(_ segments: [HighlightSegment]) -> String { HighlightedHTML.render(segments) }

    /// The other features' groups, on this site only, shown on the first page.
    static let groupLimit = 5
}
