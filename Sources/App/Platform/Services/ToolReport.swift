import Foundation

/// Optional Debian tools Loa uses when present, detected once at start. Missing ones degrade the
/// feature that needs them, and the system page says which.
struct ToolReport: Sendable {
    struct Tool: Sendable {
        var name: String
        var purpose: String
        /// Full path when found on PATH.
        var path: String?
        var found: Bool { path != nil }
        var status: String { found ? "Có sẵn" : "Chưa cài đặt — chức năng này tạm dùng cách thay thế" }
    }

    var tools: [Tool]

    static let wanted: [(name: String, purpose: String)] = [
        ("vipsthumbnail", "Tạo ảnh nhiều kích thước (libvips)"),
        ("vips", "Kiểm tra ảnh tải lên giải mã được trọn vẹn (libvips)"),
        ("prlimit", "Giới hạn bộ nhớ, thời gian và dung lượng đầu ra của các công cụ trên (util-linux)"),
        ("pdftotext", "Tìm kiếm trong văn bản PDF"),
        ("qrencode", "Mã QR trên bảng niêm yết thủ tục"),
        ("espeak-ng", "Đọc bản tin thành tiếng"),
        ("ffmpeg", "Chuẩn hóa độ lớn, mã hóa và phát bản tin truyền thanh"),
        ("ffprobe", "Kiểm tra tệp ghi âm tải lên và đo thời lượng bản tin"),
    ]

    static func detect(path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") -> ToolReport {
        ToolReport(
            tools: wanted.map { tool in
                Tool(name: tool.name, purpose: tool.purpose, path: ExternalTool.find(tool.name, path: path))
            })
    }

    func path(of name: String) -> String? { tools.first { $0.name == name }?.path }
}

enum LoaVersion {
    static let current = "0.1.0"
}
