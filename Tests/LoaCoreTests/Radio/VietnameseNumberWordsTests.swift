import LoaCore
import Testing

@Suite struct VietnameseNumberWordsTests {
    @Test(
        arguments: [
            (0, "không"), (1, "một"), (5, "năm"), (10, "mười"), (11, "mười một"), (14, "mười bốn"),
            (15, "mười lăm"), (20, "hai mươi"), (21, "hai mươi mốt"), (24, "hai mươi bốn"), (25, "hai mươi lăm"),
            (45, "bốn mươi lăm"), (99, "chín mươi chín"), (100, "một trăm"), (101, "một trăm linh một"),
            (105, "một trăm linh năm"), (110, "một trăm mười"), (115, "một trăm mười lăm"),
            (121, "một trăm hai mươi mốt"), (1000, "một nghìn"), (1001, "một nghìn không trăm linh một"),
            (1010, "một nghìn không trăm mười"), (1100, "một nghìn một trăm"),
            (2020, "hai nghìn không trăm hai mươi"), (2024, "hai nghìn không trăm hai mươi bốn"),
            (10_000, "mười nghìn"), (15_000, "mười lăm nghìn"), (21_000, "hai mươi mốt nghìn"),
            (1_000_000, "một triệu"), (1_000_005, "một triệu không trăm linh năm"),
            (1_250_000, "một triệu hai trăm năm mươi nghìn"), (2_001_000, "hai triệu không trăm linh một nghìn"),
            (1_000_000_000, "một tỷ"), (1_000_000_001, "một tỷ không trăm linh một"),
            (3_500_000_000, "ba tỷ năm trăm triệu"), (1_000_000_000_000, "một nghìn tỷ"),
            (-3, "âm ba"), (-105, "âm một trăm linh năm"),
        ] as [(Int64, String)])
    func spellsWholeNumbers(number: Int64, expected: String) {
        #expect(VietnameseNumberWords.spell(number) == expected)
    }

    @Test func extremesDoNotTrap() {
        #expect(VietnameseNumberWords.spell(Int64.max).hasPrefix("chín tỷ"))
        #expect(VietnameseNumberWords.spell(Int64.min).hasPrefix("âm chín tỷ"))
    }

    @Test(arguments: [
        ("007", "bảy"), ("000", "không"),
        ("1234567890123456789012", "một hai ba bốn năm sáu bảy tám chín không một hai ba bốn năm sáu bảy tám chín không một hai"),
    ])
    func spellsDigitStrings(digits: String, expected: String) {
        #expect(VietnameseNumberWords.spell(digits: digits) == expected)
    }

    @Test(arguments: [("5", "năm"), ("05", "không năm"), ("25", "hai mươi lăm"), ("0", "không")])
    func spellsFractionDigits(digits: String, expected: String) {
        #expect(VietnameseNumberWords.spell(fractionDigits: digits) == expected)
    }
}
