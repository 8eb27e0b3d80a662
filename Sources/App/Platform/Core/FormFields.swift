import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body as a dictionary. The last value of a repeated field wins;
/// `list(_:)` gives all of them (a `<select multiple>`).
struct FormFields: Sendable {
    private var values: [String: String] = [:]
    private var lists: [String: [String]] = [:]

    init(body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawKey = parts.first, let key = Self.decode(rawKey) else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
            values[key] = value
            lists[key, default: []].append(value)
        }
    }

    init(_ values: [String: String]) {
        self.values = values
        lists = values.mapValues { [$0] }
    }

    func list(_ name: String) -> [String] { lists[name] ?? [] }

    subscript(_ name: String) -> String? { values[name] }

    /// Every field, for keeping a form whole (FormStash).
    var all: [String: String] { values }

    /// Trimmed value, or "" when absent.
    func text(_ name: String) -> String { values[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }

    private static func decode(_ raw: Substring) -> String? {
        raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    static func from(_ request: Request, context: some RequestContext) async throws -> FormFields {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return FormFields(body: String(buffer: buffer))
    }
}
