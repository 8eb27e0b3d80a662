import Foundation

/// QR codes for the desk's posting sheets, drawn by Debian's `qrencode` (issue #4): Loa never encodes
/// QR itself. Found on the PATH at start (like ToolReport); without it the sheet prints the address instead.
struct QRCodeGenerator: Sendable {
    let executable: String?

    static func detect(path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") -> QRCodeGenerator {
        let found = path.split(separator: ":").map { "\($0)/qrencode" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        return QRCodeGenerator(executable: found)
    }

    var isAvailable: Bool { executable != nil }

    /// An inline `<svg>` element for the text, or nil when qrencode is missing or fails. The text is
    /// passed as one argument (no shell), and the output is checked to be a bare SVG document.
    func svg(for text: String, label: String) async -> String? {
        guard let executable else { return nil }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("loa-qr-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-t", "SVG", "-l", "M", "-m", "2", "-o", output.path, "--", text]
        process.standardInput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let status: Int32? = await withCheckedContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(returning: nil)
            }
        }
        guard status == 0, let data = try? Data(contentsOf: output), let document = String(data: data, encoding: .utf8),
              let start = document.range(of: "<svg"), !document.localizedCaseInsensitiveContains("<script"),
              !document.localizedCaseInsensitiveContains("<foreignObject")
        else { return nil }
        let element = document[start.lowerBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        // The label is escaped: it is the only text of ours inside the trusted tool output.
        return element.replacingOccurrences(
            of: "<svg", with: "<svg role=\"img\" aria-label=\"\(HTML.escape(label))\" class=\"qr-code\"", options: [.anchored])
    }
}
