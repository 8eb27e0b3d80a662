import LoaCore
import Testing

private let article =
    "Sáng 15/5, UBND xã Tân Thới tổ chức hội nghị triển khai kế hoạch cải cách hành chính năm 2024. Tham dự có đại diện các ban, ngành, đoàn thể và trưởng các ấp. Tại hội nghị, đồng chí Chủ tịch UBND xã nhấn mạnh cải cách thủ tục hành chính là nhiệm vụ trọng tâm."

private func plain(_ text: String) -> HighlightSegment { HighlightSegment(text: text, isMatch: false) }
private func mark(_ text: String) -> HighlightSegment { HighlightSegment(text: text, isMatch: true) }

@Suite struct SearchHighlightTests {
    @Test func foldedTermsMarkAccentedWords() {
        #expect(
            SearchHighlight.snippet(article, terms: ["cai cach"], maxLength: 60) == [
                plain("…triển khai kế hoạch "), mark("cải"), plain(" "), mark("cách"),
                plain(" hành chính năm 2024. Tham dự…"),
            ])
    }

    @Test func termsArePrefixesOfWholeWords() {
        #expect(
            SearchHighlight.snippet(article, terms: ["hanh"], maxLength: 60) == [
                plain("…kế hoạch cải cách "), mark("hành"), plain(" chính năm 2024. Tham dự có đại diện…"),
            ])
        // "ch" starts "Chủ" but not "tịch".
        #expect(
            SearchHighlight.snippet("Chủ tịch nước", terms: ["ch"], maxLength: 10) == [
                mark("Chủ"), plain(" tịch…"),
            ])
    }

    @Test func matchNearTheEndKeepsTheEnding() {
        #expect(
            SearchHighlight.snippet(article, terms: ["trọng tâm"], maxLength: 50) == [
                plain("…cách thủ tục hành chính là nhiệm vụ "), mark("trọng"), plain(" "), mark("tâm"), plain("."),
            ])
    }

    @Test func someContextComesBeforeTheMatch() {
        #expect(
            SearchHighlight.snippet(article, terms: ["ubnd"], maxLength: 30) == [
                plain("…15/5, "), mark("UBND"), plain(" xã Tân Thới tổ…"),
            ])
    }

    @Test func withoutAMatchTheSnippetStartsAtTheBeginning() {
        #expect(
            SearchHighlight.snippet(article, terms: ["zzz"], maxLength: 40) == [
                plain("Sáng 15/5, UBND xã Tân Thới tổ chức hội…")
            ])
        #expect(SearchHighlight.snippet("Thông báo", terms: []) == [plain("Thông báo")])
    }

    @Test func shortTextIsWholeWithEveryMatchMarked() {
        #expect(
            SearchHighlight.snippet("Đường Lê Lợi, phường 7, đường số 2", terms: ["duong"]) == [
                mark("Đường"), plain(" Lê Lợi, phường 7, "), mark("đường"), plain(" số 2"),
            ])
        #expect(
            SearchHighlight.snippet("«Thông báo»: họp dân", terms: ["hop"]) == [
                plain("«Thông báo»: "), mark("họp"), plain(" dân"),
            ])
    }

    @Test func whitespaceRunsBecomeOneSpace() {
        #expect(
            SearchHighlight.snippet("  Họp\n\n dân \t ấp 3  ", terms: ["ap"]) == [
                plain("Họp dân "), mark("ấp"), plain(" 3"),
            ])
    }

    @Test func decomposedTextStillMatches() {
        #expect(
            SearchHighlight.snippet("Ti\u{0065}\u{0302}\u{0301}ng Việt", terms: ["tieng"]) == [
                mark("Ti\u{0065}\u{0302}\u{0301}ng"), plain(" Việt"),
            ])
    }

    @Test func punctuationInsideATokenSplitsWords() {
        #expect(
            SearchHighlight.snippet("xem https://tanthoi.gov.vn/thong-bao", terms: ["tanthoi"], maxLength: 20) == [
                plain("…"), mark("tanthoi"), plain(".gov.vn…"),
            ])
    }

    @Test func aWordLongerThanTheSnippetIsHardCut() {
        let text = "a " + String(repeating: "x", count: 30) + " b"
        #expect(
            SearchHighlight.snippet(text, terms: ["xx"], maxLength: 10) == [
                plain("…"), mark("xxxxxxxx"), plain("…"),
            ])
    }

    @Test func emptyInputs() {
        #expect(SearchHighlight.snippet("", terms: ["ap"]) == [])
        #expect(SearchHighlight.snippet("   \n ", terms: ["ap"]) == [])
        #expect(SearchHighlight.snippet("Xã Tân Phú Đông", terms: ["tan"], maxLength: 0) == [])
    }

    @Test func neverLongerThanMaxLength() {
        for maxLength in [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377] {
            for term in ["cai", "tam", "zzz", "sang", "ap"] {
                let length = SearchHighlight.snippet(article, terms: [term], maxLength: maxLength)
                    .map(\.text).joined().count
                #expect(length <= maxLength, "\(term) within \(maxLength)")
                #expect(length > 0)
            }
        }
    }
}
