import Foundation

/// A part of a draft people comment on: an article ("Điều 3. …"), a chapter or section heading with
/// its text, or the preamble before the first of them.
public struct DraftSection: Equatable, Sendable {
    public var heading: String
    public var text: String

    public init(heading: String, text: String) {
        self.heading = heading
        self.text = text
    }

    /// Splits a draft's text at its articles, chapters and sections (NĐ 30/2020's "Chương I",
    /// "Mục 1", "Điều 1."), in one pass over its lines. A text without any becomes one section.
    public static func split(_ text: String) -> [DraftSection] {
        var sections: [DraftSection] = []
        var heading = "Phần mở đầu"
        var lines: [String] = []
        func flush() {
            let body = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if !body.isEmpty || heading != "Phần mở đầu" { sections.append(DraftSection(heading: heading, text: body)) }
            lines = []
        }
        for raw in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if isHeading(line) {
                flush()
                heading = String(line.prefix(300))
            } else {
                lines.append(line)
            }
        }
        flush()
        if sections.count == 1, sections[0].heading == "Phần mở đầu" { sections[0].heading = "Toàn văn dự thảo" }
        return sections
    }

    private static func isHeading(_ line: String) -> Bool {
        for word in ["Điều", "Chương", "Mục"] where line.hasPrefix(word + " ") {
            let rest = line.dropFirst(word.count + 1)
            let token = rest.prefix { !$0.isWhitespace && $0 != "." && $0 != ":" }
            guard !token.isEmpty, token.count <= 8, token.allSatisfy(\.isNumber) || token.allSatisfy({ "IVXLC".contains($0) }) else { return false }
            // "Điều 3." opens an article; "Điều 10 quy định…" in running text does not.
            let next = rest.dropFirst(token.count).first
            return next == "." || next == ":" || (word != "Điều" && (next == nil || next?.isWhitespace == true))
        }
        return false
    }
}

/// What a comment's moderation decided: shown with the draft, or not.
public enum CommentModeration: String, CaseIterable, Codable, Sendable {
    case pending, approved, rejected
}

/// How a comment was taken into account, as the summary published with the final text says.
public enum CommentDecision: String, CaseIterable, Codable, Sendable {
    case taken, partlyTaken, notTaken

    public var vietnameseName: String {
        switch self {
        case .taken: "Tiếp thu"
        case .partlyTaken: "Tiếp thu một phần"
        case .notTaken: "Không tiếp thu"
        }
    }

    /// A comment not, or only partly, taken needs the reason why.
    public var needsReason: Bool { self != .taken }
}

/// The rules of a consultation's period and its closing.
public enum ConsultationRules {
    /// Why the period cannot be used, or nil: it must start today or later and last `minimumDays` at least.
    public static func periodProblem(opens: CalendarDay, closes: CalendarDay, today: CalendarDay, minimumDays: Int) -> String? {
        if opens < today { return "Ngày bắt đầu không được trước hôm nay (\(today.vietnamese))." }
        guard let start = opens.date, let end = closes.date else { return "Ngày không hợp lệ." }
        let days = Int((end.timeIntervalSince(start) / 86_400).rounded()) + 1
        if days < minimumDays {
            return "Thời gian lấy ý kiến phải ít nhất \(minimumDays) ngày (từ \(opens.vietnamese) đến \(closes.vietnamese) là \(max(days, 0)) ngày)."
        }
        return nil
    }

    /// Whether comments are taken on `today`.
    public static func isOpen(opens: CalendarDay, closes: CalendarDay, today: CalendarDay) -> Bool { opens <= today && today <= closes }

    /// A comment as the closing rule sees it.
    public struct Comment: Sendable {
        public var moderation: CommentModeration
        public var decision: CommentDecision?
        public var reason: String

        public init(moderation: CommentModeration, decision: CommentDecision?, reason: String) {
            self.moderation = moderation
            self.decision = decision
            self.reason = reason
        }
    }

    /// Why the consultation cannot be closed yet, or nil. Its period must be over, every comment
    /// moderated, every shown comment decided (with a reason when not fully taken), and the summary written.
    public static func closeProblem(closes: CalendarDay, today: CalendarDay, comments: [Comment], summary: String) -> String? {
        if today <= closes { return "Chưa hết thời gian lấy ý kiến (đến hết ngày \(closes.vietnamese))." }
        let pending = comments.count { $0.moderation == .pending }
        if pending > 0 { return "Còn \(pending) góp ý chưa được kiểm duyệt." }
        let shown = comments.filter { $0.moderation == .approved }
        let undecided = shown.count { $0.decision == nil }
        if undecided > 0 { return "Còn \(undecided) góp ý chưa có quyết định tiếp thu." }
        let unexplained = shown.count {
            ($0.decision?.needsReason ?? false) && $0.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        if unexplained > 0 { return "Còn \(unexplained) góp ý không tiếp thu hoặc tiếp thu một phần chưa ghi lý do." }
        if summary.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "Vui lòng viết báo cáo tổng hợp, giải trình, tiếp thu ý kiến." }
        return nil
    }
}
