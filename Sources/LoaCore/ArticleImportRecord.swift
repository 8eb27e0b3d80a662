import Foundation

/// One article read from a line of `loa import articles FILE.jsonl`.
public struct ArticleImportRecord: Equatable, Sendable {
    /// The id in the old system, so a re-run of the import updates instead of duplicating.
    public var externalID: String
    /// Site slug.
    public var site: String
    /// Category slug.
    public var category: String
    public var categoryName: String
    public var title: String
    public var summary: String
    /// Markdown.
    public var body: String
    public var author: String
    public var publishedAt: Date
    public var tags: [String]
    /// 1-based line in the file, for error messages.
    public var line: Int

    public init(
        externalID: String, site: String, category: String, categoryName: String, title: String,
        summary: String, body: String, author: String, publishedAt: Date, tags: [String], line: Int
    ) {
        self.externalID = externalID
        self.site = site
        self.category = category
        self.categoryName = categoryName
        self.title = title
        self.summary = summary
        self.body = body
        self.author = author
        self.publishedAt = publishedAt
        self.tags = tags
        self.line = line
    }
}

// `Result` needs an `Error` failure type; declared here so the unit importer's file stays as it was.
extension RecordError: Error {}

/// The back office's limits on an article's text (NewsroomService checks a saved article against them),
/// so an imported article could also have been typed in the editor.
public enum ArticleTextLimits {
    public static let title = 300
    public static let summary = 1_000
    public static let body = 200_000
    public static let author = 120
    public static let tags = 20
    public static let tagLength = 60
    /// Longer lines are skipped unread: even fully escaped, the fields above fit in far less.
    public static let importLineBytes = 8 << 20
}

/// Reads JSONL article exports one line at a time, so a bad line is reported and skipped.
public enum ArticleImportParser {

    /// Required: external_id, site, category, title, body, published_at (ISO 8601 with an
    /// offset or "Z", fractional seconds allowed). Optional: category_name (defaults to
    /// category), summary, author, tags (array of strings; blank tags dropped). Strings are
    /// trimmed; a required string that is blank, or null, counts as missing. Text fields pass the
    /// back office's `FieldCheck` (no control characters but newline, CR and tab; its lengths). Safe to call
    /// from several threads: nothing is shared between calls.
    public static func parse(line: String, number: Int) -> Result<ArticleImportRecord, RecordError> {
        do throws(RecordError) {
            let fields = try ImportFields(json: line, line: number)
            let category = try fields.slug("category")
            return .success(
                ArticleImportRecord(
                    externalID: try fields.checkedRequired("external_id", max: 200),
                    site: try fields.slug("site"),
                    category: category,
                    categoryName: try fields.checked("category_name", max: 200) ?? category,
                    title: try fields.checkedRequired("title", max: ArticleTextLimits.title),
                    summary: try fields.checked("summary", max: ArticleTextLimits.summary) ?? "",
                    body: try fields.checkedRequired("body", max: ArticleTextLimits.body),
                    author: try fields.checked("author", max: ArticleTextLimits.author) ?? "",
                    publishedAt: try fields.date("published_at"),
                    tags: try fields.tags(),
                    line: number))
        } catch {
            return .failure(error)
        }
    }
}

/// Typed access to one JSON object, each failure worded for the command-line report.
private struct ImportFields {
    let values: [String: Any]
    let line: Int

    /// JSONSerialization rather than JSONDecoder: it keeps the parser's message (with the
    /// character position) and needs no per-call decoder set-up.
    init(json: String, line: Int) throws(RecordError) {
        self.line = line
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw RecordError(line: line, message: "invalid JSON: \(detail ?? "\(error)")")
        }
        guard let values = object as? [String: Any] else {
            throw RecordError(line: line, message: "expected a JSON object")
        }
        self.values = values
    }

    func failure(_ message: String) -> RecordError { RecordError(line: line, message: message) }

    /// Trimmed text; nil when absent, null or blank.
    func optional(_ key: String) throws(RecordError) -> String? {
        guard let value = values[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw failure("\"\(key)\" must be a string") }
        let trimmed = text.withoutSurroundingWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }

    func required(_ key: String) throws(RecordError) -> String {
        guard let text = try optional(key) else { throw failure("missing field \"\(key)\"") }
        return text
    }

    /// Slugs become URL paths, so they must already be in the form the site would make.
    func slug(_ key: String) throws(RecordError) -> String {
        let text = try required(key)
        let isSlug = text.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
        guard isSlug else { throw failure("\"\(key)\" is not a slug: \"\(text)\"") }
        return text
    }

    /// The field as `optional`, refused when the back office's `FieldCheck` would refuse it; the
    /// message says which rule and where, so the line can be fixed in the file.
    func checked(_ key: String, max: Int) throws(RecordError) -> String? {
        guard let text = try optional(key) else { return nil }
        if FieldCheck.text(text, field: key, label: key, required: false, max: max) != nil {
            throw failure(Self.reason(text, key: key, max: max))
        }
        return text
    }

    func checkedRequired(_ key: String, max: Int) throws(RecordError) -> String {
        guard let text = try checked(key, max: max) else { throw failure("missing field \"\(key)\"") }
        return text
    }

    static func reason(_ text: String, key: String, max: Int) -> String {
        if let (offset, scalar) = text.unicodeScalars.enumerated().first(where: {
            $0.element.properties.generalCategory == .control && !["\n", "\r", "\t"].contains($0.element)
        }) {
            let code = String(scalar.value, radix: 16, uppercase: true)
            return "\(key) contains the control character U+\(String(repeating: "0", count: Swift.max(0, 4 - code.count)) + code) at code point \(offset + 1)"
        }
        return "\(key) is longer than \(max) characters"
    }

    func date(_ key: String) throws(RecordError) -> Date {
        let text = try required(key)
        guard let date = ISO8601Timestamp.parse(text) else {
            throw failure("\"\(key)\" is not an ISO 8601 date with offset: \"\(text)\"")
        }
        return date
    }

    func tags() throws(RecordError) -> [String] {
        guard let value = values["tags"], !(value is NSNull) else { return [] }
        guard let items = value as? [Any], let tags = items as? [String] else {
            throw failure("\"tags\" must be an array of strings")
        }
        let kept = tags.map { $0.withoutSurroundingWhitespace }.filter { !$0.isEmpty }
        guard kept.count <= ArticleTextLimits.tags else { throw failure("more than \(ArticleTextLimits.tags) tags") }
        for tag in kept where FieldCheck.text(tag, field: "tags", label: "tags", required: false, max: ArticleTextLimits.tagLength) != nil {
            throw failure(Self.reason(tag, key: "tags", max: ArticleTextLimits.tagLength))
        }
        return kept
    }
}
