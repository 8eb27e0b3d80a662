import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// One question of the bank edited in place (issue #12): a typo found after the import is fixed
/// without a new CSV. The question keeps its id, so attempts that drew it show the corrected text,
/// and a round's ranking, computed at its close, scores by the right option as it stands then.
extension AdminContestsController {
    struct QuestionForm: Sendable {
        struct Option: Sendable { var letter, value: String }
        var shell: AdminShell
        var heading, contestTitle, backHref, action: String
        var canManage, saved: Bool
        /// Submitted attempts that drew the question (nil when none): changing the right option re-scores them.
        var submittedWithIt: Int?
        /// After a save that changed scores: the rounds whose scores changed.
        var rescored: [String]
        var hasRescored: Bool
        var categories: [SelectOption]
        var text, explanation: String
        var options: [Option]
        var corrects: [SelectOption]
        var errors: [FieldProblem]
    }

    static let optionLetters = ["A", "B", "C", "D"]

    private func question(_ context: AppRequestContext, _ action: Action) async throws -> (ContestRecord, ContestQuestionRecord) {
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)), let question = try await ContestQuestionRecord.find(id, on: db)
        else { throw AppError.notFound }
        return (try await contest(id: question.$contest.id, context, action), question)
    }

    func questionForm(_ context: AppRequestContext) async throws -> Response {
        let (contest, question) = try await question(context, .readContent)
        let options = question.optionList
        var fields = [
            "category": question.$category.id.uuidString, "text": question.text, "explanation": question.explanation,
            "correct": Self.optionLetters.indices.contains(question.correctOption) ? Self.optionLetters[question.correctOption] : "",
        ]
        for (index, letter) in Self.optionLetters.enumerated() { fields["option_\(letter)"] = options.indices.contains(index) ? options[index] : "" }
        return try await questionPage(context, contest: contest, question: question, fields: fields, errors: [], saved: false)
    }

    func saveQuestion(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (contest, question) = try await question(context, .managePlans)
        let form = try await FormFields.from(request, context: context)
        var fields: [String: String] = [:]
        for name in ["category", "text", "explanation", "correct"] + Self.optionLetters.map({ "option_\($0)" }) {
            fields[name] = String(form.text(name).trimmingCharacters(in: .whitespacesAndNewlines).prefix(2100))
        }
        var problems = [FieldCheck.text(fields["text"], field: "text", label: "Câu hỏi", required: true, max: 1000)].compactMap { $0 }
        for letter in Self.optionLetters {
            if let problem = FieldCheck.text(fields["option_\(letter)"], field: "option_\(letter)", label: "Phương án \(letter)", required: true, max: 500) {
                problems.append(problem)
            }
        }
        let options = Self.optionLetters.map { fields["option_\($0)"] ?? "" }
        if problems.isEmpty, Set(options).count < options.count {
            problems.append(FieldProblem(field: "option_A", message: "Bốn phương án phải khác nhau."))
        }
        if let problem = FieldCheck.text(fields["explanation"], field: "explanation", label: "Giải thích", required: false, max: 2000) {
            problems.append(problem)
        }
        let correct = Self.optionLetters.firstIndex(of: fields["correct"] ?? "")
        if correct == nil { problems.append(FieldProblem(field: "correct", message: "Vui lòng chọn đáp án đúng (A, B, C hoặc D).")) }
        let contestID = try contest.requireID()
        let category = try await fields["category"].flatMap(UUID.init(uuidString:)).asyncFlatMap { id in
            try await ContestCategoryRecord.query(on: db).filter(\.$id == id).filter(\.$contest.$id == contestID).first()
        }
        if category == nil { problems.append(FieldProblem(field: "category", message: "Vui lòng chọn một chủ đề của cuộc thi này.")) }
        guard problems.isEmpty, let correct, let category else {
            return try await questionPage(context, contest: contest, question: question, fields: fields, errors: problems, saved: false)
        }
        question.$category.id = try category.requireID()
        question.text = fields["text"] ?? ""
        question.options = String(decoding: try JSONEncoder().encode(options), as: UTF8.self)
        let rightOptionChanged = question.correctOption != correct
        question.correctOption = correct
        question.explanation = fields["explanation"] ?? ""
        let questionID = try question.requireID()
        let attempts = ContestAttempts(db: db, now: clients.now)
        let rescoredRounds = try await changingContests { db in
            try await question.save(on: db)
            return rightOptionChanged ? try await attempts.rescore(drawing: questionID, contestID: contestID, on: db) : []
        }
        let rounds = try await ContestRoundRecord.query(on: db).filter(\.$contest.$id == contestID).sort(\.$opensAt).all()
        let rescored = rounds.filter { round in round.id.map(rescoredRounds.contains) ?? false }.map { round in
            round.rankedAt == nil ? round.name : "\(round.name) (đã tổng kết: cần tổng kết lại để xếp hạng theo điểm mới)"
        }
        return try await questionPage(context, contest: contest, question: question, fields: fields, errors: [], saved: true, rescored: rescored)
    }

    /// How many submitted attempts of the contest drew the question.
    private func submittedAttempts(drawing question: ContestQuestionRecord, contestID: UUID) async throws -> Int {
        let questionID = try question.requireID()
        let rounds = try await ContestRoundRecord.query(on: db).filter(\.$contest.$id == contestID).all().compactMap(\.id)
        guard !rounds.isEmpty else { return 0 }
        return try await ContestAttemptRecord.query(on: db).filter(\.$round.$id ~~ rounds).filter(\.$submittedAt != nil)
            .filter(\.$questions, .contains(inverse: false, .anywhere), questionID.uuidString).all()
            .count { $0.drawn.contains { $0.questionID == questionID } }
    }

    private func questionPage(
        _ context: AppRequestContext, contest: ContestRecord, question: ContestQuestionRecord, fields: [String: String], errors: [FieldProblem], saved: Bool,
        rescored: [String] = []
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try await UnitTree.load(on: db)
        let categories = try await ContestCategoryRecord.query(on: db).filter(\.$contest.$id == contest.requireID()).sort(\.$name).all()
        let page = QuestionForm(
            shell: AdminShell(identity: identity, title: "Sửa câu hỏi", current: .contests), heading: "Sửa câu hỏi", contestTitle: contest.title,
            backHref: AdminPage.contest(id: try contest.requireID().uuidString).link,
            action: AdminPage.contestQuestion(id: try question.requireID().uuidString).link,
            canManage: identity.can(.managePlans, in: tree, unit: contest.$unit.id), saved: saved,
            submittedWithIt: try await submittedAttempts(drawing: question, contestID: contest.requireID()).nonZero, rescored: rescored,
            hasRescored: !rescored.isEmpty,
            categories: categories.map { category in
                SelectOption(value: category.id?.uuidString ?? "", label: category.name, selected: category.id?.uuidString == fields["category"])
            },
            text: fields["text"] ?? "", explanation: fields["explanation"] ?? "",
            options: Self.optionLetters.map { .init(letter: $0, value: fields["option_\($0)"] ?? "") },
            corrects: Self.optionLetters.map { SelectOption(value: $0, label: $0, selected: $0 == fields["correct"]) }, errors: errors)
        return try renderer.response(page, template: "admin/contest-question", status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

extension Int {
    fileprivate var nonZero: Int? { self == 0 ? nil : self }
}

extension Optional {
    /// `flatMap` for an async transform.
    fileprivate func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
