import FluentKit
import Foundation
import LoaCore

/// A document of the library (văn bản, issue #4).
final class Document: Model, @unchecked Sendable {
    static let schema = "documents"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: Site
    @Field(key: "slug") var slug: String
    /// Kế hoạch, Quyết định, Công văn, Báo cáo, Thông báo…
    @Field(key: "form") var form: String
    /// Số/ký hiệu, e.g. `125/KH-UBND`.
    @Field(key: "number") var number: String
    @Field(key: "issuing_body") var issuingBody: String
    @OptionalField(key: "signer") var signer: String?
    /// `yyyy-MM-dd`.
    @Field(key: "issued_on") var issuedOn: String
    @OptionalField(key: "effective_on") var effectiveOn: String?
    @OptionalField(key: "expires_on") var expiresOn: String?
    /// Trích yếu.
    @Field(key: "summary") var summary: String
    @OptionalField(key: "sector") var sector: String?
    /// A legal document must be on the portal within 2 working days of issue (NĐ 43/2011 Art. 17).
    @Field(key: "is_legal") var isLegal: Bool
    /// The day it was put on the portal, `yyyy-MM-dd`.
    @Field(key: "posted_on") var postedOn: String
    @Field(key: "search_text") var searchText: String
    @Children(for: \.$document) var files: [DocumentFile]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var issuedDay: CalendarDay? { CalendarDay(iso: issuedOn) }
    var year: Int? { issuedDay?.year }

    /// Recomputes the folded search text from the metadata and the files' text layers.
    func index(fileTexts: [String]) {
        searchText = VietnameseText.fold(([number, summary, issuingBody, form, sector ?? "", signer ?? ""] + fileTexts).joined(separator: " "))
    }
}

final class DocumentFile: Model, @unchecked Sendable {
    static let schema = "document_files"

    @ID(key: .id) var id: UUID?
    @Parent(key: "document_id") var document: Document
    /// The uploaded name, cleaned (`SafeFileName`): shown and offered as the download name, never a path.
    @Field(key: "display_name") var displayName: String
    /// A generated name under `uploads/documents/`.
    @Field(key: "stored_name") var storedName: String
    @Field(key: "kind") var kind: String
    @Field(key: "size") var size: Int
    /// The PDF's text layer (pdftotext), when there is one.
    @OptionalField(key: "text") var text: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(documentID: UUID, displayName: String, storedName: String, kind: DocumentFileKind, size: Int, text: String?) {
        $document.id = documentID
        self.displayName = displayName
        self.storedName = storedName
        self.kind = kind.rawValue
        self.size = size
        self.text = text
    }

    var fileKind: DocumentFileKind? { DocumentFileKind(rawValue: kind) }
}

/// A relation of a document: to another document it replaces or amends, or to an article or a procedure.
final class DocumentLink: Model, @unchecked Sendable {
    static let schema = "document_links"

    enum Relation: String, CaseIterable { case replaces = "thay-the", amends = "sua-doi", article = "tin-bai", procedure = "thu-tuc" }

    @ID(key: .id) var id: UUID?
    @Parent(key: "document_id") var document: Document
    @Field(key: "relation") var relation: String
    @OptionalParent(key: "target_document_id") var targetDocument: Document?
    @OptionalParent(key: "target_article_id") var targetArticle: Article?
    @OptionalParent(key: "target_procedure_id") var targetProcedure: Procedure?

    init() {}
}
