import LoaCore
import Testing

struct QueryCase: Sendable, CustomTestStringConvertible {
    let raw: String
    let folded: [String]
    let fts5: String
    let tsQuery: String
    var testDescription: String { "«\(raw)»" }
}

/// Hostile and ordinary inputs with the exact expressions the engines receive.
private let queryCases: [QueryCase] = [
    QueryCase(
        raw: "Cải cách hành chính", folded: ["cai", "cach", "hanh", "chinh"],
        fts5: "\"cai\" \"cach\" \"hanh\" \"chinh\"*", tsQuery: "cai & cach & hanh & chinh:*"),
    QueryCase(
        raw: "\"'); DROP TABLE articles;--", folded: ["drop", "table", "articles"],
        fts5: "\"drop\" \"table\" \"articles\"*", tsQuery: "drop & table & articles:*"),
    QueryCase(
        raw: "a\" OR \"b", folded: ["a", "or", "b"],
        fts5: "\"a\" \"or\" \"b\"*", tsQuery: "a & or & b:*"),
    QueryCase(
        raw: "NEAR(a b)", folded: ["near", "a", "b"],
        fts5: "\"near\" \"a\" \"b\"*", tsQuery: "near & a & b:*"),
    QueryCase(
        raw: "tin:* & !bão | (lũ <-> lụt)", folded: ["tin", "bao", "lu", "lut"],
        fts5: "\"tin\" \"bao\" \"lu\" \"lut\"*", tsQuery: "tin & bao & lu & lut:*"),
    QueryCase(
        raw: "Quyết định số 15/2024/QĐ-UBND", folded: ["quyet", "dinh", "so", "15", "2024", "qd", "ubnd"],
        fts5: "\"quyet\" \"dinh\" \"so\" \"15\" \"2024\" \"qd\" \"ubnd\"*",
        tsQuery: "quyet & dinh & so & 15 & 2024 & qd & ubnd:*"),
    QueryCase(raw: "Đường", folded: ["duong"], fts5: "\"duong\"*", tsQuery: "duong:*"),
    QueryCase(raw: "Hà Nội 🎉🎉", folded: ["ha", "noi"], fts5: "\"ha\" \"noi\"*", tsQuery: "ha & noi:*"),
    QueryCase(raw: "***", folded: [], fts5: "", tsQuery: ""),
    QueryCase(raw: "((( )))", folded: [], fts5: "", tsQuery: ""),
    QueryCase(raw: "'\"\"", folded: [], fts5: "", tsQuery: ""),
    QueryCase(raw: "", folded: [], fts5: "", tsQuery: ""),
    QueryCase(raw: " \t\n ", folded: [], fts5: "", tsQuery: ""),
]

@Suite struct SearchQueryTests {
    @Test(arguments: queryCases)
    func expressions(_ testCase: QueryCase) {
        let query = SearchQuery(testCase.raw)
        #expect(query.foldedTerms == testCase.folded)
        #expect(query.fts5Expression == testCase.fts5)
        #expect(query.tsQueryExpression == testCase.tsQuery)
        #expect(query.isEmpty == testCase.folded.isEmpty)
    }

    @Test func withAndWithoutDiacriticsFindTheSameWords() {
        let plain = SearchQuery("cai cach hanh chinh")
        let accented = SearchQuery("Cải cách hành chính")
        #expect(plain.foldedTerms == accented.foldedTerms)
        #expect(plain.exactTerms == [])
        #expect(!plain.hasDiacritics)
        #expect(accented.exactTerms == ["cải", "cách", "hành", "chính"])
        #expect(accented.hasDiacritics)
    }

    @Test func dStrokeIsADiacritic() {
        let query = SearchQuery("Đường")
        #expect(query.foldedTerms == ["duong"])
        #expect(query.exactTerms == ["đường"])
        #expect(query.hasDiacritics)
    }

    @Test func exactTermsStayParallelWhenSomeWordsArePlain() {
        let query = SearchQuery("UBND phường 7")
        #expect(query.foldedTerms == ["ubnd", "phuong", "7"])
        #expect(query.exactTerms == ["ubnd", "phường", "7"])
    }

    @Test func decomposedInputBecomesNFC() {
        let query = SearchQuery("Ti\u{0065}\u{0302}\u{0301}ng Vi\u{0065}\u{0323}\u{0302}t")
        #expect(query.foldedTerms == ["tieng", "viet"])
        #expect(query.exactTerms == ["ti\u{1EBF}ng", "vi\u{1EC7}t"])
        #expect(query.exactTerms == ["tiếng", "việt"])
    }

    @Test func duplicatesRemovedKeepingFirstOrder() {
        let query = SearchQuery("Đường duong ĐƯỜNG phố đường")
        #expect(query.foldedTerms == ["duong", "pho"])
        #expect(query.exactTerms == ["đường", "phố"])
    }

    @Test func atMostTwelveTerms() {
        let query = SearchQuery("a b c d e f g h i j k l m n a")
        #expect(query.foldedTerms == ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"])
        #expect(query.fts5Expression.hasSuffix("\"l\"*"))
    }

    @Test func hugeInputGivesOneTermOfFortyCharacters() {
        let query = SearchQuery(String(repeating: "a", count: 10_000))
        #expect(query.foldedTerms == [String(repeating: "a", count: 40)])
        #expect(query.exactTerms == [])
    }

    @Test func longAccentedWordIsCutInBothForms() {
        let query = SearchQuery(String(repeating: "ệ", count: 50))
        #expect(query.foldedTerms == [String(repeating: "e", count: 40)])
        #expect(query.exactTerms == [String(repeating: "ệ", count: 40)])
    }

    @Test func onlyTheFirstFiveHundredCharactersAreRead() {
        let query = SearchQuery(String(repeating: " ", count: 498) + "xin chào")
        #expect(query.foldedTerms == ["xi"])
    }
}
