/// Where a reader is in a numbered list (issue #9): the one pagination model of every listing, public
/// and back office. A list is either counted (its last page is known) or walked by reading one row
/// ahead (the audit log, where counting every row would cost more than the page).
public struct Pagination: Sendable, Equatable {
    public let page: Int
    public let pageSize: Int
    /// The last page of a counted list; nil for a list walked by looking ahead.
    public let lastPage: Int?
    /// Whether a page follows this one.
    public let hasNext: Bool

    /// A counted list of `total` items.
    public init(page: Int, pageSize: Int, total: Int) {
        precondition(page >= 1 && pageSize >= 1)
        self.page = page
        self.pageSize = pageSize
        let last = max(1, (max(0, total) + pageSize - 1) / pageSize)
        lastPage = last
        hasNext = page < last
    }

    /// A list walked by fetching `lookaheadLimit` rows from `offset(page:pageSize:)`: `fetched` is how
    /// many came back, so a row beyond the page means there is a next page.
    public init(page: Int, pageSize: Int, fetched: Int) {
        precondition(page >= 1 && pageSize >= 1)
        self.page = page
        self.pageSize = pageSize
        lastPage = nil
        hasNext = fetched > pageSize
    }

    public var offset: Int { Self.offset(page: page, pageSize: pageSize) }
    public var hasPrevious: Bool { page > 1 }
    /// A page past the end of a counted list: the listing answers 404 rather than an empty page.
    public var isBeyondEnd: Bool { lastPage.map { page > $0 } ?? false }

    /// The same list at its last page when this page is beyond it (a filter narrowed the list).
    public func clampedToEnd() -> Pagination {
        guard let lastPage, page > lastPage else { return self }
        return Pagination(page: lastPage, pageSize: pageSize, total: lastPage * pageSize)
    }

    public static func offset(page: Int, pageSize: Int) -> Int { (page - 1) * pageSize }
    public static func lookaheadLimit(pageSize: Int) -> Int { pageSize + 1 }

    /// The page a request asked for in its `trang` parameter: 1 when absent, nil when it is not a
    /// whole number from 1 to `RequestNumber.pages.upperBound` (the caller answers 404 or clamps).
    public static func requestedPage<S: StringProtocol>(_ raw: S?) -> Int? {
        guard let raw else { return 1 }
        return RequestNumber.parse(raw, in: RequestNumber.pages)
    }
}
