import Foundation
import LoaCore
import Testing

@Suite struct ConsultationTests {
    @Test func aDraftIsSplitAtItsChaptersAndArticles() {
        let draft = """
            QUYẾT ĐỊNH
            Ban hành quy chế tiếp nhận phản ánh

            Chương I
            QUY ĐỊNH CHUNG
            Điều 1. Phạm vi điều chỉnh
            Quy chế này quy định việc tiếp nhận.
            Điều 2. Đối tượng áp dụng
            Cơ quan, tổ chức, cá nhân.
            Điều 10 được nhắc trong câu này không phải tiêu đề
            """
        let sections = DraftSection.split(draft)
        #expect(sections.map(\.heading) == ["Phần mở đầu", "Chương I", "Điều 1. Phạm vi điều chỉnh", "Điều 2. Đối tượng áp dụng"])
        #expect(sections[0].text == "QUYẾT ĐỊNH\nBan hành quy chế tiếp nhận phản ánh")
        #expect(sections[3].text.hasSuffix("Điều 10 được nhắc trong câu này không phải tiêu đề"))
        #expect(DraftSection.split("Chỉ một đoạn văn.") == [DraftSection(heading: "Toàn văn dự thảo", text: "Chỉ một đoạn văn.")])
        #expect(DraftSection.split("") == [])
    }

    @Test func aPeriodMustStartTodayOrLaterAndLastTheMinimum() {
        let today = CalendarDay(year: 2026, month: 12, day: 3)
        #expect(ConsultationRules.periodProblem(opens: today, closes: today.adding(days: 29), today: today, minimumDays: 30) == nil)
        #expect(
            ConsultationRules.periodProblem(opens: today, closes: today.adding(days: 28), today: today, minimumDays: 30)?.contains("ít nhất 30 ngày") == true)
        #expect(ConsultationRules.periodProblem(opens: today.adding(days: -1), closes: today.adding(days: 40), today: today, minimumDays: 30) != nil)
        #expect(ConsultationRules.isOpen(opens: today, closes: today, today: today))
        #expect(!ConsultationRules.isOpen(opens: today, closes: today, today: today.adding(days: 1)))
    }

    @Test func closingNeedsThePeriodOverEveryCommentDecidedAndASummary() {
        let closes = CalendarDay(year: 2026, month: 12, day: 3)
        let after = closes.adding(days: 1)
        typealias C = ConsultationRules.Comment
        #expect(ConsultationRules.closeProblem(closes: closes, today: closes, comments: [], summary: "x")?.contains("Chưa hết thời gian") == true)
        #expect(
            ConsultationRules.closeProblem(closes: closes, today: after, comments: [C(moderation: .pending, decision: nil, reason: "")], summary: "x") != nil)
        #expect(
            ConsultationRules.closeProblem(closes: closes, today: after, comments: [C(moderation: .approved, decision: nil, reason: "")], summary: "x")?
                .contains("chưa có quyết định") == true)
        #expect(
            ConsultationRules.closeProblem(
                closes: closes, today: after, comments: [C(moderation: .approved, decision: .notTaken, reason: " ")], summary: "x")?.contains("lý do") == true)
        #expect(
            ConsultationRules.closeProblem(closes: closes, today: after, comments: [C(moderation: .approved, decision: .taken, reason: "")], summary: "") != nil
        )
        let decided = [C(moderation: .approved, decision: .partlyTaken, reason: "Đã sửa Điều 2"), C(moderation: .rejected, decision: nil, reason: "")]
        #expect(ConsultationRules.closeProblem(closes: closes, today: after, comments: decided, summary: "Tổng hợp") == nil)
    }
}
