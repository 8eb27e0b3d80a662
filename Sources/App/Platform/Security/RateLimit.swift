import FluentKit
import Foundation
import SQLKit

/// Counts events per key in a sliding window, in the database so every instance sees the same
/// counts (issue #12: registrations per address and per phone number). Approximate under races by
/// design: two requests at the same instant may both pass, which a limit against abuse can afford.
struct RateLimit: Sendable {
    let db: any Database
    let now: Date

    /// Seconds until one more event under `key` is allowed, or nil when it is allowed now.
    func retryAfter(key: String, limit: Int, window: TimeInterval) async throws -> Int? {
        let since = now.addingTimeInterval(-window)
        let rows = try await db.sql.select().column("at").from("rate_events")
            .where("key", .equal, SQLBind(key)).where("at", .greaterThan, SQLBind(since))
            .orderBy("at", .descending).limit(limit).all()
        guard rows.count >= limit, let oldest = try rows.last?.decode(column: "at", as: Date.self) else { return nil }
        return max(1, Int((oldest.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up)))
    }

    /// Records one event under `key` and forgets this key's events older than `window`.
    func record(key: String, window: TimeInterval) async throws {
        try await db.sql.delete(from: "rate_events").where("key", .equal, SQLBind(key))
            .where("at", .lessThanOrEqual, SQLBind(now.addingTimeInterval(-window))).run()
        try await db.sql.insert(into: "rate_events").columns("id", "key", "at")
            .values(SQLBind(UUID()), SQLBind(key), SQLBind(now)).run()
    }

    /// "Thử lại sau …" in Vietnamese, in minutes when it is more than a minute.
    static func message(retryAfter seconds: Int) -> String {
        let wait = seconds > 90 ? "\((seconds + 59) / 60) phút" : "\(seconds) giây"
        return "Có quá nhiều lượt đăng ký trong thời gian ngắn; vui lòng thử lại sau \(wait). Những gì bạn đã nhập vẫn được giữ."
    }
}
