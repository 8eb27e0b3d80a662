import Foundation

/// A question of the bank as the draw sees it.
public struct BankQuestion: Hashable, Sendable {
    public var id: UUID
    public var categoryID: UUID

    public init(id: UUID, categoryID: UUID) {
        self.id = id
        self.categoryID = categoryID
    }
}

/// How many questions a round draws from one category. The name is only for messages.
public struct CategoryQuota: Hashable, Codable, Sendable {
    public var categoryID: UUID
    public var categoryName: String
    public var count: Int

    public init(categoryID: UUID, categoryName: String, count: Int) {
        self.categoryID = categoryID
        self.categoryName = categoryName
        self.count = count
    }
}

/// A drawn question and the order its options are shown in.
public struct DrawnQuestion: Hashable, Codable, Sendable {
    public var questionID: UUID
    /// `optionOrder[shownPosition]` is the option's index in the bank (0..<4). Stored with the attempt.
    public var optionOrder: [Int]

    public init(questionID: UUID, optionOrder: [Int]) {
        self.questionID = questionID
        self.optionOrder = optionOrder
    }

    /// The bank index of the option shown at `shownPosition`, or nil for a position that does not exist.
    public func bankOption(atShownPosition shownPosition: Int) -> Int? {
        optionOrder.indices.contains(shownPosition) ? optionOrder[shownPosition] : nil
    }
}

/// Why a draw is refused.
public enum QuestionDrawProblem: Error, Hashable, Sendable {
    case notEnoughQuestions(categoryName: String, available: Int, required: Int)
    case negativeCount(categoryName: String, count: Int)
    case categoryListedTwice(categoryName: String)
    case emptyRule
    /// The bank lists one question under two categories; drawing from both could repeat it.
    case questionInTwoCategories(questionID: UUID)

    public var message: String {
        switch self {
        case .notEnoughQuestions(let name, let available, let required):
            "Chủ đề “\(name)” chỉ có \(available) câu hỏi trong ngân hàng, không đủ \(required) câu mà vòng thi cần rút."
        case .negativeCount(let name, let count):
            "Số câu rút từ chủ đề “\(name)” không được âm (đang là \(count))."
        case .categoryListedTwice(let name):
            "Chủ đề “\(name)” được khai báo hai lần trong quy tắc rút câu hỏi; hãy gộp thành một dòng."
        case .emptyRule:
            "Quy tắc rút câu hỏi chưa có câu nào; hãy khai báo số câu cho ít nhất một chủ đề."
        case .questionInTwoCategories(let id):
            "Câu hỏi mã \(id.uuidString) nằm trong hai chủ đề của ngân hàng; mỗi câu hỏi chỉ được thuộc một chủ đề."
        }
    }
}

/// A round's draw rule (issue #12: "how many from each category"), applied per attempt.
public struct QuestionDrawRule: Hashable, Codable, Sendable {
    /// Every question has this many options.
    public static let optionCount = 4

    public var quotas: [CategoryQuota]

    public init(quotas: [CategoryQuota]) { self.quotas = quotas }

    public var questionCount: Int { quotas.reduce(0) { $0 + max(0, $1.count) } }

    /// Problems of the rule itself, before any bank is involved (the first one found).
    public func ruleProblem() -> QuestionDrawProblem? {
        var seen: Set<UUID> = []
        for quota in quotas {
            if quota.count < 0 { return .negativeCount(categoryName: quota.categoryName, count: quota.count) }
            if !seen.insert(quota.categoryID).inserted { return .categoryListedTwice(categoryName: quota.categoryName) }
        }
        return questionCount == 0 ? .emptyRule : nil
    }

    /// Draws the attempt's questions: `count` distinct questions from each category, all of them then
    /// shuffled together, each with its options shuffled.
    ///
    /// Deterministic: the same seed, rule and set of bank questions give the same draw, whatever order
    /// the bank is passed in (it is sorted by id first) and whatever Swift version runs it
    /// (`DrawRandom`). A question listed twice in the bank is drawn at most once.
    public func draw(from bank: [BankQuestion], seed: UInt64) -> Result<[DrawnQuestion], QuestionDrawProblem> {
        if let problem = ruleProblem() { return .failure(problem) }
        var byCategory: [UUID: Set<UUID>] = [:]
        var categoryOf: [UUID: UUID] = [:]
        for question in bank {
            if let known = categoryOf.updateValue(question.categoryID, forKey: question.id), known != question.categoryID {
                return .failure(.questionInTwoCategories(questionID: question.id))
            }
            byCategory[question.categoryID, default: []].insert(question.id)
        }
        for quota in quotas {
            let available = byCategory[quota.categoryID]?.count ?? 0
            if available < quota.count {
                return .failure(.notEnoughQuestions(categoryName: quota.categoryName, available: available, required: quota.count))
            }
        }
        var random = DrawRandom(seed: seed)
        var chosen: [UUID] = []
        for quota in quotas where quota.count > 0 {
            var pool = (byCategory[quota.categoryID] ?? []).sorted(by: UUIDOrder.precedes)
            // A partial Fisher–Yates: the first `count` places receive a uniform sample.
            for place in 0..<quota.count {
                pool.swapAt(place, place + random.number(below: pool.count - place))
            }
            chosen.append(contentsOf: pool.prefix(quota.count))
        }
        random.shuffle(&chosen)
        return .success(
            chosen.map { id in
                var order = Array(0..<Self.optionCount)
                random.shuffle(&order)
                return DrawnQuestion(questionID: id, optionOrder: order)
            })
    }
}
