import Foundation
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

/// E-mail really sent over a socket to an SMTP server the test starts, and read back (issue #15).
@Suite struct MailTests {
    @Test func aMessageGoesOutWithItsHeadersAndAVietnameseBody() async throws {
        try await SMTPSink.with { sink in
            let mailer = try #require(SMTPMailer(url: URL(string: "smtp://loa:m%E1%BA%ADt@127.0.0.1:\(sink.port)"), from: "cong@tanphudong.gov.vn"))
            let body = "Kính gửi ông Bình,\n.\nDòng bắt đầu bằng dấu chấm vẫn nguyên."
            try await mailer.send(MailMessage(to: "binh@example.vn", subject: "Trả lời câu hỏi PAKN-2026-000001", body: body))
            let message = try #require(sink.messages.first)
            #expect(message.auth == "\0loa\0mật")
            #expect(message.from == "<cong@tanphudong.gov.vn>" && message.to == "<binh@example.vn>")
            #expect(message.header("To") == "binh@example.vn")
            let subject = try #require(message.header("Subject"))
            let encoded = try #require(subject.firstMatch(of: /=\?UTF-8\?B\?([^?]+)\?=/).map { String($0.1) })
            #expect(String(decoding: try #require(Data(base64Encoded: encoded)), as: UTF8.self) == "Trả lời câu hỏi PAKN-2026-000001")
            #expect(message.body == body.replacingOccurrences(of: "\n", with: "\r\n"))
        }
    }

    @Test func aRefusedRecipientAndALineBreakInAHeaderAreErrorsThatSayWhy() async throws {
        try await SMTPSink.with(refuseRecipients: true) { sink in
            let mailer = try #require(SMTPMailer(url: URL(string: "smtp://127.0.0.1:\(sink.port)"), from: "cong@tanphudong.gov.vn"))
            await #expect {
                try await mailer.send(MailMessage(to: "ai@example.vn", subject: "S", body: "B"))
            } throws: { error in
                String(describing: error).contains("550 5.1.1 no such user here")
            }
            await #expect(throws: SMTPMailer.Failure.self) {
                try await mailer.send(MailMessage(to: "ai@example.vn\r\nBcc: x@example.vn", subject: "S", body: "B"))
            }
            #expect(sink.messages.isEmpty)
        }
    }

    /// The sender who gave an e-mail address gets the code, then the answer, through the job queue.
    @Test(arguments: TestDatabase.engines)
    func theSenderIsMailedTheCodeAndTheApprovedAnswer(engine: TestDatabase) async throws {
        try await SMTPSink.with { sink in
            try await TestApp.run(
                engine,
                configure: {
                    $0.smtpURL = URL(string: "smtp://127.0.0.1:\(sink.port)")
                    $0.mailFrom = "cong@tanphudong.gov.vn"
                }
            ) { app, client in
                var fields = FeedbackTests.fields
                fields["phone"] = ""
                fields["email"] = "Binh@Example.vn"
                let sent = try await FeedbackTests.send(Browser(client), fields)
                #expect(sent.status == .seeOther)
                #expect(try await app.services.jobs.runDue() == 1)
                let receipt = try #require(sink.messages.first)
                let item = try #require(try await FeedbackItemRecord.query(on: app.db).all().first { $0.senderEmail == "binh@example.vn" })
                #expect(receipt.to == "<binh@example.vn>")
                #expect(receipt.body.contains("Mã số: \(item.code)"))
                #expect(receipt.body.contains("/hoi-dap/tra-cuu"))

                let admin = try await SignInFlowTests.signInAsAdmin(app, client)
                let path = AdminPage.feedbackItem(id: try item.requireID().uuidString).link
                for (step, extra) in [("accept", [:]), ("submitAnswer", ["answer": "Hồ sơ gồm tờ khai và giấy chứng sinh."]), ("approveAnswer", [:])] {
                    let page = try await admin.get(path)
                    let current = try #require(try await FeedbackItemRecord.find(item.requireID(), on: app.db))
                    var posted = ["step": step, "version": String(current.version)]
                    posted.merge(extra) { $1 }
                    #expect(try await admin.post(path + "/xu-ly", posted, csrf: Browser.csrf(in: page.text)).status == .seeOther)
                }
                #expect(try await app.services.jobs.runDue() == 1)
                #expect(sink.messages.count == 2)
                #expect(sink.messages.last?.body.contains("Hồ sơ gồm tờ khai và giấy chứng sinh.") == true)
            }
        }
    }
}
