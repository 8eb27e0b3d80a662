import LoaCore
import Testing

@Suite struct VietnameseTextTests {
    @Test func foldsPlaceNames() {
        #expect(VietnameseText.fold("Tân Phú Đông") == "tan phu dong")
        #expect(VietnameseText.fold("Đường") == "duong")
        #expect(VietnameseText.fold("ĐƯỜNG LÊ LỢI") == "duong le loi")
    }

    @Test func foldsLettersWithTwoMarks() {
        #expect(VietnameseText.fold("ẵ ỗ ướ Ặ Ỗ ỰỪ") == "a o uo a o uu")
    }

    @Test func foldsDecomposedInput() {
        // "ế" typed as e + circumflex + acute, as some macOS tools produce.
        #expect(VietnameseText.fold("Ti\u{0065}\u{0302}\u{0301}ng Vi\u{0065}\u{0323}\u{0302}t") == "tieng viet")
    }

    @Test func collapsesAndTrimsWhitespace() {
        #expect(VietnameseText.fold("  Xã \t Tân\n\nPhú  ") == "xa tan phu")
        #expect(VietnameseText.fold("   ") == "")
    }

    @Test func slugOfHeadline() {
        let headline = "Công tác tuyên truyền về cải cách hành chính năm 2020"
        #expect(VietnameseText.slug(headline) == "cong-tac-tuyen-truyen-ve-cai-cach-hanh-chinh-nam-2020")
    }

    @Test func slugReplacesPunctuationAndEmojiRuns() {
        #expect(VietnameseText.slug("«Thông báo»: họp dân 🎉🎉 — khẩn!!!") == "thong-bao-hop-dan-khan")
        #expect(VietnameseText.slug("UBND xã/phường & thị trấn (2025)") == "ubnd-xa-phuong-thi-tran-2025")
    }

    @Test func slugOfEmptyOrSymbolsOnly() {
        #expect(VietnameseText.slug("") == "")
        #expect(VietnameseText.slug("  !!! 🎉 ") == "")
    }

    @Test func slugCutsOnWordBoundary() {
        #expect(VietnameseText.slug("Ủy ban nhân dân xã", maxLength: 10) == "uy-ban")
        // Cut exactly before a dash keeps the whole last word.
        #expect(VietnameseText.slug("Ủy ban nhân dân xã", maxLength: 6) == "uy-ban")
        #expect(VietnameseText.slug("Ủy ban nhân dân xã", maxLength: 7) == "uy-ban")
        #expect(VietnameseText.slug("Ủy ban", maxLength: 80) == "uy-ban")
    }

    @Test func slugHardCutsSingleLongWord() {
        #expect(VietnameseText.slug("abcdefghijkl mn", maxLength: 5) == "abcde")
        #expect(VietnameseText.slug("Xã", maxLength: 0) == "")
    }

    @Test func slugRespectsDefaultMaximum() {
        let long = String(repeating: "tin tức ", count: 30)
        let slug = VietnameseText.slug(long)
        #expect(slug.count <= 80)
        #expect(slug.count > 70)
        #expect(!slug.hasSuffix("-"))
        #expect(slug.hasPrefix("tin-tuc-tin-tuc"))
    }
}
