import FluentKit
import Foundation

/// Where a contest runs. Its organiser is often an office without a site of its own (the district's
/// Phòng Nội vụ); the contest then belongs to the nearest unit above it that has a site (the
/// district): its pages are on that site, and people of that whole unit register and count for
/// collective prizes. An organiser with a site of its own is its own scope.
struct ContestScope: Sendable {
    let tree: UnitTree
    let siteUnits: Set<UUID>

    /// Sites come from the directory's cache: every contest request asks, and decoding every site row
    /// each time was the largest single cost in a profile of the contest benchmark.
    static func load(on db: any Database, sites: SiteDirectory) async throws -> ContestScope {
        ContestScope(tree: try await UnitTree.load(on: db), siteUnits: Set(try await sites.all().map(\.unitID)))
    }

    /// The tree from the shared cache: the participants' pages ask on every request.
    static func load(trees: UnitTreeCache, sites: SiteDirectory) async throws -> ContestScope {
        ContestScope(tree: try await trees.tree(), siteUnits: Set(try await sites.all().map(\.unitID)))
    }

    func root(of contest: ContestRecord) -> UUID {
        tree.ancestry(of: contest.$unit.id).first(where: siteUnits.contains) ?? contest.$unit.id
    }

    /// The units people of this contest come from, as an indented list (retired units aside).
    func units(of contest: ContestRecord) -> [(node: UnitTree.Node, depth: Int)] {
        let start = tree.nodes[root(of: contest)].map { [$0] } ?? []
        return tree.flattened(from: start).filter { !$0.node.isRetired }.map { ($0.node, $0.depth) }
    }
}
