import FluentKit
import Foundation

/// A form posted after its session ended, kept for its author (the ended session's owner) and given
/// back when they open the same page again after signing in. Kept a day at most.
final class StashedForm: Model, @unchecked Sendable {
    static let schema = "form_stashes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "path") var path: String
    /// The form's fields as a JSON object of strings (the CSRF token removed).
    @Field(key: "fields") var fields: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(userID: UUID, path: String, fields: String, createdAt: Date) {
        self.$user.id = userID
        self.path = path
        self.fields = fields
        self.createdAt = createdAt
    }
}

struct FormStash: Sendable {
    let db: any Database
    let now: @Sendable () -> Date
    static let lifetime: TimeInterval = 86_400
    /// Only the newsroom editor's forms are kept: elsewhere a lost form is short to type again.
    static func keeps(path: String) -> Bool {
        path == AdminPage.newArticle.link || (path.hasPrefix(AdminPage.articles.link + "/") && path.split(separator: "/").count == 3)
    }

    func keep(_ fields: [String: String], path: String, for userID: UUID) async throws {
        var kept = fields
        kept[CSRFMiddleware.fieldName] = nil
        let json = String(decoding: try JSONEncoder().encode(kept), as: UTF8.self)
        try await StashedForm.query(on: db).filter(\.$user.$id == userID).filter(\.$path == path).delete()
        try await StashedForm(userID: userID, path: path, fields: json, createdAt: now()).create(on: db)
    }

    /// The fields kept for this user and page, removed as they are handed back.
    func takeBack(path: String, for userID: UUID) async throws -> [String: String]? {
        try await StashedForm.query(on: db).filter(\.$createdAt < now().addingTimeInterval(-Self.lifetime)).delete()
        guard
            let stash = try await StashedForm.query(on: db).filter(\.$user.$id == userID).filter(\.$path == path)
                .sort(\.$createdAt, .descending).first()
        else { return nil }
        try await stash.delete(on: db)
        return try JSONDecoder().decode([String: String].self, from: Data(stash.fields.utf8))
    }
}
