import FluentKit
import Foundation

/// What a question names: a procedure of the catalogue or a document of the site's library. The form
/// carries it as `thu-tuc:<code>` or `van-ban:<slug>`, set by the "ask about this" links of those pages,
/// and the server reads it again on sending, so a forged value names nothing.
struct FeedbackSubject: Sendable, Equatable {
    enum Kind: String, Sendable { case procedure, document }
    var kind: Kind
    var ref: String
    var title: String

    var formValue: String { (kind == .procedure ? "thu-tuc:" : "van-ban:") + ref }

    func href(_ mount: SiteMount) -> String {
        mount.path(kind == .procedure ? .procedure(code: ref) : .document(slug: ref))
    }

    /// The subject `value` names on `siteID`, or nil when it names nothing that exists.
    static func resolve(_ value: String, siteID: UUID, on db: any Database) async throws -> FeedbackSubject? {
        guard value.utf8.count <= 200, let colon = value.firstIndex(of: ":") else { return nil }
        let ref = String(value[value.index(after: colon)...])
        switch value[..<colon] {
        case "thu-tuc":
            guard let procedure = try await Procedure.query(on: db).filter(\.$code == ref).first() else { return nil }
            return FeedbackSubject(kind: .procedure, ref: ref, title: "Thủ tục \(procedure.name) (\(procedure.code))")
        case "van-ban":
            guard let document = try await Document.query(on: db).filter(\.$slug == ref).filter(\.$site.$id == siteID).first() else { return nil }
            return FeedbackSubject(kind: .document, ref: ref, title: "\(document.form) số \(document.number): \(document.summary)")
        default:
            return nil
        }
    }

    init(kind: Kind, ref: String, title: String) {
        self.kind = kind
        self.ref = ref
        self.title = title
    }

    /// The subject stored on an item, if any.
    init?(_ item: FeedbackItemRecord) {
        guard let kind = Kind(rawValue: item.subjectKind) else { return nil }
        self.init(kind: kind, ref: item.subjectRef, title: item.subjectTitle)
    }
}
