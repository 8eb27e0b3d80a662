import Foundation
import LoaCore
import Testing

/// The draw as properties over many seeds: exact counts per category, no question twice, options a
/// permutation, the same draw for the same seed whatever the bank's order; and precise refusals.
@Suite struct QuestionDrawTests {
    static let law = Fixture.id(901), procedures = Fixture.id(902), digital = Fixture.id(903)

    /// 30 questions on law (1–30), 12 on procedures (101–112), 5 on digital government (201–205).
    static let bank: [BankQuestion] =
        (1...30).map { BankQuestion(id: Fixture.id($0), categoryID: law) }
        + (101...112).map { BankQuestion(id: Fixture.id($0), categoryID: procedures) }
        + (201...205).map { BankQuestion(id: Fixture.id($0), categoryID: digital) }

    static let rule = QuestionDrawRule(quotas: [
        CategoryQuota(categoryID: law, categoryName: "Văn bản pháp luật", count: 10),
        CategoryQuota(categoryID: procedures, categoryName: "Thủ tục hành chính", count: 7),
        CategoryQuota(categoryID: digital, categoryName: "Chính quyền số", count: 5),  // the whole category
    ])

    static func category(of id: UUID) -> UUID { bank.first { $0.id == id }!.categoryID }

    @Test func everyDrawHasExactCountsDistinctQuestionsAndPermutedOptions() throws {
        var random = SeededRandom(seed: 2025)
        var firstQuestions: Set<UUID> = []
        var firstOptionOrders: Set<[Int]> = []
        for _ in 0..<500 {
            let seed = random.next()
            let drawn = try Self.rule.draw(from: Self.bank, seed: seed).get()
            #expect(drawn.count == 22)
            #expect(Set(drawn.map(\.questionID)).count == drawn.count)
            let counts = Dictionary(grouping: drawn) { Self.category(of: $0.questionID) }.mapValues(\.count)
            #expect(counts == [Self.law: 10, Self.procedures: 7, Self.digital: 5])
            for question in drawn { #expect(question.optionOrder.sorted() == [0, 1, 2, 3]) }
            firstQuestions.insert(drawn[0].questionID)
            firstOptionOrders.insert(drawn[0].optionOrder)
        }
        // The draw really varies with the seed: most questions come first some time, all 24 option orders occur.
        #expect(firstQuestions.count > 40)
        #expect(firstOptionOrders.count == 24)
    }

    @Test func theSameSeedGivesTheSameDrawWhateverTheBankOrder() throws {
        var random = SeededRandom(seed: 7)
        for _ in 0..<100 {
            let seed = random.next()
            var shuffledBank = Self.bank + Self.bank.prefix(5)  // and with questions listed twice
            shuffledBank.shuffle(using: &random)
            let reference = try Self.rule.draw(from: Self.bank, seed: seed).get()
            #expect(try Self.rule.draw(from: shuffledBank, seed: seed).get() == reference)
            #expect(try Self.rule.draw(from: Self.bank, seed: seed &+ 1).get() != reference)
        }
    }

    /// A fixed seed's draw, written out, so a change of the algorithm (which would change stored
    /// draws' replays) shows up as a failing test rather than silently.
    @Test func aKnownSeedDrawsAKnownSet() throws {
        let rule = QuestionDrawRule(quotas: [CategoryQuota(categoryID: Self.digital, categoryName: "Chính quyền số", count: 2)])
        let drawn = try rule.draw(from: Self.bank, seed: 42).get()
        let again = try rule.draw(from: Self.bank.reversed(), seed: 42).get()
        #expect(drawn == again)
        #expect(drawn.map { Fixture.number($0.questionID) } == Self.knownDraw.questions)
        #expect(drawn.map(\.optionOrder) == Self.knownDraw.options)
    }

    /// Recorded from this implementation when it was written (a pin, not derived by hand); the generator
    /// underneath is checked against SplitMix64's published values in `generatorMatchesSplitMix64`.
    static let knownDraw: (questions: [Int], options: [[Int]]) = ([205, 204], [[2, 3, 1, 0], [0, 3, 2, 1]])

    /// The first outputs of SplitMix64 from seed 0 as given by its reference implementation.
    @Test func generatorMatchesSplitMix64() {
        var random = DrawRandom(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }

    struct RefusalCase: Sendable, CustomTestStringConvertible {
        var rule: QuestionDrawRule
        var bank: [BankQuestion]
        var expected: QuestionDrawProblem
        var expectedMessage: String
        var testDescription: String { expectedMessage }
    }

    static let refusals: [RefusalCase] = [
        RefusalCase(
            rule: QuestionDrawRule(quotas: [CategoryQuota(categoryID: digital, categoryName: "Chính quyền số", count: 6)]),
            bank: bank, expected: .notEnoughQuestions(categoryName: "Chính quyền số", available: 5, required: 6),
            expectedMessage: "Chủ đề “Chính quyền số” chỉ có 5 câu hỏi trong ngân hàng, không đủ 6 câu mà vòng thi cần rút."),
        RefusalCase(
            rule: QuestionDrawRule(quotas: [CategoryQuota(categoryID: Fixture.id(999), categoryName: "Phòng, chống tham nhũng", count: 1)]),
            bank: bank, expected: .notEnoughQuestions(categoryName: "Phòng, chống tham nhũng", available: 0, required: 1),
            expectedMessage: "Chủ đề “Phòng, chống tham nhũng” chỉ có 0 câu hỏi trong ngân hàng, không đủ 1 câu mà vòng thi cần rút."),
        RefusalCase(
            rule: QuestionDrawRule(quotas: [CategoryQuota(categoryID: digital, categoryName: "Chính quyền số", count: 5)]),
            bank: Array(bank.suffix(4)) + Array(bank.suffix(4)),  // duplicates are not extra questions
            expected: .notEnoughQuestions(categoryName: "Chính quyền số", available: 4, required: 5),
            expectedMessage: "Chủ đề “Chính quyền số” chỉ có 4 câu hỏi trong ngân hàng, không đủ 5 câu mà vòng thi cần rút."),
        RefusalCase(
            rule: QuestionDrawRule(quotas: [CategoryQuota(categoryID: law, categoryName: "Văn bản pháp luật", count: -2)]),
            bank: bank, expected: .negativeCount(categoryName: "Văn bản pháp luật", count: -2),
            expectedMessage: "Số câu rút từ chủ đề “Văn bản pháp luật” không được âm (đang là -2)."),
        RefusalCase(
            rule: QuestionDrawRule(quotas: [
                CategoryQuota(categoryID: law, categoryName: "Văn bản pháp luật", count: 2),
                CategoryQuota(categoryID: law, categoryName: "Văn bản pháp luật", count: 3),
            ]),
            bank: bank, expected: .categoryListedTwice(categoryName: "Văn bản pháp luật"),
            expectedMessage: "Chủ đề “Văn bản pháp luật” được khai báo hai lần trong quy tắc rút câu hỏi; hãy gộp thành một dòng."),
        RefusalCase(
            rule: QuestionDrawRule(quotas: [CategoryQuota(categoryID: law, categoryName: "Văn bản pháp luật", count: 0)]),
            bank: bank, expected: .emptyRule,
            expectedMessage: "Quy tắc rút câu hỏi chưa có câu nào; hãy khai báo số câu cho ít nhất một chủ đề."),
        RefusalCase(
            rule: QuestionDrawRule(quotas: [CategoryQuota(categoryID: law, categoryName: "Văn bản pháp luật", count: 1)]),
            bank: bank + [BankQuestion(id: Fixture.id(3), categoryID: digital)],
            expected: .questionInTwoCategories(questionID: Fixture.id(3)),
            expectedMessage: "Câu hỏi mã 00000000-0000-0000-0000-000000000003 nằm trong hai chủ đề của ngân hàng; mỗi câu hỏi chỉ được thuộc một chủ đề."),
    ]

    @Test(arguments: refusals)
    func refusal(c: RefusalCase) {
        #expect(throws: c.expected) { try c.rule.draw(from: c.bank, seed: 1).get() }
        #expect(c.expected.message == c.expectedMessage)
    }

    @Test func shownPositionsMapToBankOptions() {
        let question = DrawnQuestion(questionID: Fixture.id(1), optionOrder: [2, 0, 3, 1])
        #expect((0..<4).map { question.bankOption(atShownPosition: $0) } == [2, 0, 3, 1])
        #expect(question.bankOption(atShownPosition: 4) == nil)
        #expect(question.bankOption(atShownPosition: -1) == nil)
    }

    @Test func boundedNumbersCoverTheRangeAndStayInIt() {
        var random = DrawRandom(seed: 3)
        var seen = Array(repeating: 0, count: 7)
        for _ in 0..<7_000 { seen[random.number(below: 7)] += 1 }
        // Each of 7 values about 1,000 times; a biased or stuck generator falls far outside 850...1150.
        #expect(seen.allSatisfy { (850...1_150).contains($0) })
    }
}
