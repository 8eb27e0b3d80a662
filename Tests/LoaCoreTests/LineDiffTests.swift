import LoaCore
import Testing

@Suite struct LineDiffTests {
    @Test func unchangedTextHasOnlySameLines() {
        #expect(LineDiff.compare("a\nb", "a\nb").map(\.kind) == [.same, .same])
    }

    @Test func replacedLineShowsRemovalThenAddition() {
        let lines = LineDiff.compare("Tiêu đề\nĐoạn một\nĐoạn hai", "Tiêu đề\nĐoạn một đã sửa\nĐoạn hai")
        #expect(
            lines == [
                .init(kind: .same, text: "Tiêu đề"),
                .init(kind: .removed, text: "Đoạn một"),
                .init(kind: .added, text: "Đoạn một đã sửa"),
                .init(kind: .same, text: "Đoạn hai"),
            ])
    }

    @Test func additionsAndRemovalsAtTheEnds() {
        #expect(LineDiff.compare("", "mới") == [.init(kind: .removed, text: ""), .init(kind: .added, text: "mới")])
        #expect(LineDiff.compare("a\nb\nc", "b\nc\nd").map(\.kind) == [.removed, .same, .same, .added])
    }
}
