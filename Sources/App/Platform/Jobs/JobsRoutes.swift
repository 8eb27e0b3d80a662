// The back office's view of the job queue (issue #10).

extension AdminRoute {
    static let jobs = AdminRoute("he-thong/cong-viec")
    static let retryJob = AdminRoute("he-thong/cong-viec/:id/chay-lai")
}

extension AdminPage {
    static let jobs = AdminPage(.jobs)
    static func retryJob(id: String) -> AdminPage { AdminPage(.retryJob, ["id": id]) }
}
