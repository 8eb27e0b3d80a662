import FluentKit
import Foundation

/// The spoken version of one article: made from `articleVersion`, listenable only while the article is
/// still at that version.
final class ArticleAudio: Model, @unchecked Sendable {
    static let schema = "article_audio"

    enum Status: String {
        case done, failed
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "article_id") var articleID: UUID
    @Field(key: "article_version") var articleVersion: Int
    @Field(key: "status") var status: String
    @OptionalField(key: "file") var file: String?
    @OptionalField(key: "duration_seconds") var durationSeconds: Double?
    @OptionalField(key: "message") var message: String?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    /// The file to play for `article` as it is now; nil while its audio is missing, failed or older.
    static func current(for article: Article, on db: any Database) async throws -> ArticleAudio? {
        guard let id = article.id,
            let audio = try await ArticleAudio.query(on: db).filter(\.$articleID == id).filter(\.$articleVersion == article.version)
                .filter(\.$status == Status.done.rawValue).first(),
            audio.file != nil
        else { return nil }
        return audio
    }
}
