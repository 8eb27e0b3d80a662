import FluentKit
import Foundation
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

/// Public consultation on drafts (issue #15): opened for at least the minimum period, commented part by
/// part, moderated, every comment decided before the close, and the summary published.
@Suite struct ConsultationFlowTests {
    static let draft = """
        QUYẾT ĐỊNH ban hành Quy chế tiếp nhận, xử lý phản ánh, kiến nghị
        Điều 1. Phạm vi điều chỉnh
        Quy chế này quy định việc tiếp nhận phản ánh, kiến nghị trên địa bàn huyện.
        Điều 2. Thời hạn trả lời
        Cơ quan trả lời trong 15 ngày làm việc.
        """

    @Test(arguments: TestDatabase.engines)
    func aDraftIsCommentedModeratedDecidedAndClosedWithItsSummary(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let admin = try await SignInFlowTests.signInAsAdmin(app, client)
            let site = try #require(try await Site.query(on: app.db).filter(\.$isPrimary == true).first())
            let today = CalendarDay(app.pinned.clients.now())
            let document = Document()
            document.$site.id = try site.requireID()
            document.slug = "du-thao-quy-che-phan-anh"
            document.form = "Quyết định"
            document.number = "Dự thảo"
            document.issuingBody = "UBND huyện Tân Phú Đông"
            document.issuedOn = today.iso
            document.summary = "Dự thảo Quy chế tiếp nhận phản ánh"
            document.isLegal = false
            document.postedOn = today.iso
            document.searchText = ""
            try await document.create(on: app.db)
            var form = try await admin.get(AdminPage.consultations.link)
            var fields = [
                "site": try site.requireID().uuidString, "document": try document.requireID().uuidString, "title": "Dự thảo Quy chế tiếp nhận phản ánh",
                "opens": today.iso,
                "closes": today.adding(days: 10).iso, "text": Self.draft,
            ]
            // Too short a period is refused with what was typed kept.
            let short = try await admin.post(AdminPage.consultations.link, fields, csrf: Browser.csrf(in: form.text))
            #expect(short.status == .unprocessableContent)
            #expect(short.text.contains("ít nhất 30 ngày"))
            #expect(short.text.contains("Cơ quan trả lời trong 15 ngày làm việc."))
            fields["closes"] = today.adding(days: 29).iso
            form = try await admin.get(AdminPage.consultations.link)
            let opened = try await admin.post(AdminPage.consultations.link, fields, csrf: Browser.csrf(in: form.text))
            #expect(opened.status == .seeOther)
            let consultation = try #require(try await ConsultationRecord.query(on: app.db).filter(\.$title == "Dự thảo Quy chế tiếp nhận phản ánh").first())
            let sections = try await ConsultationSectionRecord.query(on: app.db).filter(\.$consultationID == consultation.requireID()).sort(\.$position).all()
            #expect(sections.map(\.heading) == ["Phần mở đầu", "Điều 1. Phạm vi điều chỉnh", "Điều 2. Thời hạn trả lời"])
            let publicPath = "/lay-y-kien/\(try consultation.requireID().uuidString.lowercased())"

            // A citizen comments on Điều 2; it waits for moderation.
            let citizen = Browser(client)
            let page = try await citizen.get(publicPath)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h2>Điều 2. Thời hạn trả lời</h2>"))
            var comment = [
                "section": try sections[2].requireID().uuidString, "content": "Nên rút ngắn còn 10 ngày làm việc.", "name": "Lê Thị Hoa",
                "contact": "0912345678",
            ]
            comment.merge(try ContestTests.proofOfWork(in: page.text)) { $1 }
            let sent = try await citizen.post(publicPath, comment, csrf: Browser.csrf(in: page.text))
            #expect(sent.status == .seeOther)
            #expect(try await citizen.get(try #require(sent.headers[.location])).text.contains("sẽ hiển thị sau khi được kiểm duyệt"))
            #expect(!(try await citizen.get(publicPath).text.contains("Nên rút ngắn")))

            let stored = try #require(try await ConsultationCommentRecord.query(on: app.db).filter(\.$consultationID == consultation.requireID()).first())
            let detailPath = AdminPage.consultation(id: try consultation.requireID().uuidString).link
            let commentPath = AdminPage.consultationComment(id: try consultation.requireID().uuidString, comment: try stored.requireID().uuidString).link
            var detail = try await admin.get(detailPath)
            #expect(detail.text.contains("0912345678"))
            #expect(try await admin.post(commentPath, ["action": "approve"], csrf: Browser.csrf(in: detail.text)).status == .seeOther)
            let shown = try await citizen.get(publicPath)
            #expect(shown.text.contains("Nên rút ngắn còn 10 ngày làm việc.") && shown.text.contains("Lê Thị Hoa"))
            #expect(!shown.text.contains("0912345678"))

            // Closing: not before the period ends, not with an undecided comment, not without a reason.
            detail = try await admin.get(detailPath)
            let closePath = AdminPage.closeConsultation(id: try consultation.requireID().uuidString).link
            let early = try await admin.post(closePath, ["summary": "Tổng hợp"], csrf: Browser.csrf(in: detail.text))
            #expect(early.text.contains("Chưa hết thời gian lấy ý kiến"))
            app.pinned.advance(by: 31 * 86_400)
            let admin2 = try await BackOfficeTests.signIn(client, app.firstStart?.adminEmail ?? "", SignInFlowTests.newPassword)
            detail = try await admin2.get(detailPath)
            let undecided = try await admin2.post(closePath, ["summary": "Tổng hợp"], csrf: Browser.csrf(in: detail.text))
            #expect(undecided.text.contains("chưa có quyết định tiếp thu"))
            let noReason = try await admin2.post(commentPath, ["decision": "notTaken", "reason": ""], csrf: Browser.csrf(in: detail.text))
            #expect(noReason.text.contains("Vui lòng ghi lý do"))
            #expect(
                try await admin2.post(commentPath, ["decision": "notTaken", "reason": "Luật quy định 15 ngày."], csrf: Browser.csrf(in: detail.text)).status
                    == .seeOther)
            let closed = try await admin2.post(closePath, ["summary": "Đã nhận 1 góp ý; không tiếp thu vì trái luật."], csrf: Browser.csrf(in: detail.text))
            #expect(closed.status == .seeOther)

            let final = try await citizen.get(publicPath)
            #expect(final.text.contains("Văn bản: <a href=\"/van-ban/"))
            #expect(final.text.contains("Báo cáo tổng hợp, tiếp thu, giải trình ý kiến"))
            #expect(final.text.contains("Đã nhận 1 góp ý; không tiếp thu vì trái luật."))
            #expect(final.text.contains("<strong>Không tiếp thu</strong>: Luật quy định 15 ngày."))
            #expect(!final.text.contains("Gửi góp ý"))
            // Opening, each moderation or decision, and the close are on record with who did them.
            let audit = try await AuditEvent.query(on: app.db).filter(\.$subject == "Dự thảo Quy chế tiếp nhận phản ánh").all()
            #expect(
                audit.map(\.kind).sorted()
                    == [
                        AuditKind.consultationOpened.rawValue, AuditKind.consultationCommentReviewed.rawValue,
                        AuditKind.consultationCommentReviewed.rawValue, AuditKind.consultationClosed.rawValue,
                    ].sorted())
            let details = audit.map(\.detail)
            #expect(details.contains { $0.hasPrefix("moderation=approved") } && details.contains { $0.hasPrefix("decision=notTaken") })
            #expect(audit.allSatisfy { $0.actorEmail == app.firstStart?.adminEmail })
            // A late comment is refused even when posted by hand.
            var late = comment
            late.merge(try ContestTests.proofOfWork(in: page.text)) { $1 }
            #expect(try await citizen.post(publicPath, late, csrf: Browser.csrf(in: page.text)).status != .seeOther)
            #expect(try await ConsultationCommentRecord.query(on: app.db).filter(\.$consultationID == consultation.requireID()).count() == 1)

            // A commune's editor does not reach the district's consultation.
            let password = try await BackOfficeTests.account(app, email: "btv.xa@loa.local", unitCode: "DEMO-TPD-1", role: .editor)
            let commune = try await BackOfficeTests.signIn(client, "btv.xa@loa.local", password)
            #expect(try await commune.get(detailPath).status == .notFound)
            // Nor can it decide on one of its comments.
            let communePage = try await commune.get(AdminPage.consultations.link)
            let foreign = try await commune.post(commentPath, ["decision": "taken", "reason": ""], csrf: Browser.csrf(in: communePage.text))
            #expect(foreign.status == .notFound)
            #expect(try await ConsultationCommentRecord.find(stored.requireID(), on: app.db)?.decision == CommentDecision.notTaken.rawValue)
        }
    }
}
