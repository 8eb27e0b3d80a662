import FluentKit
import Foundation
import LoaCore

/// The unit hierarchy loaded in one query. Trees are small (a province has a few hundred units),
/// so permission checks walk it in memory instead of issuing recursive SQL on both engines.
struct UnitTree: Sendable {
    struct Node: Sendable, Equatable {
        var id: UUID
        var code: String
        var name: String
        var kind: UnitKind
        var parentID: UUID?
        var isRetired: Bool
    }

    let nodes: [UUID: Node]
    private let children: [UUID: [UUID]]

    init(nodes: [Node]) {
        self.nodes = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0) })
        var children: [UUID: [UUID]] = [:]
        for node in nodes { if let parent = node.parentID { children[parent, default: []].append(node.id) } }
        self.children = children
    }

    static func load(on db: any Database) async throws -> UnitTree {
        let units = try await Unit.query(on: db).all()
        return UnitTree(
            nodes: units.compactMap { unit in
                guard let id = unit.id else { return nil }
                return Node(id: id, code: unit.code, name: unit.name, kind: unit.unitKind, parentID: unit.$parent.id, isRetired: unit.retiredAt != nil)
            })
    }

    /// The unit itself followed by its ancestors up to the root — the shape `PermissionPolicy` takes.
    func ancestry(of id: UUID) -> [UUID] {
        var result: [UUID] = []
        var current: UUID? = id
        while let next = current, let node = nodes[next], !result.contains(next) {
            result.append(next)
            current = node.parentID
        }
        return result
    }

    func isDescendant(_ id: UUID, of ancestor: UUID) -> Bool {
        ancestry(of: id).contains(ancestor)
    }

    /// The unit and every unit below it, walked down the children (not every node up its ancestry).
    func subtree(of id: UUID) -> Set<UUID> {
        var result: Set<UUID> = []
        var pending = [id]
        while let next = pending.popLast() {
            guard nodes[next] != nil, result.insert(next).inserted else { continue }
            pending += children[next] ?? []
        }
        return result
    }

    var roots: [Node] { nodes.values.filter { $0.parentID == nil }.sorted { $0.name < $1.name } }

    func children(of id: UUID) -> [Node] {
        (children[id] ?? []).compactMap { nodes[$0] }.sorted { $0.name < $1.name }
    }

    /// Depth-first listing with each node's depth, for indented tree displays and pickers.
    func flattened(from start: [Node]? = nil) -> [(node: Node, depth: Int)] {
        var result: [(Node, Int)] = []
        func visit(_ node: Node, _ depth: Int) {
            result.append((node, depth))
            for child in children(of: node.id) { visit(child, depth + 1) }
        }
        for root in start ?? roots { visit(root, 0) }
        return result
    }

    /// "Xã Tân Thới › Huyện Tân Phú Đông": how a unit is shown where its place in the tree matters.
    func pathName(of id: UUID) -> String {
        ancestry(of: id).compactMap { nodes[$0]?.name }.joined(separator: " › ")
    }
}
