import Foundation
import LoaCore
import Testing

private let now = Date(timeIntervalSince1970: 1_714_527_000)  // 2024-05-01 08:30 +07:00
private let hourLater = now.addingTimeInterval(3_600)
private let hourEarlier = now.addingTimeInterval(-3_600)

struct WorkflowCase: Sendable, CustomTestStringConvertible {
    let transition: ArticleTransition
    let from: ArticleState
    /// nil: refused with `.notAllowedFrom(from)`.
    let to: ArticleState?
    var testDescription: String { "\(transition) from \(from) → \(to.map(\.rawValue) ?? "refused")" }
}

/// Every transition × every state, permission granted, a comment given, publishing now.
private let workflowCases: [WorkflowCase] = [
    WorkflowCase(transition: .submit, from: .draft, to: .submitted),
    WorkflowCase(transition: .submit, from: .submitted, to: nil),
    WorkflowCase(transition: .submit, from: .returned, to: .submitted),
    WorkflowCase(transition: .submit, from: .scheduled, to: nil),
    WorkflowCase(transition: .submit, from: .published, to: nil),
    WorkflowCase(transition: .submit, from: .unpublished, to: nil),

    WorkflowCase(transition: .returnToAuthor, from: .draft, to: nil),
    WorkflowCase(transition: .returnToAuthor, from: .submitted, to: .returned),
    WorkflowCase(transition: .returnToAuthor, from: .returned, to: nil),
    WorkflowCase(transition: .returnToAuthor, from: .scheduled, to: nil),
    WorkflowCase(transition: .returnToAuthor, from: .published, to: nil),
    WorkflowCase(transition: .returnToAuthor, from: .unpublished, to: nil),

    WorkflowCase(transition: .publish, from: .draft, to: .published),
    WorkflowCase(transition: .publish, from: .submitted, to: .published),
    WorkflowCase(transition: .publish, from: .returned, to: .published),
    WorkflowCase(transition: .publish, from: .scheduled, to: nil),
    WorkflowCase(transition: .publish, from: .published, to: nil),
    WorkflowCase(transition: .publish, from: .unpublished, to: nil),

    WorkflowCase(transition: .unpublish, from: .draft, to: nil),
    WorkflowCase(transition: .unpublish, from: .submitted, to: nil),
    WorkflowCase(transition: .unpublish, from: .returned, to: nil),
    WorkflowCase(transition: .unpublish, from: .scheduled, to: .unpublished),
    WorkflowCase(transition: .unpublish, from: .published, to: .unpublished),
    WorkflowCase(transition: .unpublish, from: .unpublished, to: nil),

    WorkflowCase(transition: .restoreDraft, from: .draft, to: nil),
    WorkflowCase(transition: .restoreDraft, from: .submitted, to: nil),
    WorkflowCase(transition: .restoreDraft, from: .returned, to: nil),
    WorkflowCase(transition: .restoreDraft, from: .scheduled, to: nil),
    WorkflowCase(transition: .restoreDraft, from: .published, to: nil),
    WorkflowCase(transition: .restoreDraft, from: .unpublished, to: .draft),
]

private func apply(
    _ transition: ArticleTransition, to state: ArticleState, allowed: Bool = true,
    comment: String? = "Cần bổ sung nguồn tin.", publishAt: Date? = nil, expiresAt: Date? = nil
) -> Result<ArticleState, WorkflowError> {
    ArticleWorkflow.apply(
        transition, to: state, allowed: allowed, comment: comment,
        publishAt: publishAt, expiresAt: expiresAt, now: now)
}

private func reason(_ result: Result<ArticleState, WorkflowError>) -> WorkflowError.Reason? {
    if case .failure(let error) = result { return error.reason }
    return nil
}

@Suite struct ArticleWorkflowTests {
    @Test func tableCoversEveryTransitionAndState() {
        let pairs = Set(workflowCases.map { "\($0.transition)-\($0.from)" })
        #expect(pairs.count == workflowCases.count)
        #expect(workflowCases.count == ArticleTransition.allCases.count * ArticleState.allCases.count)
    }

    @Test(arguments: workflowCases)
    func transitionTable(_ testCase: WorkflowCase) {
        let result = apply(testCase.transition, to: testCase.from)
        if let expected = testCase.to {
            #expect(result == .success(expected))
        } else {
            #expect(reason(result) == .notAllowedFrom(testCase.from))
        }
    }

    @Test(arguments: workflowCases)
    func buttonsMatchTheTable(_ testCase: WorkflowCase) {
        let offered = ArticleWorkflow.transitions(from: testCase.from).contains(testCase.transition)
        #expect(offered == (testCase.to != nil))
    }

    @Test func buttonsPerState() {
        #expect(ArticleWorkflow.transitions(from: .draft) == [.submit, .publish])
        #expect(ArticleWorkflow.transitions(from: .submitted) == [.returnToAuthor, .publish])
        #expect(ArticleWorkflow.transitions(from: .returned) == [.submit, .publish])
        #expect(ArticleWorkflow.transitions(from: .scheduled) == [.unpublish])
        #expect(ArticleWorkflow.transitions(from: .published) == [.unpublish])
        #expect(ArticleWorkflow.transitions(from: .unpublished) == [.restoreDraft])
    }

    @Test func permissionIsCheckedBeforeState() {
        for transition in ArticleTransition.allCases {
            for state in ArticleState.allCases {
                #expect(reason(apply(transition, to: state, allowed: false)) == .notPermitted)
            }
        }
        // A contributor pressing "Đăng" on an already published article hears about rights.
        guard case .failure(let error) = apply(.publish, to: .published, allowed: false) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.message == "Bạn không có quyền thực hiện thao tác này.")
        #expect(error.description == error.message)
    }

    @Test func notAllowedMessageNamesTheStepAndState() {
        guard case .failure(let error) = apply(.submit, to: .published) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.message == "Không thể gửi duyệt một bài ở trạng thái «Đã đăng».")
        guard case .failure(let restore) = apply(.restoreDraft, to: .submitted) else {
            Issue.record("expected a failure")
            return
        }
        #expect(restore.message == "Không thể chuyển về bản nháp một bài ở trạng thái «Chờ duyệt».")
    }

    @Test func returningNeedsAComment() {
        #expect(reason(apply(.returnToAuthor, to: .submitted, comment: nil)) == .commentRequired)
        #expect(reason(apply(.returnToAuthor, to: .submitted, comment: "")) == .commentRequired)
        #expect(reason(apply(.returnToAuthor, to: .submitted, comment: " \n\t ")) == .commentRequired)
        #expect(apply(.returnToAuthor, to: .submitted, comment: " Sai tên xã ") == .success(.returned))
        // Other transitions do not need one.
        #expect(apply(.submit, to: .draft, comment: nil) == .success(.submitted))
    }

    @Test func publishTimeDecidesScheduledOrPublished() {
        #expect(apply(.publish, to: .submitted, publishAt: hourLater) == .success(.scheduled))
        #expect(apply(.publish, to: .submitted, publishAt: now) == .success(.published))
        #expect(apply(.publish, to: .draft, publishAt: hourEarlier) == .success(.published))
        #expect(apply(.publish, to: .returned, publishAt: nil) == .success(.published))
    }

    @Test func expiryMustFollowPublication() {
        #expect(reason(apply(.publish, to: .submitted, expiresAt: hourEarlier)) == .expiryBeforePublication)
        #expect(reason(apply(.publish, to: .submitted, expiresAt: now)) == .expiryBeforePublication)
        #expect(
            reason(apply(.publish, to: .submitted, publishAt: hourLater, expiresAt: now.addingTimeInterval(1_800)))
                == .expiryBeforePublication)
        #expect(
            apply(.publish, to: .submitted, publishAt: hourLater, expiresAt: hourLater.addingTimeInterval(1))
                == .success(.scheduled))
        #expect(apply(.publish, to: .submitted, expiresAt: hourLater) == .success(.published))
        guard case .failure(let error) = apply(.publish, to: .draft, expiresAt: hourEarlier) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.message == "Thời điểm hết hạn phải sau thời điểm đăng bài.")
    }

    @Test func effectiveStateAtNow() {
        let cases: [(ArticleState, Date?, Date?, ArticleState)] = [
            (.scheduled, hourLater, nil, .scheduled),
            (.scheduled, now, nil, .published),
            (.scheduled, hourEarlier, hourLater, .published),
            (.scheduled, hourEarlier, now, .unpublished),
            (.scheduled, nil, nil, .published),
            (.published, hourEarlier, nil, .published),
            (.published, hourEarlier, hourLater, .published),
            (.published, hourEarlier, now, .unpublished),
            (.published, nil, hourEarlier, .unpublished),
            (.draft, hourEarlier, nil, .draft),
            (.submitted, hourEarlier, nil, .submitted),
            (.returned, nil, hourEarlier, .returned),
            (.unpublished, hourEarlier, hourLater, .unpublished),
        ]
        for (state, publishAt, expiresAt, expected) in cases {
            let effective = ArticleWorkflow.effectiveState(state, publishAt: publishAt, expiresAt: expiresAt, now: now)
            #expect(effective == expected, "\(state) publishAt \(String(describing: publishAt)) expiresAt \(String(describing: expiresAt))")
        }
    }

    @Test func requiredActions() {
        #expect(ArticleTransition.submit.requiredAction == .submitForReview)
        #expect(ArticleTransition.returnToAuthor.requiredAction == .publish)
        #expect(ArticleTransition.publish.requiredAction == .publish)
        #expect(ArticleTransition.unpublish.requiredAction == .publish)
        #expect(ArticleTransition.restoreDraft.requiredAction == .writeDraft)
    }

    @Test func vietnameseNames() {
        #expect(
            ArticleState.allCases.map(\.vietnameseName)
                == ["Bản nháp", "Chờ duyệt", "Trả lại", "Hẹn giờ đăng", "Đã đăng", "Đã gỡ"])
        #expect(
            ArticleTransition.allCases.map(\.vietnameseName)
                == ["Gửi duyệt", "Trả lại", "Đăng", "Gỡ bài", "Chuyển về bản nháp"])
    }
}
