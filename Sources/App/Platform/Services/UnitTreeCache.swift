import FluentKit
import Synchronization

/// The unit tree, loaded once per content version instead of on every back-office request (issue #9).
/// Every change of units bumps the shared content version (`PageCache.changingContent`), so a tree
/// cached under the current version is the tree in the database; another instance's change is seen
/// within the second the page cache takes to read the version again.
final class UnitTreeCache: Sendable {
    private let db: any Database
    private let pageCache: PageCache
    private let cached = Mutex<(version: Int64, tree: UnitTree)?>(nil)
    private let loadCount = Atomic<Int>(0)

    /// How many times the tree was read from the database (for the tests and, later, metrics).
    var loads: Int { loadCount.load(ordering: .relaxed) }

    init(db: any Database, pageCache: PageCache) {
        self.db = db
        self.pageCache = pageCache
    }

    func tree() async throws -> UnitTree {
        let version = await pageCache.currentVersion()
        if let hit = cached.withLock({ $0 }), hit.version == version { return hit.tree }
        let tree = try await UnitTree.load(on: db)
        loadCount.add(1, ordering: .relaxed)
        cached.withLock { current in
            // A slower load of an older version must not replace a newer one.
            if (current?.version ?? .min) <= version { current = (version, tree) }
        }
        return tree
    }
}
