import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// The organiser fixes one question of the bank in place (issue #12): bad input is refused with what
/// was typed kept, and a saved change shows at once on the page of an attempt that drew the question.
@Suite struct ContestQuestionEditTests {
    @Test(arguments: TestDatabase.engines)
    func theOrganiserCorrectsAQuestionAndTheAttemptShowsIt(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let world = try await ContestTests.world(app)
            let person = try await ContestTests.registerInBrowser(client, world, phone: "0912345678")
            let base = try await ContestTests.startInBrowser(person, world)
            let before = try await person.get(base + "?cau=1")
            let questionID = try #require(UUID(uuidString: try ContestTests.questionID(in: before.text)))
            let question = try #require(try await ContestQuestionRecord.find(questionID, on: app.db))

            let admin = try await SignInFlowTests.signInAsAdmin(app, client)
            let contest = try await admin.get(AdminPage.contest(id: try world.contest.requireID().uuidString).link)
            let editPath = AdminPage.contestQuestion(id: questionID.uuidString).link
            #expect(contest.text.contains("href=\"\(editPath)\""))
            let form = try await admin.get(editPath)
            #expect(form.status == .ok)
            #expect(form.text.contains(question.text))
            var fields = [
                "category": question.$category.id.uuidString, "text": "Câu hỏi đã sửa lỗi chính tả?", "option_A": "Đúng", "option_B": "Sai 1",
                "option_C": "Sai 1", "option_D": "Sai 3", "correct": "A", "explanation": "",
            ]
            let refused = try await admin.post(editPath, fields, csrf: Browser.csrf(in: form.text))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Bốn phương án phải khác nhau."))
            #expect(refused.text.contains("Câu hỏi đã sửa lỗi chính tả?"))
            #expect(try await ContestQuestionRecord.find(questionID, on: app.db)?.text == question.text)

            fields["option_C"] = "Sai 2"
            fields["correct"] = "E"
            let noAnswer = try await admin.post(editPath, fields, csrf: Browser.csrf(in: form.text))
            #expect(noAnswer.text.contains("Vui lòng chọn đáp án đúng"))

            fields["correct"] = "A"
            let saved = try await admin.post(editPath, fields, csrf: Browser.csrf(in: form.text))
            #expect(saved.status == .ok)
            #expect(saved.text.contains("Đã lưu câu hỏi."))
            let stored = try #require(try await ContestQuestionRecord.find(questionID, on: app.db))
            #expect(stored.text == "Câu hỏi đã sửa lỗi chính tả?")
            #expect(stored.optionList == ["Đúng", "Sai 1", "Sai 2", "Sai 3"])

            let after = try await person.get(base + "?cau=1")
            #expect(after.text.contains("Câu hỏi đã sửa lỗi chính tả?"))
            #expect(!after.text.contains(question.text))
        }
    }

    /// A wrong right option found after people submitted: correcting it scores their attempts again,
    /// and the form said beforehand that it would.
    @Test(arguments: TestDatabase.engines)
    func correctingTheRightOptionScoresSubmittedAttemptsAgain(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let world = try await ContestTests.world(app)
            let person = try await ContestTests.registerInBrowser(client, world, phone: "0912345678")
            let base = try await ContestTests.startInBrowser(person, world)
            let page = try await person.get(base + "?cau=1")
            let questionID = try #require(UUID(uuidString: try ContestTests.questionID(in: page.text)))
            let answered = try await person.post(
                "\(base)/tra-loi", ["question": questionID.uuidString, "option": try ContestTests.rightPosition(in: page.text)],
                csrf: Browser.csrf(in: page.text))
            #expect(answered.status == .seeOther)
            let submitPage = try await person.get("\(base)/nop-bai")
            #expect(try await person.post("\(base)/nop-bai", ["prediction": "10"], csrf: Browser.csrf(in: submitPage.text)).status == .seeOther)
            let attempt = { try #require(try await ContestAttemptRecord.query(on: app.db).filter(\.$round.$id == world.round.requireID()).first()) }
            #expect(try await attempt().score == 1)

            let admin = try await SignInFlowTests.signInAsAdmin(app, client)
            let editPath = AdminPage.contestQuestion(id: questionID.uuidString).link
            let form = try await admin.get(editPath)
            #expect(form.text.contains("Đã có 1 bài thi đã nộp có câu hỏi này"))
            let question = try #require(try await ContestQuestionRecord.find(questionID, on: app.db))
            var fields = [
                "category": question.$category.id.uuidString, "text": question.text, "explanation": "", "correct": "B",
            ]
            for (letter, option) in zip(AdminContestsController.optionLetters, question.optionList) { fields["option_\(letter)"] = option }
            let saved = try await admin.post(editPath, fields, csrf: Browser.csrf(in: form.text))
            #expect(saved.status == .ok)
            #expect(saved.text.contains("đã được chấm lại ở các vòng"))
            #expect(saved.text.contains("<li>Vòng 1</li>"))
            #expect(try await attempt().score == 0)

            // Saving the text alone changes no score and says nothing about it.
            fields["text"] = "Câu hỏi viết lại?"
            let textOnly = try await admin.post(editPath, fields, csrf: Browser.csrf(in: form.text))
            #expect(!textOnly.text.contains("đã được chấm lại"))
            #expect(try await attempt().score == 0)
        }
    }
}
