import Foundation

/// A readable comparison of two texts, line by line, for the revision history (issue #3).
///
/// Linear-ish (issue #8: two revisions of 16,000 lines took 17 s with `difference(from:)`, which is
/// O(N·D)): common prefix and suffix are matched first, then lines that occur once on each side anchor
/// the rest (patience diff), and only the gaps between anchors are compared exactly, within a work
/// budget proportional to the texts. A gap beyond the budget is shown as its old lines removed, then
/// its new lines added, and the comparison says it is approximate.
public enum LineDiff {
    public enum Kind: String, Sendable { case same, added, removed }

    public struct Line: Equatable, Sendable {
        public var kind: Kind
        public var text: String

        public init(kind: Kind, text: String) {
            self.kind = kind
            self.text = text
        }
    }

    public struct Comparison: Equatable, Sendable {
        public var lines: [Line]
        /// Some part was too different to compare line by line within the budget; it is shown whole,
        /// removed then added, so reading it is still correct, only less precise.
        public var approximate: Bool
    }

    /// Lines of `new` and `old` in reading order: unchanged lines once, removed lines before the lines
    /// that replaced them.
    public static func compare(_ old: String, _ new: String) -> [Line] {
        comparison(old, new).lines
    }

    /// `compare`, telling whether the result was approximated.
    public static func comparison(_ old: String, _ new: String) -> Comparison {
        comparisonCountingSteps(old, new).comparison
    }

    /// The comparison and the work it took (lines and table cells visited), for tests that prove the
    /// work bounded without timing it. `budget` defaults to 32 steps per line plus a constant.
    package static func comparisonCountingSteps(_ old: String, _ new: String, budget: Int? = nil) -> (comparison: Comparison, steps: Int) {
        let oldLines = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let newLines = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Equal lines get equal numbers, so the engine compares integers.
        var numbers: [String: Int] = [:]
        func number(_ line: String) -> Int {
            if let known = numbers[line] { return known }
            numbers[line] = numbers.count
            return numbers.count - 1
        }
        let oldIDs = oldLines.map(number)
        let newIDs = newLines.map(number)
        var engine = LineDiffEngine(
            old: oldIDs, new: newIDs,
            budget: budget ?? 32 * (oldIDs.count + newIDs.count) + 65_536)
        engine.run()

        var lines: [Line] = []
        lines.reserveCapacity(engine.operations.count)
        var added: [Line] = []
        // Within a run of changes, removals are read before the additions that replaced them.
        for operation in engine.operations {
            switch operation {
            case .same(_, let newIndex):
                lines += added
                added.removeAll(keepingCapacity: true)
                lines.append(Line(kind: .same, text: newLines[newIndex]))
            case .removed(let oldIndex):
                lines.append(Line(kind: .removed, text: oldLines[oldIndex]))
            case .added(let newIndex):
                added.append(Line(kind: .added, text: newLines[newIndex]))
            }
        }
        lines += added
        return (Comparison(lines: lines, approximate: engine.approximate), engine.steps + oldLines.count + newLines.count)
    }
}
