import Foundation

/// QR codes for the desk's posting sheets, drawn by Debian's `qrencode` (issue #4): Loa never encodes
/// QR itself. Without it the sheet prints the address instead.
struct QRCodeGenerator: Sendable {
    let tool: ExternalTool

    init(executable: String?) { tool = ExternalTool(executable: executable) }

    static func detect() -> QRCodeGenerator { QRCodeGenerator(executable: ExternalTool.detect("qrencode").executable) }

    var isAvailable: Bool { tool.isAvailable }

    /// An inline `<svg>` element for the text, or nil when qrencode is missing or fails. The output is
    /// checked to be a bare SVG drawing before it is trusted into a page.
    func svg(for text: String, label: String) async -> String? {
        guard let data = await tool.output({ ["-t", "SVG", "-l", "M", "-m", "2", "-o", $0, "--", text] }, extension: "svg"),
            let document = String(data: data, encoding: .utf8), let start = document.range(of: "<svg"),
            !document.localizedCaseInsensitiveContains("<script"), !document.localizedCaseInsensitiveContains("<foreignObject")
        else { return nil }
        let element = document[start.lowerBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        // The label is escaped: it is the only text of ours inside the trusted tool output.
        return element.replacingOccurrences(
            of: "<svg", with: "<svg role=\"img\" aria-label=\"\(HTML.escape(label))\" class=\"qr-code\"", options: [.anchored])
    }
}

/// The text layer of a PDF, read by Debian's `pdftotext` (poppler-utils) for document search (issue #4).
/// Without it, or for a scanned PDF without text, search covers the number and summary only.
struct PDFTextExtractor: Sendable {
    let tool: ExternalTool

    /// A PDF's text is at most a few MB; a file that needs more memory or time than this to give it up
    /// is hostile or broken, and is kept without its text.
    static let limits = ExternalTool.Limits(timeout: 30, memoryBytes: 512 << 20, outputBytes: 16 << 20)

    static func detect() -> PDFTextExtractor { PDFTextExtractor(tool: ExternalTool.detect("pdftotext", limits: limits)) }

    var isAvailable: Bool { tool.isAvailable }

    func text(ofPDFAt path: String) async -> String? {
        guard let data = await tool.output({ ["-enc", "UTF-8", "-q", path, $0] }, extension: "txt", maxBytes: 2 << 20) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : String(text.prefix(500_000))
    }
}
