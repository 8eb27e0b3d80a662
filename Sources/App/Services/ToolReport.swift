import Foundation

/// Optional Debian tools Loa uses when present, detected once at start. Missing ones degrade the
/// feature that needs them, and the system page says which.
struct ToolReport: Sendable {
    struct Tool: Sendable {
        var name: String
        var purpose: String
        var found: Bool
        var status: String { found ? "Có sẵn" : "Chưa cài đặt — chức năng này tạm dùng cách thay thế" }
    }

    var tools: [Tool]

    static let wanted: [(name: String, purpose: String)] = [
        ("vipsthumbnail", "Tạo ảnh nhiều kích thước (libvips)"),
        ("convert", "Tạo ảnh nhiều kích thước (ImageMagick)"),
        ("pdftotext", "Tìm kiếm trong văn bản PDF"),
        ("qrencode", "Mã QR trên bảng niêm yết thủ tục"),
        ("espeak-ng", "Đọc bản tin thành tiếng"),
    ]

    static func detect(path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") -> ToolReport {
        let directories = path.split(separator: ":").map(String.init)
        return ToolReport(tools: wanted.map { tool in
            let found = directories.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool.name)") }
            return Tool(name: tool.name, purpose: tool.purpose, found: found)
        })
    }
}

enum LoaVersion {
    static let current = "0.1.0"
}
