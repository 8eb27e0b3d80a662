import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

/// A citizen's photos and scans (issue #15): checked by their content and size when the form is sent,
/// stored with the item, and given only to those who handle it.
@Suite struct FeedbackAttachmentTests {
    /// Sends the form as a browser does when files are chosen: multipart, the token first.
    static func send(
        _ browser: Browser, files: [(field: String, name: String, bytes: [UInt8])], fields: [String: String] = FeedbackTests.fields,
        csrf: String? = nil
    ) async throws -> TestResponse {
        let form = try await browser.get("/hoi-dap/gui")
        #expect(form.text.contains("enctype=\"multipart/form-data\""))
        var posted = fields
        posted.merge(try ContestTests.proofOfWork(in: form.text)) { $1 }
        return try await browser.upload("/hoi-dap/gui", posted, files: files, csrf: csrf ?? Browser.csrf(in: form.text))
    }

    static func stored(_ app: TestApp) throws -> [String] {
        let folder = app.services.configuration.uploadsDirectory + "/feedback"
        return (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    }

    @Test(arguments: TestDatabase.engines)
    func aSendersPhotoReachesThoseWhoHandleTheItemAndNoOneElse(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let photo = TestImages.png(width: 40, height: 30)
            let sent = try await Self.send(Browser(client), files: [("attachments", "đèn đường hỏng.png", photo)])
            #expect(sent.status == .seeOther)
            let item = try #require(try await FeedbackItemRecord.query(on: app.db).filter(\.$senderPhone == Optional("0912345678")).first())
            let files = try await FeedbackAttachmentRecord.query(on: app.db).filter(\.$itemID == item.requireID()).all()
            #expect(files.map(\.displayName) == ["đèn đường hỏng.png"])
            #expect(files.first?.mediaType == "image/png" && files.first?.size == photo.count)
            #expect(try Self.stored(app) == files.map(\.storedName))

            let admin = try await SignInFlowTests.signInAsAdmin(app, client)
            let page = try await admin.get(AdminPage.feedbackItem(id: try item.requireID().uuidString).link)
            #expect(page.text.contains("Tệp đính kèm"))
            #expect(page.text.contains("đèn đường hỏng.png"))
            let link = AdminPage.feedbackAttachment(id: try item.requireID().uuidString, file: try #require(files.first).requireID().uuidString).link
            let download = try await admin.get(link)
            #expect(download.status == .ok)
            #expect(Array(download.body.readableBytesView) == photo)
            #expect(download.headers[.contentType] == "image/png")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)

            // A commune's editor reads neither the item nor its file; the public never sees its name.
            let password = try await BackOfficeTests.account(app, email: "btv.tep@loa.local", unitCode: "DEMO-TPD-1", role: .editor)
            let commune = try await BackOfficeTests.signIn(client, "btv.tep@loa.local", password)
            #expect(try await commune.get(link).status == .notFound)
            let tracked = try await Browser(client).get("/hoi-dap/tra-cuu")
            let found = try await Browser(client).post(
                "/hoi-dap/tra-cuu", ["code": item.code.description, "contact": "0912345678"], csrf: Browser.csrf(in: tracked.text))
            #expect(!found.text.contains("đèn đường hỏng"))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aRenamedProgramTooManyFilesOrAnOversizedOneAreRefusedKeepingTheText(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let citizen = Browser(client)
            let program: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 200)
            let disguised = try await Self.send(citizen, files: [("attachments", "anh.jpg", program)])
            #expect(disguised.status == .unprocessableContent)
            #expect(disguised.text.contains("Tệp «anh.jpg»: Tệp là chương trình chạy được"))
            #expect(disguised.text.contains("vui lòng chọn lại tệp"))
            #expect(disguised.text.contains("Tôi muốn hỏi đăng ký khai sinh cần mang theo những giấy tờ gì?"))

            let photo = TestImages.png(width: 4, height: 4)
            let four = try await Self.send(citizen, files: (1...4).map { ("attachments", "anh-\($0).png", photo) })
            #expect(four.status == .unprocessableContent)
            #expect(four.text.contains("Chỉ gửi được tối đa 3 tệp đính kèm."))

            let large = Array("%PDF-1.4\n".utf8) + [UInt8](repeating: 0x20, count: FeedbackSubmission.attachmentMaxBytes)
            let oversized = try await Self.send(citizen, files: [("attachments", "ho-so.pdf", large)])
            #expect(oversized.status == .unprocessableContent)
            #expect(oversized.text.contains("Tệp «ho-so.pdf»: lớn hơn 5 MB."))

            // A forged post (wrong token) is stopped before its file is read, and stores nothing.
            let forged = try await Self.send(citizen, files: [("attachments", "anh.png", photo)], csrf: "gia-mao-khong-dung-ma-thong-bao")
            #expect(forged.status == .forbidden)

            #expect(try await FeedbackItemRecord.query(on: app.db).filter(\.$senderPhone == Optional("0912345678")).count() == 0)
            #expect(try await FeedbackAttachmentRecord.query(on: app.db).count() == 0)
            #expect(try Self.stored(app).isEmpty)
        }
    }
}
