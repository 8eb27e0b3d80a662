import LoaCore
import Testing

/// Seeded random edits: the diff must always be a faithful account of both texts, and its work must
/// stay proportional to their length (issue #8), counted, never timed.
@Suite struct LineDiffPropertyTests {
    /// Old text = same + removed lines in order; new text = same + added lines in order.
    func reconstruct(_ lines: [LineDiff.Line]) -> (old: String, new: String) {
        let old = lines.filter { $0.kind != .added }.map(\.text)
        let new = lines.filter { $0.kind != .removed }.map(\.text)
        return (old.joined(separator: "\n"), new.joined(separator: "\n"))
    }

    func randomEdit(of lines: [String], using random: inout SeededRandom) -> [String] {
        var edited = lines
        for _ in 0..<Int.random(in: 0...8, using: &random) {
            let position = Int.random(in: 0...edited.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: edited.insert("mới \(Int.random(in: 0..<5, using: &random))", at: position)
            case 1 where position < edited.count: edited.remove(at: position)
            case 2 where position < edited.count: edited[position] += " đã sửa"
            default: edited.insert(contentsOf: edited.prefix(3), at: position)  // repeated lines
            }
        }
        return edited
    }

    @Test func randomEditsAreReconstructedExactly() {
        var random = SeededRandom(seed: 8)
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...30, using: &random)
            // A small vocabulary makes many repeated lines, the hard case for anchoring.
            let old = (0..<count).map { _ in "dòng \(Int.random(in: 0..<6, using: &random))" }
            let new = randomEdit(of: old, using: &random)
            let (oldText, newText) = (old.joined(separator: "\n"), new.joined(separator: "\n"))
            let comparison = LineDiff.comparison(oldText, newText)
            let rebuilt = reconstruct(comparison.lines)
            #expect(rebuilt.old == oldText && rebuilt.new == newText, "\(old) → \(new)")
            #expect(!comparison.approximate)
        }
    }

    /// Length of the longest common subsequence, the most lines a diff can keep unchanged.
    func longestCommon(_ old: [String], _ new: [String]) -> Int {
        var row = Array(repeating: 0, count: new.count + 1)
        for line in old {
            var diagonal = 0
            for (index, other) in new.enumerated() {
                let above = row[index + 1]
                row[index + 1] = line == other ? diagonal + 1 : max(above, row[index])
                diagonal = above
            }
        }
        return row[new.count]
    }

    @Test func ordinaryEditsShowTheFewestChangedLines() {
        var random = SeededRandom(seed: 12)
        for _ in 0..<1_000 {
            let old = (0..<Int.random(in: 0...40, using: &random)).map { _ in "dòng \(Int.random(in: 0..<5, using: &random))" }
            let new = randomEdit(of: old, using: &random)
            let (oldText, newText) = (old.joined(separator: "\n"), new.joined(separator: "\n"))
            let lines = LineDiff.compare(oldText, newText)
            // An empty text is one empty line, as the history shows it.
            let (oldLines, newLines) = (oldText.components(separatedBy: "\n"), newText.components(separatedBy: "\n"))
            #expect(lines.filter { $0.kind == .same }.count == longestCommon(oldLines, newLines), "\(old) → \(new)")
        }
    }

    @Test func removalsComeBeforeTheirReplacements() {
        var random = SeededRandom(seed: 3)
        for _ in 0..<500 {
            let old = (0..<20).map { "dòng \($0)" }
            let new = randomEdit(of: old, using: &random)
            let kinds = LineDiff.compare(old.joined(separator: "\n"), new.joined(separator: "\n")).map(\.kind)
            // Never an addition directly followed by a removal: a run of changes reads removed-then-added.
            #expect(!zip(kinds, kinds.dropFirst()).contains { $0 == (.added, .removed) })
        }
    }

    @Test func sixteenThousandDifferentLinesAreApproximatedInLinearWork() {
        for count in [4_000, 16_000] {
            let old = (0..<count).map { "cũ \($0)" }.joined(separator: "\n")
            let new = (0..<count).map { "mới \($0)" }.joined(separator: "\n")
            let (comparison, steps) = LineDiff.comparisonCountingSteps(old, new)
            #expect(steps <= 50 * 2 * count, "\(count) lines: \(steps) steps")
            #expect(comparison.approximate)
            #expect(comparison.lines.count == 2 * count)
            #expect(comparison.lines.first?.kind == .removed && comparison.lines.last?.kind == .added)
        }
    }

    @Test func sixteenThousandLinesWithScatteredEditsAreExactInLinearWork() {
        var random = SeededRandom(seed: 16)
        let old = (0..<16_000).map { "Đoạn \($0)" }
        var new = old
        for _ in 0..<300 { new[Int.random(in: 0..<new.count, using: &random)] = "sửa \(Int.random(in: 0..<3, using: &random))" }
        let (oldText, newText) = (old.joined(separator: "\n"), new.joined(separator: "\n"))
        let (comparison, steps) = LineDiff.comparisonCountingSteps(oldText, newText)
        #expect(steps <= 50 * 32_000, "\(steps) steps")
        #expect(!comparison.approximate)
        #expect(reconstruct(comparison.lines) == (oldText, newText))
    }

    @Test func aTinyBudgetApproximatesButStaysFaithful() {
        let old = "a\nb\nc\nd\ne", new = "b\na\nd\nc\ne"
        let (comparison, _) = LineDiff.comparisonCountingSteps(old, new, budget: 0)
        #expect(comparison.approximate)
        #expect(reconstruct(comparison.lines) == (old, new))
    }
}
