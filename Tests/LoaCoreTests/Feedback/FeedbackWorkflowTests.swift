import Foundation
import LoaCore
import Testing

@Suite struct FeedbackWorkflowTests {
    @Test func theIssuesPathRunsFromReceivedToClosedAndNothingSkipsTheLeader() {
        var state = FeedbackState.received
        for step in [FeedbackStep.forward, .accept, .startHandling, .submitAnswer, .returnAnswer, .submitAnswer, .approveAnswer, .close] {
            let next = FeedbackWorkflow.next(from: state, by: step)
            #expect(next != nil, "\(step) from \(state)")
            state = next ?? state
        }
        #expect(state == .closed)
        // No clerk's step publishes: the only way to `answered` is a leader's approval.
        for from in FeedbackState.allCases {
            for step in FeedbackStep.allCases where FeedbackWorkflow.next(from: from, by: step) == .answered {
                #expect(step == .approveAnswer && step.needsApprover)
            }
        }
        // A refusal ends the work; a closed item takes no step.
        #expect(FeedbackWorkflow.steps(from: .refused) == [.close])
        #expect(FeedbackWorkflow.steps(from: .closed).isEmpty)
        #expect(FeedbackWorkflow.next(from: .received, by: .approveAnswer) == nil)
        #expect(FeedbackWorkflow.next(from: .answered, by: .submitAnswer) == nil)
    }

    @Test func deadlinesCountWorkingDaysAndSkipHolidays() throws {
        // Received on Friday 24 April 2026; 30 April and 1 May are holidays.
        let holidays: Set<CalendarDay> = [CalendarDay(year: 2026, month: 4, day: 30), CalendarDay(year: 2026, month: 5, day: 1)]
        let deadlines = FeedbackDeadlines(received: CalendarDay(year: 2026, month: 4, day: 24), calendar: WorkingCalendar(holidays: holidays))
        // Mon 27, Tue 28, Wed 29, (Thu 30, Fri 1 off), Mon 4, Tue 5.
        #expect(deadlines.decideBy == CalendarDay(year: 2026, month: 5, day: 5))
        #expect(deadlines.answerBy == CalendarDay(year: 2026, month: 5, day: 19))
        #expect(deadlines.due(in: .forwarded) == deadlines.decideBy)
        #expect(deadlines.due(in: .handling) == deadlines.answerBy)
        #expect(deadlines.due(in: .answered) == nil)
        #expect(!deadlines.isOverdue(in: .received, today: deadlines.decideBy))
        #expect(deadlines.isOverdue(in: .received, today: deadlines.decideBy.adding(days: 1)))
        #expect(!deadlines.isOverdue(in: .answered, today: CalendarDay(year: 2027, month: 1, day: 1)))
    }

    @Test func trackingCodesReadAsTypedAndPrintWithSixDigits() {
        #expect(TrackingCode(year: 2026, number: 123).description == "PAKN-2026-000123")
        #expect(TrackingCode(" pakn-2026-123 ") == TrackingCode(year: 2026, number: 123))
        #expect(TrackingCode("PAKN-2026-000123") == TrackingCode(year: 2026, number: 123))
        for bad in ["", "PAKN-26-1", "PAKN-2026-0", "PAKN-2026-", "PAKN-2026-1234567890", "XX-2026-1", "PAKN-２０２６-1", "PAKN-2026-1-1"] {
            #expect(TrackingCode(bad) == nil, "\(bad)")
        }
    }

    @Test func aSubmissionNamesEveryProblemOnItsField() throws {
        let empty = FeedbackSubmission(kind: "", title: "", content: "ngắn", name: "", phone: "", email: "", address: "", consented: false)
        guard case .refused(let problems) = empty.check() else {
            Issue.record("an empty form passed")
            return
        }
        #expect(Set(problems.map(\.field)) == ["kind", "title", "content", "name", "phone", "consent"])

        let good = FeedbackSubmission(
            kind: "question", title: "Hồ sơ đăng ký khai sinh", content: "Tôi muốn hỏi hồ sơ đăng ký khai sinh cần những giấy tờ gì?",
            name: "Trần Văn Bình", phone: "+84 912 345 678", email: "", address: "", consented: true)
        #expect(good.check() == .accepted(.init(kind: .question, phone: "0912345678", email: nil)))
        var byEmail = good
        byEmail.phone = ""
        byEmail.email = "Binh@Example.VN"
        #expect(byEmail.check() == .accepted(.init(kind: .question, phone: nil, email: "binh@example.vn")))
        var badEmail = byEmail
        badEmail.email = "binh@"
        guard case .refused(let emailProblems) = badEmail.check() else {
            Issue.record("a bad address passed")
            return
        }
        #expect(emailProblems.map(\.field) == ["email"])
    }
}
