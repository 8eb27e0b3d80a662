import Foundation
import Synchronization

/// The sites a public page read while it rendered (issue #10), so the page cache files it under its one
/// site and a change of another site leaves it in place. `SiteDirectory` records the site a request
/// resolves; a page that shows other sites' content (a search over all sites) records that it read all.
/// Reading other sites' names and addresses does not count: changing a site changes every page anyway.
final class PageSites: Sendable {
    @TaskLocal static var current: PageSites?

    private let state = Mutex<(sites: Set<UUID>, all: Bool)>(([], false))

    func record(_ site: UUID) { state.withLock { _ = $0.sites.insert(site) } }

    func recordAll() { state.withLock { $0.all = true } }

    /// The one site read, or nil when the page read several, all, or none.
    var single: UUID? {
        state.withLock { state in state.all || state.sites.count != 1 ? nil : state.sites.first }
    }
}
