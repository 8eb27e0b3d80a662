import Foundation
import HummingbirdTesting
import Testing

/// Compares text with `__Snapshots__/<name>.txt`. A missing snapshot is written and the test fails,
/// so a new snapshot is always looked at once before it is committed. `LOA_RECORD_SNAPSHOTS=1` rewrites.
func assertSnapshot(_ text: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent("\(name).txt")
    let record = ProcessInfo.processInfo.environment["LOA_RECORD_SNAPSHOTS"] == "1"
    guard !record, let stored = try? String(contentsOf: file, encoding: .utf8) else {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        Issue.record("Snapshot \(name) recorded at \(file.path); check it and run again.", sourceLocation: sourceLocation)
        return
    }
    if stored != text {
        let mismatch = zip(stored.split(separator: "\n", omittingEmptySubsequences: false), text.split(separator: "\n", omittingEmptySubsequences: false))
            .enumerated().first { $0.element.0 != $0.element.1 }
        let detail = mismatch.map { "line \($0.offset + 1):\n  stored: \($0.element.0)\n  actual: \($0.element.1)" } ?? "lengths differ"
        Issue.record("Snapshot \(name) differs at \(detail)", sourceLocation: sourceLocation)
    }
}

/// Ids made at random (UUIDs of rows and media) and the ETags that hash them become `<id-1>`, `<id-2>`…
/// in order of first appearance, so a whole page compares across runs while its links still show
/// which ids are the same.
func normalizingIDs(_ text: String) -> String {
    var names: [String: String] = [:]
    var result = ""
    var rest = Substring(text)
    let pattern = /[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/
    while let match = rest.firstMatch(of: pattern) {
        result += rest[..<match.range.lowerBound]
        let key = match.output.lowercased()
        if names[key] == nil { names[key] = "<id-\(names.count + 1)>" }
        result += names[key]!
        rest = rest[match.range.upperBound...]
    }
    result += rest
    return result.replacing(/etag: "[0-9a-f]+"/, with: "etag: \"<etag>\"")
}

extension TestResponse {
    /// Status line and headers (sorted; volatile ones left out), then the body when asked.
    func snapshotText(request: String, includeBody: Bool) -> String {
        let headerLines = headers.map { "\($0.name.canonicalName): \($0.name == .setCookie ? Self.normalizedCookie($0.value) : $0.value)" }
            .filter { !$0.hasPrefix("date:") }
            .sorted()
        return ([">>> \(request)", "<<< \(status.code)"] + headerLines + (includeBody ? ["", text] : [])).joined(separator: "\n")
    }

    /// Hummingbird keeps cookie attributes in a dictionary, so their order varies: sort them.
    static func normalizedCookie(_ value: String) -> String {
        let parts = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = parts.first else { return value }
        return ([first] + parts.dropFirst().sorted()).joined(separator: "; ")
    }
}
