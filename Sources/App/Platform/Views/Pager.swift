import LoaCore

/// The previous/next links of a paginated page, rendered by the `pagination` partial.
struct Pager: Sendable {
    var page: Int
    var lastPage: Int?
    var previousHref: String?
    var nextHref: String?

    init(_ pagination: Pagination, href: (Int) -> String) {
        page = pagination.page
        lastPage = pagination.lastPage
        previousHref = pagination.hasPrevious ? href(pagination.page - 1) : nil
        nextHref = pagination.hasNext ? href(pagination.page + 1) : nil
    }
}
