import Foundation

/// Where an article stands in the newsroom (issue #3).
public enum ArticleState: String, CaseIterable, Codable, Sendable {
    case draft, submitted, returned, scheduled, published, unpublished

    public var vietnameseName: String {
        switch self {
        case .draft: "Bản nháp"
        case .submitted: "Chờ duyệt"
        case .returned: "Trả lại"
        case .scheduled: "Hẹn giờ đăng"
        case .published: "Đã đăng"
        case .unpublished: "Đã gỡ"
        }
    }
}

/// A step a user asks for; `ArticleWorkflow.apply` decides whether it is possible.
public enum ArticleTransition: String, CaseIterable, Sendable {
    case submit, returnToAuthor, publish, unpublish, restoreDraft

    public var vietnameseName: String {
        switch self {
        case .submit: "Gửi duyệt"
        case .returnToAuthor: "Trả lại"
        case .publish: "Đăng"
        case .unpublish: "Gỡ bài"
        case .restoreDraft: "Chuyển về bản nháp"
        }
    }

    /// The permission needed. Returning and unpublishing are editorial decisions, so they
    /// need the same right as publishing; restoring a draft only reopens it for writing.
    public var requiredAction: Action {
        switch self {
        case .submit: .submitForReview
        case .returnToAuthor, .publish, .unpublish: .publish
        case .restoreDraft: .writeDraft
        }
    }

    /// The single source of truth for both `apply` and `transitions(from:)`.
    /// Approvers may publish a draft directly (e.g. their own urgent notice) without a review round.
    fileprivate var sourceStates: Set<ArticleState> {
        switch self {
        case .submit: [.draft, .returned]
        case .returnToAuthor: [.submitted]
        case .publish: [.draft, .submitted, .returned]
        case .unpublish: [.published, .scheduled]
        case .restoreDraft: [.unpublished]
        }
    }
}

/// Why a transition was refused, with a Vietnamese message for the editor's screen.
public struct WorkflowError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case notAllowedFrom(ArticleState), commentRequired, notPermitted, expiryBeforePublication
    }

    public var reason: Reason
    public var message: String
    public var description: String { message }

    init(_ reason: Reason, transition: ArticleTransition) {
        self.reason = reason
        switch reason {
        case .notAllowedFrom(let state):
            message = "Không thể \(transition.vietnameseName.lowercased()) một bài ở trạng thái «\(state.vietnameseName)»."
        case .commentRequired:
            message = "Vui lòng ghi rõ lý do trả lại bài để tác giả biết cần sửa gì."
        case .notPermitted:
            message = "Bạn không có quyền thực hiện thao tác này."
        case .expiryBeforePublication:
            message = "Thời điểm hết hạn phải sau thời điểm đăng bài."
        }
    }
}

/// The newsroom state machine. Pure: the caller loads the article, checks the permission
/// with `PermissionPolicy` and stores the result.
public enum ArticleWorkflow {
    /// Checks, in order: permission (so a contributor pressing "Đăng" is told they lack the
    /// right rather than something about the article's state), source state, the return
    /// comment, and for `.publish` that `expiresAt` is strictly after the publication time
    /// (`publishAt`, or `now` when nil). `expiresAt` is ignored by other transitions.
    public static func apply(
        _ transition: ArticleTransition, to state: ArticleState, allowed: Bool, comment: String?,
        publishAt: Date?, expiresAt: Date?, now: Date
    ) -> Result<ArticleState, WorkflowError> {
        func refuse(_ reason: WorkflowError.Reason) -> Result<ArticleState, WorkflowError> {
            .failure(WorkflowError(reason, transition: transition))
        }
        guard allowed else { return refuse(.notPermitted) }
        guard transition.sourceStates.contains(state) else { return refuse(.notAllowedFrom(state)) }
        switch transition {
        case .submit: return .success(.submitted)
        case .returnToAuthor:
            let trimmed = (comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? refuse(.commentRequired) : .success(.returned)
        case .publish:
            let publicationTime = publishAt ?? now
            if let expiresAt, expiresAt <= publicationTime { return refuse(.expiryBeforePublication) }
            return .success(publicationTime > now ? .scheduled : .published)
        case .unpublish: return .success(.unpublished)
        case .restoreDraft: return .success(.draft)
        }
    }

    /// What the public sees at `now`. No background job flips scheduled articles, so every
    /// public query goes through this. An article is visible from `publishAt` (nil = already
    /// due) up to but excluding `expiresAt`.
    public static func effectiveState(_ state: ArticleState, publishAt: Date?, expiresAt: Date?, now: Date) -> ArticleState {
        let expired = expiresAt.map { $0 <= now } ?? false
        switch state {
        case .scheduled:
            if let publishAt, publishAt > now { return .scheduled }
            return expired ? .unpublished : .published
        case .published:
            return expired ? .unpublished : .published
        case .draft, .submitted, .returned, .unpublished:
            return state
        }
    }

    /// Transitions available from a state, in `allCases` order (for showing buttons).
    public static func transitions(from state: ArticleState) -> [ArticleTransition] {
        ArticleTransition.allCases.filter { $0.sourceStates.contains(state) }
    }
}
