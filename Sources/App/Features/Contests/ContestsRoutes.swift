// The routes of online contests: their patterns and the typed links to them (issues #9, #12).

extension SiteRoute {
    static let contests = SiteRoute("cuoc-thi")
    static let contest = SiteRoute("cuoc-thi/:contest")
    static let contestRegister = SiteRoute("cuoc-thi/:contest/dang-ky")
    static let contestSignIn = SiteRoute("cuoc-thi/:contest/dang-nhap")
    static let contestSignOut = SiteRoute("cuoc-thi/:contest/dang-xuat")
    static let contestStart = SiteRoute("cuoc-thi/:contest/vong/:round/bat-dau")
    static let contestRoundResults = SiteRoute("cuoc-thi/:contest/vong/:round/ket-qua")
    static let contestAttempt = SiteRoute("cuoc-thi/:contest/bai-thi/:attempt")
    static let contestAnswer = SiteRoute("cuoc-thi/:contest/bai-thi/:attempt/tra-loi")
    static let contestSubmit = SiteRoute("cuoc-thi/:contest/bai-thi/:attempt/nop-bai")
    static let contestAttemptResult = SiteRoute("cuoc-thi/:contest/bai-thi/:attempt/ket-qua")
}

extension SitePage {
    static let contests = SitePage(.contests)
    static func contest(_ slug: String) -> SitePage { SitePage(.contest, ["contest": slug]) }
    static func contestRegister(_ slug: String) -> SitePage { SitePage(.contestRegister, ["contest": slug]) }
    static func contestSignIn(_ slug: String) -> SitePage { SitePage(.contestSignIn, ["contest": slug]) }
    static func contestSignOut(_ slug: String) -> SitePage { SitePage(.contestSignOut, ["contest": slug]) }
    static func contestStart(_ slug: String, round: String) -> SitePage { SitePage(.contestStart, ["contest": slug, "round": round]) }
    static func contestRoundResults(_ slug: String, round: String) -> SitePage {
        SitePage(.contestRoundResults, ["contest": slug, "round": round])
    }
    /// The attempt's page without a question number; `contestAttempt(_:attempt:question:)` names one.
    static func contestAttempt(_ slug: String, attempt: String) -> SitePage {
        SitePage(.contestAttempt, ["contest": slug, "attempt": attempt])
    }

    static func contestAttempt(_ slug: String, attempt: String, question: Int) -> SitePage {
        SitePage(.contestAttempt, ["contest": slug, "attempt": attempt], query: "?cau=\(question)")
    }
    static func contestAnswer(_ slug: String, attempt: String) -> SitePage { SitePage(.contestAnswer, ["contest": slug, "attempt": attempt]) }
    static func contestSubmit(_ slug: String, attempt: String) -> SitePage { SitePage(.contestSubmit, ["contest": slug, "attempt": attempt]) }
    static func contestAttemptResult(_ slug: String, attempt: String) -> SitePage {
        SitePage(.contestAttemptResult, ["contest": slug, "attempt": attempt])
    }
}

extension AdminRoute {
    static let contests = AdminRoute("cuoc-thi")
    static let newContest = AdminRoute("cuoc-thi/moi")
    static let contest = AdminRoute("cuoc-thi/:id")
    static let contestQuestions = AdminRoute("cuoc-thi/:id/cau-hoi")
    static let contestUnitSizes = AdminRoute("cuoc-thi/:id/quan-so")
    static let contestPasswordReset = AdminRoute("cuoc-thi/:id/dat-lai-mat-khau")
    static let contestQuestion = AdminRoute("cuoc-thi/cau-hoi/:id")
    static let newContestRound = AdminRoute("cuoc-thi/:id/vong-moi")
    static let contestRound = AdminRoute("cuoc-thi/vong/:id")
    static let closeContestRound = AdminRoute("cuoc-thi/vong/:id/tong-ket")
    static let contestRankingCSV = AdminRoute("cuoc-thi/vong/:id/xep-hang.csv")
}

extension AdminPage {
    static let contests = AdminPage(.contests)
    static let newContest = AdminPage(.newContest)
    static func contest(id: String) -> AdminPage { AdminPage(.contest, ["id": id]) }
    static func contestQuestions(id: String) -> AdminPage { AdminPage(.contestQuestions, ["id": id]) }
    static func contestUnitSizes(id: String) -> AdminPage { AdminPage(.contestUnitSizes, ["id": id]) }
    static func contestPasswordReset(id: String) -> AdminPage { AdminPage(.contestPasswordReset, ["id": id]) }
    static func contestQuestion(id: String) -> AdminPage { AdminPage(.contestQuestion, ["id": id]) }
    static func newContestRound(id: String) -> AdminPage { AdminPage(.newContestRound, ["id": id]) }
    static func contestRound(id: String) -> AdminPage { AdminPage(.contestRound, ["id": id]) }
    static func closeContestRound(id: String) -> AdminPage { AdminPage(.closeContestRound, ["id": id]) }
    static func contestRankingCSV(id: String) -> AdminPage { AdminPage(.contestRankingCSV, ["id": id]) }
}
