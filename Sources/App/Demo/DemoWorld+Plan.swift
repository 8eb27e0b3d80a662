import FluentKit
import Foundation
import LoaCore

/// The seed's own plan — the district's 2020 plan for communicating administrative reform, with its
/// four contents, its channels and its three named units — and a year of evidence for it, generated
/// deterministically (issue #5).
extension DemoWorld {
    static let planYear = 2020

    static func seedPlan(on db: any Database) async throws {
        let units = try await Unit.query(on: db).all()
        func unit(_ code: String) throws -> UUID {
            guard let id = units.first(where: { $0.code == code })?.id else { throw DemoWorldError.missingUnit(code) }
            return id
        }
        let district = try unit("DEMO-TPD"), office = try unit("TPD-VP"), homeAffairs = try unit("TPD-NV"), center = try unit("TPD-VHTT")
        let communes = try (1...communes.count).map { try unit("DEMO-TPD-\($0)") }
        // Done by an earlier start that was interrupted later (FirstStart resumes step by step).
        guard try await Plan.query(on: db).filter(\.$unit.$id == district).count() == 0 else { return }
        guard let site = try await Site.query(on: db).filter(\.$isPrimary == true).first() else { return }
        let category = try await Category.query(on: db).filter(\.$site.$id == site.requireID())
            .filter(\.$slug == ArticleEvidence.reformCategorySlug).first()

        try await db.writeTransaction { db in
            let plan = Plan(
                unitID: district, title: "Kế hoạch tuyên truyền cải cách hành chính năm \(planYear)", year: planYear,
                periodStart: day(planYear, 1, 1), periodEnd: day(planYear, 12, 31), documentReference: "45/KH-UBND", isPublic: true)
            try await plan.create(on: db)
            let planID = try plan.requireID()
            var position = 0
            func item(
                _ content: PlanContent, _ text: String, _ channel: PlanChannel, _ indicator: PlanIndicator, _ target: Int,
                _ responsible: UUID, _ coordinating: String, deadline: Date = day(planYear, 12, 31)
            ) async throws -> PlanItem {
                position += 1
                let model = PlanItem(
                    planID: planID, content: content, description: text, channel: channel, indicator: indicator, target: target,
                    responsibleUnitID: responsible, coordinating: coordinating, deadline: deadline, position: position)
                try await model.create(on: db)
                return model
            }
            _ = try await item(
                .significance, "Đưa tin, bài về ý nghĩa, tầm quan trọng của cải cách hành chính trên trang thông tin điện tử huyện",
                .portal, .newsItems, 12, center, "Văn phòng HĐND và UBND huyện")
            _ = try await item(
                .directives, "Đăng tải văn bản chỉ đạo của tỉnh, huyện về cải cách hành chính",
                .portal, .documentsPublished, 6, office, "Phòng Nội vụ")
            _ = try await item(
                .goodModels, "Tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho cán bộ một cửa",
                .training, .trainingClasses, 2, homeAffairs, "Văn phòng HĐND và UBND huyện", deadline: day(planYear, 9, 30))
            _ = try await item(
                .goodModels, "Số lượt cán bộ, công chức tham dự tập huấn",
                .training, .participants, 150, homeAffairs, "UBND các xã", deadline: day(planYear, 9, 30))
            _ = try await item(
                .leaderDuties, "Hội nghị quán triệt trách nhiệm người đứng đầu trong cải cách hành chính",
                .conference, .conferences, 1, homeAffairs, "Văn phòng HĐND và UBND huyện", deadline: day(planYear, 6, 30))
            let leaflets = try await item(
                .significance, "In, phát tờ rơi hướng dẫn nộp hồ sơ trực tuyến",
                .leaflet, .leaflets, 500, center, "UBND các xã")
            // Filled from each commune station's as-run log (DemoWorld.seedRadio).
            for (index, commune) in communes.enumerated() {
                _ = try await item(
                    .significance, "Phát bản tin về cải cách hành chính trên đài truyền thanh xã \(Self.communes[index].name) (4 lần mỗi tháng)",
                    .radio, .broadcasts, 48, commune, "Trung tâm Văn hóa - Thể thao và Truyền thanh")
            }

            // A year of evidence. CCHC news from the centre, one or two a month.
            if let category, let categoryID = category.id {
                for month in 1...12 {
                    for part in 0..<(month % 3 == 0 ? 2 : 1) {
                        let published = day(planYear, month, 5 + part * 12).addingTimeInterval(9 * 3600)
                        let title = "Cải cách hành chính tháng \(month)/\(planYear): \(monthlyTopics[(month + part) % monthlyTopics.count])"
                        let article = Article(
                            siteID: try site.requireID(), unitID: center, categoryID: categoryID, title: title,
                            slug: VietnameseText.slug(title), summary: "Tin tuyên truyền cải cách hành chính của huyện Tân Phú Đông.",
                            body:
                                "Trung tâm Văn hóa - Thể thao và Truyền thanh huyện đưa tin về \(monthlyTopics[(month + part) % monthlyTopics.count].lowercased()).",
                            authorName: "TRUNG TÂM VH-TT-TT", publishedAt: published)
                        try await article.create(on: db)
                        try await SearchIndex(db: db).update(article)
                    }
                }
            }
            // Trainings, a conference, and a contest in person.
            try await Event(
                unitID: homeAffairs, kind: .training, title: "Tập huấn kiểm soát thủ tục hành chính đợt 1", startsAt: day(planYear, 4, 16),
                place: "Hội trường UBND huyện", audience: "Cán bộ một cửa cấp huyện, xã", planned: 80, actual: 78
            ).create(on: db)
            try await Event(
                unitID: homeAffairs, kind: .training, title: "Tập huấn kiểm soát thủ tục hành chính đợt 2", startsAt: day(planYear, 8, 20),
                place: "Hội trường UBND huyện", audience: "Công chức văn phòng - thống kê các xã", planned: 80, actual: 76
            ).create(on: db)
            try await Event(
                unitID: homeAffairs, kind: .conference, title: "Hội nghị triển khai kế hoạch cải cách hành chính năm \(planYear)",
                startsAt: day(planYear, 2, 25), place: "Hội trường UBND huyện", audience: "Lãnh đạo các cơ quan, UBND các xã",
                planned: 60, actual: 57
            ).create(on: db)
            // A manual report: leaflets, short of the target. The commune stations' broadcasts come from
            // the radio's as-run log (DemoWorld.seedRadio), not from reports.
            try await ActivityReport(
                itemID: leaflets.requireID(), unitID: center, quantity: 300, occurredOn: day(planYear, 6, 10),
                description: "In và phát 300 tờ rơi tại các ấp", createdBy: nil
            ).create(on: db)
            try await seedEvaluation(district: district, communes: communes, on: db)
        }
    }

    static let monthlyTopics = [
        "Nộp hồ sơ trực tuyến mức độ 4", "Bộ phận một cửa xã công khai thủ tục mới", "Trả kết quả qua dịch vụ bưu chính",
        "Lấy ý kiến người dân về sự hài lòng", "Mô hình một cửa liên thông", "Rút ngắn thời gian giải quyết hồ sơ đất đai",
    ]

    private static func seedEvaluation(district: UUID, communes: [UUID], on db: any Database) async throws {
        let criteria = [
            EvaluationCriterion(
                code: "TT.1", title: "Ban hành kế hoạch tuyên truyền cải cách hành chính đúng thời hạn", maxPoints: 0.5, rule: .manual, position: 1),
            EvaluationCriterion(
                code: "TT.2", title: "Mức độ hoàn thành các chỉ tiêu của kế hoạch tuyên truyền", maxPoints: 1.5, rule: .targetsMet, position: 2),
            EvaluationCriterion(code: "TT.3", title: "Đa dạng hóa hình thức tuyên truyền", maxPoints: 1, rule: .manual, position: 3),
        ]
        for criterion in criteria { try await criterion.create(on: db) }
        let at = day(planYear, 12, 20)
        try await EvaluationScore(
            criterionID: criteria[0].requireID(), unitID: district, year: planYear, points: 0.5,
            comment: "Kế hoạch ban hành ngày 20/01/\(planYear).", scoredBy: "Phòng Nội vụ", at: at
        ).create(on: db)
        try await EvaluationScore(
            criterionID: criteria[2].requireID(), unitID: district, year: planYear, points: 0.75,
            comment: "Chưa có tuyên truyền trên mạng xã hội.", scoredBy: "Phòng Nội vụ", at: at
        ).create(on: db)
        try await Inspection(
            unitID: communes[4], visitedOn: day(planYear, 10, 15), inspectorName: "Phòng Nội vụ",
            findings: "Đài truyền thanh xã phát thiếu bản tin trong tháng 4 và tháng 8.",
            followUp: "Bổ sung lịch phát sóng, báo cáo lại Phòng Nội vụ.", followUpDue: day(planYear, 11, 15)
        ).create(on: db)
    }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> Date {
        CalendarDay(year: year, month: month, day: day).date ?? Date(timeIntervalSince1970: 0)
    }
}

enum DemoWorldError: Error { case missingUnit(String) }
