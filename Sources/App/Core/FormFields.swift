import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body as a dictionary. The last value of a repeated field wins.
struct FormFields: Sendable {
    private var values: [String: String] = [:]

    init(body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawKey = parts.first, let key = Self.decode(rawKey) else { continue }
            values[key] = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
        }
    }

    init(_ values: [String: String]) { self.values = values }

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
