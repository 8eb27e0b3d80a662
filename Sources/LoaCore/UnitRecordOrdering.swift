/// Sorts imported units so that every parent found in the file precedes its children.
enum UnitRecordOrdering {
    static func order(_ records: [UnitRecord]) -> (records: [UnitRecord], errors: [RecordError]) {
        var errors: [RecordError] = []
        var byCode: [String: UnitRecord] = [:]
        var unique: [UnitRecord] = []
        for record in records {
            if let first = byCode[record.code] {
                errors.append(
                    RecordError(
                        line: record.line,
                        message: "duplicate code \"\(record.code)\" (first used on line \(first.line))"))
            } else {
                byCode[record.code] = record
                unique.append(record)
            }
        }

        var depths: [String: Int] = [:]
        var cycles: [[String]] = []
        var blocked: Set<String> = []
        for record in unique {
            walk(from: record.code, byCode: byCode, depths: &depths, cycles: &cycles, blocked: &blocked)
        }

        errors += cycleErrors(unique.filter { blocked.contains($0.code) }, cycles: cycles, byCode: byCode)
        // Depth-first order keeps a province's units together; ties keep file order.
        let ordered = unique.enumerated()
            .compactMap { item in depths[item.element.code].map { (depth: $0, index: item.offset) } }
            .sorted { ($0.depth, $0.index) < ($1.depth, $1.index) }
            .map { unique[$0.index] }
        return (ordered, errors.sorted { $0.line < $1.line })
    }

    /// Follows parent codes up from `code` and records the depth of every unit on the way,
    /// where a unit whose parent is absent from the file (or nil) has depth 0. Units on or
    /// below a cycle get no depth and are marked blocked.
    private static func walk(
        from code: String, byCode: [String: UnitRecord],
        depths: inout [String: Int], cycles: inout [[String]], blocked: inout Set<String>
    ) {
        var chain: [String] = []
        var cursor: String? = code
        var depthAbove = -1
        while let current = cursor {
            if let known = depths[current] {
                depthAbove = known
                break
            }
            if blocked.contains(current) {
                blocked.formUnion(chain)
                return
            }
            if let start = chain.firstIndex(of: current) {
                cycles.append(Array(chain[start...]))
                blocked.formUnion(chain)
                return
            }
            chain.append(current)
            cursor = byCode[current]?.parentCode.flatMap { byCode[$0] == nil ? nil : $0 }
        }
        for (offset, member) in chain.reversed().enumerated() {
            depths[member] = depthAbove + 1 + offset
        }
    }

    private static func cycleErrors(
        _ blockedRecords: [UnitRecord], cycles: [[String]], byCode: [String: UnitRecord]
    ) -> [RecordError] {
        blockedRecords.map { record in
            if let cycle = cycles.first(where: { $0.contains(record.code) }) {
                return RecordError(line: record.line, message: "parent codes form a cycle: \(path(cycle, from: record.code))")
            }
            // Below a cycle: name the first ancestor that is on one.
            var ancestor = record.parentCode ?? ""
            while !cycles.contains(where: { $0.contains(ancestor) }), let next = byCode[ancestor]?.parentCode {
                ancestor = next
            }
            return RecordError(line: record.line, message: "ancestor \"\(ancestor)\" is part of a parent-code cycle")
        }
    }

    /// "B → A → B" for the cycle [A, B] seen from B.
    private static func path(_ cycle: [String], from code: String) -> String {
        let start = cycle.firstIndex(of: code) ?? 0
        let rotated = Array(cycle[start...] + cycle[..<start])
        return (rotated + [code]).joined(separator: " → ")
    }
}
