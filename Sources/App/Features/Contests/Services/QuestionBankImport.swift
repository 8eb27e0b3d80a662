import FluentKit
import Foundation
import LoaCore

/// Imports questions from CSV (issue #12): columns `Chủ đề, Câu hỏi, A, B, C, D, Đáp án, Giải thích`
/// (the last optional), a header line first. Each bad line is reported with its number and the rest
/// imported; a question whose text is already in the bank is updated in place (re-importing a
/// corrected file changes the questions, never duplicates them). Missing categories are created.
struct QuestionBankImport: Sendable {
    let db: any Database

    static let maximumBytes = 2_000_000
    static let maximumLines = 5_000

    struct Report: Sendable {
        var created = 0
        var updated = 0
        var problems: [String] = []
    }

    func run(csv: String, contestID: UUID) async throws -> Report {
        var report = Report()
        guard csv.utf8.count <= Self.maximumBytes else {
            report.problems.append("Tệp quá lớn: tối đa \(Self.maximumBytes / 1_000_000) MB mỗi lần nhập.")
            return report
        }
        let table = CSVReader.read(csv)
        for line in table.unclosedQuoteLines {
            report.problems.append("Dòng \(line): dấu ngoặc kép mở mà không đóng; dòng này bị bỏ qua.")
        }
        let rows = table.rows.filter { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard rows.count <= Self.maximumLines + 1 else {
            report.problems.append("Tệp có quá nhiều dòng: tối đa \(Self.maximumLines) câu hỏi mỗi lần nhập.")
            return report
        }
        var categories: [String: UUID] = [:]
        for category in try await ContestCategoryRecord.query(on: db).filter(\.$contest.$id == contestID).all() {
            if let id = category.id { categories[category.name] = id }
        }
        for row in rows.dropFirst() {
            let fields = row.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard fields.count >= 7 else {
                report.problems.append("Dòng \(row.line): cần 7 cột (chủ đề, câu hỏi, 4 phương án A–D, đáp án), dòng này có \(fields.count).")
                continue
            }
            let labels = ["Chủ đề", "Câu hỏi", "Phương án A", "Phương án B", "Phương án C", "Phương án D"]
            let limits = [200, 1000, 500, 500, 500, 500]
            if let problem = zip(labels.indices, labels).compactMap({ index, label in
                FieldCheck.text(fields[index], field: "", label: label, required: true, max: limits[index])
            }).first {
                report.problems.append("Dòng \(row.line): \(problem.message)")
                continue
            }
            guard let correct = ["A", "B", "C", "D"].firstIndex(of: fields[6].uppercased()) else {
                report.problems.append("Dòng \(row.line): đáp án phải là A, B, C hoặc D (đang là “\(fields[6])”).")
                continue
            }
            let explanation = fields.count > 7 ? fields[7] : ""
            if let problem = FieldCheck.text(explanation, field: "", label: "Giải thích", required: false, max: 2000) {
                report.problems.append("Dòng \(row.line): \(problem.message)")
                continue
            }
            let options = Array(fields[2...5])
            if Set(options).count < 4 {
                report.problems.append("Dòng \(row.line): bốn phương án phải khác nhau.")
                continue
            }
            let categoryID: UUID
            if let known = categories[fields[0]] {
                categoryID = known
            } else {
                let category = ContestCategoryRecord()
                category.$contest.id = contestID
                category.name = fields[0]
                try await category.create(on: db)
                categoryID = try category.requireID()
                categories[fields[0]] = categoryID
            }
            let existing = try await ContestQuestionRecord.query(on: db).filter(\.$contest.$id == contestID).filter(\.$text == fields[1]).first()
            let question = existing ?? ContestQuestionRecord()
            question.$contest.id = contestID
            question.$category.id = categoryID
            question.text = fields[1]
            question.options = String(decoding: try JSONEncoder().encode(options), as: UTF8.self)
            question.correctOption = correct
            question.explanation = explanation
            try await question.save(on: db)
            if existing == nil { report.created += 1 } else { report.updated += 1 }
        }
        if rows.isEmpty { report.problems.append("Tệp không có dòng nào.") }
        return report
    }
}
