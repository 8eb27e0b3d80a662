import FluentKit
import Foundation
import LoaCore

/// A line whose external_id is already in the database (issue #8, item 8): the article keeps its place
/// in the workflow, so a withdrawn article stays withdrawn and out of search, and a change of its text
/// is a revision like an editor's save, so what the import overwrote can be compared and restored.
extension ArticleImporter {
    static let revisionEditor = "loa import"

    func reimport(_ record: ArticleImportRecord, into article: Article, categoryID: UUID?, oldTags: [String], on db: any Database) async throws {
        let id = try article.requireID()
        let before = ArticleContent(
            title: article.title, summary: article.summary, body: article.body, authorName: article.authorName,
            categoryID: article.$category.id, tags: oldTags)
        let after = ArticleContent(
            title: record.title, summary: record.summary, body: record.body, authorName: record.author,
            categoryID: categoryID, tags: Self.distinctTags(record.tags).map(\.name))
        // Only a published article takes the file's date; a scheduled one keeps the time an approver chose.
        if article.status == ArticleState.published.rawValue { article.publishedAt = record.publishedAt }
        let changed = !Self.sameText(before, after)
        if changed {
            article.title = after.title
            article.summary = after.summary
            article.body = after.body
            article.authorName = after.authorName
            article.$category.id = categoryID
            article.version += 1  // an editor who opened the old text is refused instead of overwriting this
        }
        if article.hasChanges { try await article.save(on: db) }
        guard changed else { return }
        let last = try await ArticleRevision.query(on: db).filter(\.$article.$id == id).max(\.$number)
        var number = (last ?? 0) + 1
        if last == nil {
            // Imported articles start without history; keep the text this import replaces.
            try await ArticleRevision(
                articleID: id, number: number, content: before, editorID: nil, editorName: Self.revisionEditor,
                note: "Bản trước khi nhập lại", at: clients.now()
            ).create(on: db)
            number += 1
        }
        try await ArticleRevision(
            articleID: id, number: number, content: after, editorID: nil, editorName: Self.revisionEditor,
            note: "Nhập lại từ tệp (dòng \(record.line))", at: clients.now()
        ).create(on: db)
    }

    /// Tags compare as a set: the database keeps no order for them.
    private static func sameText(_ a: ArticleContent, _ b: ArticleContent) -> Bool {
        a.title == b.title && a.summary == b.summary && a.body == b.body && a.authorName == b.authorName
            && a.categoryID == b.categoryID && Set(a.tags) == Set(b.tags)
    }
}
