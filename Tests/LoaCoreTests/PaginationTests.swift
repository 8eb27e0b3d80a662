import Testing

@testable import LoaCore

@Suite("Pagination")
struct PaginationTests {
    @Test("a counted list knows its last page, its offset and its neighbours")
    func counted() {
        let first = Pagination(page: 1, pageSize: 20, total: 41)
        #expect(first.lastPage == 3)
        #expect(first.offset == 0)
        #expect(!first.hasPrevious && first.hasNext)
        let last = Pagination(page: 3, pageSize: 20, total: 41)
        #expect(last.offset == 40)
        #expect(last.hasPrevious && !last.hasNext)
        #expect(!last.isBeyondEnd)
        #expect(Pagination(page: 4, pageSize: 20, total: 41).isBeyondEnd)
    }

    @Test("an empty list still has one page, and exact multiples have no trailing empty page")
    func edges() {
        #expect(Pagination(page: 1, pageSize: 10, total: 0).lastPage == 1)
        #expect(!Pagination(page: 1, pageSize: 10, total: 0).hasNext)
        #expect(Pagination(page: 1, pageSize: 10, total: 20).lastPage == 2)
        #expect(Pagination(page: 2, pageSize: 10, total: 20).hasNext == false)
    }

    @Test("a page past a narrowed list is brought back to its last page")
    func clamped() {
        let clamped = Pagination(page: 9, pageSize: 10, total: 25).clampedToEnd()
        #expect(clamped.page == 3)
        #expect(clamped.offset == 20)
        #expect(!clamped.hasNext && clamped.hasPrevious)
        #expect(Pagination(page: 2, pageSize: 10, total: 25).clampedToEnd().page == 2)
    }

    @Test("a list walked by looking ahead has a next page exactly when the extra row came back")
    func lookahead() {
        #expect(Pagination.lookaheadLimit(pageSize: 50) == 51)
        #expect(Pagination(page: 2, pageSize: 50, fetched: 51).hasNext)
        #expect(!Pagination(page: 2, pageSize: 50, fetched: 50).hasNext)
        #expect(Pagination(page: 2, pageSize: 50, fetched: 0).lastPage == nil)
        #expect(!Pagination(page: 5, pageSize: 50, fetched: 0).isBeyondEnd)
    }

    @Test("the requested page: absent is the first, malformed or out of range is refused")
    func requested() {
        #expect(Pagination.requestedPage(nil as Substring?) == 1)
        #expect(Pagination.requestedPage("3") == 3)
        for bad in ["0", "-1", "abc", "1e3", "99999999999999999999999", "100001", ""] {
            #expect(Pagination.requestedPage(bad) == nil, "\(bad)")
        }
    }
}
