/// The line comparison on line numbers (see `LineDiff`). Gaps wait on an explicit stack rather than in
/// recursion, so a deep chain of anchors cannot overflow a small task stack.
struct LineDiffEngine {
    enum Operation: Equatable {
        case same(Int, Int), removed(Int), added(Int)
    }

    private enum Task {
        case gap(old: Range<Int>, new: Range<Int>)
        case same(old: Int, new: Int, count: Int)
    }

    /// An exact comparison of a gap costs old × new table cells; beyond this it is never tried, whatever
    /// the budget, to bound memory (4 bytes a cell).
    static let maxExactCells = 1_000_000
    /// Below this many cells a gap is compared exactly before looking for anchors.
    static let smallGapCells = 40_000

    let old: [Int]
    let new: [Int]
    let budget: Int
    private(set) var operations: [Operation] = []
    private(set) var steps = 0
    private(set) var approximate = false

    init(old: [Int], new: [Int], budget: Int) {
        self.old = old
        self.new = new
        self.budget = budget
    }

    mutating func run() {
        // Last in, first out: tasks are pushed in reverse reading order.
        var pending: [Task] = [.gap(old: 0..<old.count, new: 0..<new.count)]
        while let task = pending.popLast() {
            switch task {
            case .same(let oldStart, let newStart, let count):
                for offset in 0..<count { operations.append(.same(oldStart + offset, newStart + offset)) }
            case .gap(let oldRange, let newRange):
                pending += compareGap(oldRange, newRange).reversed()
            }
        }
    }

    /// Emits what can be decided now and returns the smaller tasks left, in reading order.
    private mutating func compareGap(_ oldRange: Range<Int>, _ newRange: Range<Int>) -> [Task] {
        var (oldLow, oldHigh, newLow, newHigh) = (oldRange.lowerBound, oldRange.upperBound, newRange.lowerBound, newRange.upperBound)
        while oldLow < oldHigh, newLow < newHigh, old[oldLow] == new[newLow] {
            operations.append(.same(oldLow, newLow))
            oldLow += 1; newLow += 1; steps += 1
        }
        var suffix = 0
        while oldHigh > oldLow, newHigh > newLow, old[oldHigh - 1] == new[newHigh - 1] {
            oldHigh -= 1; newHigh -= 1; suffix += 1; steps += 1
        }
        let tail: [Task] = suffix > 0 ? [.same(old: oldHigh, new: newHigh, count: suffix)] : []
        let (oldGap, newGap) = (oldLow..<oldHigh, newLow..<newHigh)
        if oldGap.isEmpty || newGap.isEmpty || steps > budget {
            block(oldGap, newGap)
            return tail
        }
        let cells = oldGap.count * newGap.count
        // A small gap (an ordinary article edit) is compared exactly: the fewest changed lines.
        if cells <= Self.smallGapCells, steps + cells <= budget {
            exact(oldGap, newGap)
            return tail
        }
        let anchors = uniqueAnchors(oldGap, newGap)
        if !anchors.isEmpty {
            var tasks: [Task] = []
            var (oldNext, newNext) = (oldLow, newLow)
            for (oldIndex, newIndex) in anchors {
                tasks.append(.gap(old: oldNext..<oldIndex, new: newNext..<newIndex))
                tasks.append(.same(old: oldIndex, new: newIndex, count: 1))
                (oldNext, newNext) = (oldIndex + 1, newIndex + 1)
            }
            tasks.append(.gap(old: oldNext..<oldHigh, new: newNext..<newHigh))
            return tasks + tail
        }
        if cells <= Self.maxExactCells, steps + cells <= budget {
            exact(oldGap, newGap)
        } else {
            block(oldGap, newGap)
        }
        return tail
    }

    /// Old lines removed, then new lines added; approximate when both sides had lines.
    private mutating func block(_ oldGap: Range<Int>, _ newGap: Range<Int>) {
        if !oldGap.isEmpty, !newGap.isEmpty { approximate = true }
        for index in oldGap { operations.append(.removed(index)) }
        for index in newGap { operations.append(.added(index)) }
        steps += oldGap.count + newGap.count
    }

    /// Lines that occur exactly once in each side of the gap, paired, keeping the longest chain that is
    /// in order on both sides (patience sorting, k log k).
    private mutating func uniqueAnchors(_ oldGap: Range<Int>, _ newGap: Range<Int>) -> [(Int, Int)] {
        var seen: [Int: (oldCount: Int, newCount: Int, newIndex: Int)] = [:]
        for index in oldGap { seen[old[index], default: (0, 0, 0)].oldCount += 1 }
        for index in newGap {
            seen[new[index], default: (0, 0, 0)].newCount += 1
            seen[new[index]]?.newIndex = index
        }
        steps += oldGap.count + newGap.count
        let pairs = oldGap.compactMap { index -> (Int, Int)? in
            guard let entry = seen[old[index]], entry.oldCount == 1, entry.newCount == 1 else { return nil }
            return (index, entry.newIndex)
        }
        // tails[k]: index in `pairs` of the smallest new index ending a chain of length k + 1.
        var tails: [Int] = []
        var previous = Array(repeating: -1, count: pairs.count)
        for (position, pair) in pairs.enumerated() {
            var (low, high) = (0, tails.count)
            while low < high {
                let middle = (low + high) / 2
                if pairs[tails[middle]].1 < pair.1 { low = middle + 1 } else { high = middle }
                steps += 1
            }
            if low > 0 { previous[position] = tails[low - 1] }
            if low == tails.count { tails.append(position) } else { tails[low] = position }
        }
        var chain: [(Int, Int)] = []
        var cursor = tails.last ?? -1
        while cursor >= 0 {
            chain.append(pairs[cursor])
            cursor = previous[cursor]
        }
        return chain.reversed()
    }

    /// Longest common subsequence by dynamic programming; among equal choices a removal is taken first.
    private mutating func exact(_ oldGap: Range<Int>, _ newGap: Range<Int>) {
        let (rows, columns) = (oldGap.count, newGap.count)
        // common[i * (columns + 1) + j]: longest common subsequence of the gap's old[i...] and new[j...].
        var common = [Int32](repeating: 0, count: (rows + 1) * (columns + 1))
        for i in stride(from: rows - 1, through: 0, by: -1) {
            for j in stride(from: columns - 1, through: 0, by: -1) {
                common[i * (columns + 1) + j] =
                    old[oldGap.lowerBound + i] == new[newGap.lowerBound + j]
                    ? common[(i + 1) * (columns + 1) + j + 1] + 1
                    : max(common[(i + 1) * (columns + 1) + j], common[i * (columns + 1) + j + 1])
            }
        }
        steps += rows * columns
        var (i, j) = (0, 0)
        while i < rows || j < columns {
            if i < rows, j < columns, old[oldGap.lowerBound + i] == new[newGap.lowerBound + j] {
                operations.append(.same(oldGap.lowerBound + i, newGap.lowerBound + j))
                i += 1; j += 1
            } else if j == columns || (i < rows && common[(i + 1) * (columns + 1) + j] >= common[i * (columns + 1) + j + 1]) {
                operations.append(.removed(oldGap.lowerBound + i))
                i += 1
            } else {
                operations.append(.added(newGap.lowerBound + j))
                j += 1
            }
        }
    }
}
