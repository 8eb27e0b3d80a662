/// What an uploaded image really is, read from its bytes, never from its name or the browser's claim.
public struct ImageProbe: Sendable, Equatable {
    public enum Format: String, Sendable, CaseIterable {
        case jpeg, png, webp

        public var mimeType: String { "image/\(rawValue)" }
        public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
    }

    public var format: Format
    public var width: Int
    public var height: Int

    public init(format: Format, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    public enum Refusal: Error, Equatable, Sendable {
        case empty
        case tooLarge(limit: Int)
        case notAnImage
        case unreadableDimensions
        case tooManyPixels
        /// Bytes that a browser could also read as markup or script (a polyglot file).
        case embeddedMarkup
        /// The structure or the pixels end before the image does: a cut-short or damaged file.
        case incomplete

        /// Vietnamese, for the upload form.
        public var message: String {
            switch self {
            case .empty: "Tệp rỗng (0 byte)."
            case .tooLarge(let limit): "Tệp quá lớn: tối đa \(limit / (1 << 20)) MB."
            case .notAnImage: "Tệp không phải ảnh JPEG, PNG hoặc WebP (kiểm tra theo nội dung tệp, không theo tên)."
            case .unreadableDimensions: "Không đọc được kích thước ảnh: tệp bị hỏng hoặc không đúng định dạng."
            case .tooManyPixels: "Ảnh quá lớn về kích thước: tối đa 12.000 × 12.000 điểm ảnh."
            case .embeddedMarkup: "Tệp ảnh có chứa mã HTML hoặc script nên bị từ chối."
            case .incomplete: "Tệp ảnh bị cắt cụt hoặc hỏng: không giải mã được trọn vẹn. Hãy xuất lại ảnh rồi tải lên."
            }
        }
    }

    public static let maxBytes = 10 << 20

    /// Inspects `bytes`; refuses anything but a well-formed JPEG, PNG or WebP header within the limits.
    public static func inspect(_ bytes: [UInt8], maxBytes: Int = maxBytes) -> Result<ImageProbe, Refusal> {
        guard !bytes.isEmpty else { return .failure(.empty) }
        guard bytes.count <= maxBytes else { return .failure(.tooLarge(limit: maxBytes)) }
        guard let format = format(of: bytes) else { return .failure(.notAnImage) }
        let size: (Int, Int)? =
            switch format {
            case .png: pngSize(bytes)
            case .jpeg: jpegSize(bytes)
            case .webp: webpSize(bytes)
            }
        guard let (width, height) = size, width > 0, height > 0 else { return .failure(.unreadableDimensions) }
        guard width <= 12_000, height <= 12_000 else { return .failure(.tooManyPixels) }
        guard !containsMarkup(bytes) else { return .failure(.embeddedMarkup) }
        return .success(ImageProbe(format: format, width: width, height: height))
    }

    static func format(of bytes: [UInt8]) -> Format? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return .webp }
        return nil
    }

    private static func be16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
    private static func be32(_ b: [UInt8], _ i: Int) -> Int { be16(b, i) << 16 | be16(b, i + 2) }
    private static func le16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    private static func le24(_ b: [UInt8], _ i: Int) -> Int { le16(b, i) | Int(b[i + 2]) << 16 }

    private static func pngSize(_ b: [UInt8]) -> (Int, Int)? {
        guard b.count >= 24, Array(b[12..<16]) == Array("IHDR".utf8) else { return nil }
        return (be32(b, 16), be32(b, 20))
    }

    /// Walks the JPEG segments to the first start-of-frame marker.
    private static func jpegSize(_ b: [UInt8]) -> (Int, Int)? {
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }
            let length = be16(b, i + 2)
            let isFrame = (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
            if isFrame { return (be16(b, i + 7), be16(b, i + 5)) }
            guard length >= 2 else { return nil }
            i += 2 + length
        }
        return nil
    }

    private static func webpSize(_ b: [UInt8]) -> (Int, Int)? {
        guard b.count >= 30 else { return nil }
        switch String(decoding: b[12..<16], as: UTF8.self) {
        case "VP8 ": return (le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF)
        case "VP8L":
            let bits = Int(b[21]) | Int(b[22]) << 8 | Int(b[23]) << 16 | Int(b[24]) << 24
            return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X": return (le24(b, 24) + 1, le24(b, 27) + 1)
        default: return nil
        }
    }

    /// Tags a browser sniffing the file as HTML would act on. Real photographs do not contain them.
    private static let markers = ["<script", "<html", "<body", "<iframe", "<svg", "<?php", "javascript:"].map { Array($0.utf8) }

    static func containsMarkup(_ bytes: [UInt8]) -> Bool {
        let lowered = bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        return markers.contains { marker in
            var start = 0
            while let index = lowered[start...].firstIndex(of: marker[0]), index + marker.count <= lowered.count {
                if Array(lowered[index..<index + marker.count]) == marker { return true }
                start = index + 1
            }
            return false
        }
    }
}
