/// The stations as a tree: parents, subtrees, and an order with every parent before its children.
/// A parent id that is unknown, or that would close a cycle, is treated as no parent.
struct RadioStationTree: Sendable {
    let stations: [RadioStationID: RadioStation]
    /// Each station's parent, cycles and unknown parents removed.
    let parent: [RadioStationID: RadioStationID]
    /// Parents before children, siblings by id: the order relays are computed in.
    let topDown: [RadioStationID]

    init(_ list: [RadioStation]) {
        var byID: [RadioStationID: RadioStation] = [:]
        for station in list where byID[station.id] == nil { byID[station.id] = station }
        var parent: [RadioStationID: RadioStationID] = [:]
        for id in byID.keys.sorted() {
            guard let candidate = byID[id]?.parentID, byID[candidate] != nil else { continue }
            // Accept the link only if walking up from the candidate never comes back to this station.
            var cursor: RadioStationID? = candidate
            var steps = 0
            while let current = cursor, current != id, steps <= byID.count {
                cursor = parent[current]
                steps += 1
            }
            if cursor == nil { parent[id] = candidate }
        }
        func depth(_ id: RadioStationID) -> Int {
            var count = 0
            var cursor = parent[id]
            while let current = cursor { count += 1; cursor = parent[current] }
            return count
        }
        stations = byID
        self.parent = parent
        topDown = byID.keys.sorted { (depth($0), $0) < (depth($1), $1) }
    }

    func isInSubtree(_ id: RadioStationID, root: RadioStationID) -> Bool {
        var cursor: RadioStationID? = id
        while let current = cursor {
            if current == root { return true }
            cursor = parent[current]
        }
        return false
    }

    func stationIDs(for target: RadioTarget) -> [RadioStationID] {
        switch target {
        case .station(let id):
            return stations[id] == nil ? [] : [id]
        case .subtree(let root, let except):
            return topDown.filter { !except.contains($0) && isInSubtree($0, root: root) }
        }
    }

    func targets(_ target: RadioTarget, _ id: RadioStationID) -> Bool {
        switch target {
        case .station(let station): station == id
        case .subtree(let root, let except): !except.contains(id) && isInSubtree(id, root: root)
        }
    }
}
