import FluentKit
import Foundation
import LoaCore
import SQLKit

/// The demo's citizens' questions and consultation (issue #15), on the district's site: three
/// answered questions published under their topics, one item waiting in the inbox, and a draft
/// open for comments with two comments shown. One transaction, so a start killed half-way leaves
/// nothing and the next start makes it whole.
extension DemoWorld {
    static func seedFeedback(on db: any Database, now: Date, calendar: WorkingCalendar) async throws {
        guard try await FeedbackItemRecord.query(on: db).count() == 0, try await ConsultationRecord.query(on: db).count() == 0,
            let site = try await Site.query(on: db).filter(\.$isPrimary == true).first()
        else { return }
        let siteID = try site.requireID()
        let unitID = site.$unit.id
        let answered: [(topic: String, title: String, question: String, answer: String)] = [
            (
                "Hộ tịch", "Đăng ký khai sinh cần giấy tờ gì?",
                "Con tôi mới sinh, tôi cần mang những giấy tờ gì để đăng ký khai sinh tại xã?",
                "Người đi đăng ký khai sinh nộp tờ khai theo mẫu và giấy chứng sinh; xuất trình giấy tờ tùy thân.\nHồ sơ nộp tại Bộ phận một cửa của xã hoặc trực tuyến trên Cổng dịch vụ công quốc gia."
            ),
            (
                "Đất đai", "Thời hạn cấp giấy chứng nhận quyền sử dụng đất lần đầu",
                "Tôi nộp hồ sơ cấp giấy chứng nhận lần đầu đã 20 ngày, xin hỏi thời hạn giải quyết là bao lâu?",
                "Thời hạn giải quyết thủ tục đăng ký, cấp giấy chứng nhận lần đầu không quá 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; với xã vùng khó khăn được cộng thêm 10 ngày.\nÔng, bà có thể tra cứu tình trạng hồ sơ bằng mã số trên giấy hẹn."
            ),
            (
                "Cải cách hành chính", "Nộp hồ sơ trực tuyến có được giảm phí không?",
                "Tôi nghe nói nộp hồ sơ trực tuyến được giảm lệ phí, có đúng không?",
                "Nhiều thủ tục được giảm 50% lệ phí khi nộp trực tuyến theo quy định hiện hành; mức giảm cụ thể ghi trong từng thủ tục trên trang Thủ tục hành chính."
            ),
        ]
        try await db.writeTransaction { db in
            let year = CalendarDay(now).year
            for (index, item) in answered.enumerated() {
                let received = now.addingTimeInterval(-Double(40 - index * 10) * 86_400)
                let record = demoItem(
                    siteID: siteID, unitID: unitID, year: year, number: index + 1, title: item.title, content: item.question, received: received,
                    calendar: calendar)
                record.state = FeedbackState.answered.rawValue
                record.answerDraft = item.answer
                record.answer = item.answer
                record.answeredAt = received.addingTimeInterval(6 * 86_400)
                record.answeredBy = site.name
                record.topic = item.topic
                record.published = true
                try await record.create(on: db)
                try await FeedbackSearch.update(record, on: db)
            }
            let waiting = demoItem(
                siteID: siteID, unitID: unitID, year: year, number: answered.count + 1, title: "Đèn đường ấp Tân Quới bị hỏng",
                content: "Đèn đường đoạn gần trường tiểu học ấp Tân Quới hỏng đã hai tuần, đề nghị sửa chữa.", received: now.addingTimeInterval(-86_400),
                calendar: calendar)
            waiting.kind = FeedbackKind.other.rawValue
            try await waiting.create(on: db)
            try await db.sql.raw("INSERT INTO feedback_counters (year, last) VALUES (\(bind: year), \(bind: answered.count + 1))").run()
            try await seedConsultation(siteID: siteID, unitID: unitID, now: now, on: db)
        }
    }

    private static func demoItem(
        siteID: UUID, unitID: UUID, year: Int, number: Int, title: String, content: String, received: Date, calendar: WorkingCalendar
    ) -> FeedbackItemRecord {
        FeedbackItemRecord(
            siteID: siteID, unitID: unitID, code: TrackingCode(year: year, number: number), kind: .question, title: title, content: content,
            sender: ("Người dân (dữ liệu mẫu)", "0900000\(String(format: "%03d", number))", nil, ""), received: received,
            deadlines: FeedbackDeadlines(received: CalendarDay(received), calendar: calendar))
    }

    private static func seedConsultation(siteID: UUID, unitID: UUID, now: Date, on db: any Database) async throws {
        let today = CalendarDay(now)
        let consultation = ConsultationRecord()
        consultation.siteID = siteID
        consultation.unitID = unitID
        consultation.title = "Dự thảo Quy chế tiếp nhận, xử lý phản ánh, kiến nghị của người dân trên Cổng thông tin điện tử huyện"
        consultation.opensOn = today.adding(days: -5).iso
        consultation.closesOn = today.adding(days: 25).iso
        consultation.summary = ""
        consultation.createdAt = now
        try await consultation.create(on: db)
        let draft = """
            Quy chế này áp dụng đối với các cơ quan chuyên môn thuộc Ủy ban nhân dân huyện và Ủy ban nhân dân các xã.
            Điều 1. Phạm vi điều chỉnh
            Quy chế quy định việc tiếp nhận, xử lý và trả lời câu hỏi, phản ánh, kiến nghị của người dân gửi qua Cổng thông tin điện tử huyện.
            Điều 2. Thời hạn xử lý
            Cơ quan thụ lý hoặc chuyển phản ánh trong 05 ngày làm việc và trả lời trong 15 ngày làm việc kể từ ngày tiếp nhận.
            Điều 3. Công khai kết quả
            Câu trả lời được công khai trên mục Hỏi đáp, không kèm thông tin cá nhân của người gửi.
            """
        var sectionIDs: [UUID] = []
        for (index, part) in DraftSection.split(draft).enumerated() {
            let section = ConsultationSectionRecord()
            section.consultationID = try consultation.requireID()
            section.position = index
            section.heading = part.heading
            section.text = part.text
            try await section.create(on: db)
            sectionIDs.append(try section.requireID())
        }
        for (position, author, content) in [
            (2, "Nguyễn Văn An", "Đề nghị rút ngắn thời hạn trả lời với câu hỏi đơn giản về thủ tục còn 07 ngày làm việc."),
            (3, "Trần Thị Bé", "Nên gửi kèm câu trả lời qua tin nhắn cho người không dùng email."),
        ] where position < sectionIDs.count {
            let comment = ConsultationCommentRecord()
            comment.consultationID = try consultation.requireID()
            comment.sectionID = sectionIDs[position]
            comment.authorName = author
            comment.contact = ""
            comment.content = content
            comment.moderation = CommentModeration.approved.rawValue
            comment.reason = ""
            comment.createdAt = now.addingTimeInterval(-86_400)
            try await comment.create(on: db)
        }
    }
}
