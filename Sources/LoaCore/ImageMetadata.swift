/// Removes what a photo says about its taker (EXIF with GPS position and camera serial, XMP, IPTC,
/// comments, text chunks) without re-encoding a pixel (issue #8: originals were served with their GPS).
/// Colour information (JFIF, ICC profiles, Adobe's transform marker) is kept so the photo looks the same.
public enum ImageMetadata {
    /// The image without metadata, or nil when its structure is broken (the caller refuses it).
    public static func stripped(_ bytes: [UInt8], format: ImageProbe.Format) -> [UInt8]? {
        switch format {
        case .jpeg: jpeg(bytes)
        case .png: png(bytes)
        case .webp: webp(bytes)
        }
    }

    // MARK: JPEG: segments up to the scan, then the entropy-coded data as it is

    private static func jpeg(_ b: [UInt8]) -> [UInt8]? {
        guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
        var out: [UInt8] = [0xFF, 0xD8]
        var i = 2
        while i + 2 <= b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }  // fill byte
            // End of image: whatever trails it (a phone's own trailer, a motion photo's video) is dropped.
            if marker == 0xD9 { out += [0xFF, 0xD9]; return out }
            guard i + 4 <= b.count else { return nil }
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            guard length >= 2, i + 2 + length <= b.count else { return nil }
            if marker == 0xDA || keepsJPEGSegment(marker: marker, payload: b[(i + 4)..<(i + 2 + length)]) {
                out += b[i..<(i + 2 + length)]
            }
            i += 2 + length
            if marker == 0xDA {
                // The scan's entropy-coded data, copied up to the next marker.
                guard let end = nextMarker(b, from: i) else { return nil }
                out += b[i..<end]
                i = end
            }
        }
        return nil  // no end-of-image marker: the file was cut short
    }

    /// Inside entropy-coded data 0xFF is followed by 0x00 (a stuffed byte) or a restart marker; any other
    /// byte after it starts the next segment.
    private static func nextMarker(_ b: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + 1 < b.count {
            if b[i] == 0xFF, b[i + 1] != 0x00, !(0xD0...0xD7).contains(b[i + 1]) { return i }
            i += 1
        }
        return nil
    }

    private static func keepsJPEGSegment(marker: UInt8, payload: ArraySlice<UInt8>) -> Bool {
        switch marker {
        case 0xE0: return true  // JFIF
        case 0xE2: return payload.starts(with: Array("ICC_PROFILE".utf8))
        case 0xEE: return payload.starts(with: Array("Adobe".utf8))  // colour transform of CMYK/YCCK files
        case 0xE1, 0xE3...0xED, 0xEF, 0xFE: return false  // EXIF/XMP, other application data, comments
        default: return true  // tables, frame headers, restart intervals
        }
    }

    // MARK: PNG: chunks, dropping the textual and EXIF ones

    private static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    private static let droppedPNGChunks: Set<String> = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]

    private static func png(_ b: [UInt8]) -> [UInt8]? {
        guard b.count >= 8, Array(b[0..<8]) == pngSignature else { return nil }
        var out = pngSignature
        var i = 8
        while i + 12 <= b.count {
            let length = Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
            guard length <= b.count - i - 12 else { return nil }
            let type = String(decoding: b[(i + 4)..<(i + 8)], as: UTF8.self)
            let end = i + 12 + length
            if !droppedPNGChunks.contains(type) { out += b[i..<end] }
            if type == "IEND" { return out }
            i = end
        }
        return nil  // no IEND: the file was cut short
    }

    // MARK: WebP: RIFF chunks, dropping EXIF and XMP and clearing their flags

    private static func webp(_ b: [UInt8]) -> [UInt8]? {
        guard b.count >= 12, Array(b[0..<4]) == Array("RIFF".utf8), Array(b[8..<12]) == Array("WEBP".utf8) else { return nil }
        var body: [UInt8] = Array("WEBP".utf8)
        var i = 12
        while i + 8 <= b.count {
            let size = Int(b[i + 4]) | Int(b[i + 5]) << 8 | Int(b[i + 6]) << 16 | Int(b[i + 7]) << 24
            let padded = size + (size & 1)
            guard size <= b.count - i - 8 else { return nil }
            let type = String(decoding: b[i..<(i + 4)], as: UTF8.self)
            let end = min(b.count, i + 8 + padded)
            if type == "VP8X", size >= 1 {
                var chunk = Array(b[i..<end])
                chunk[8] &= ~UInt8(0x08 | 0x04)  // EXIF and XMP flags
                body += chunk
            } else if type != "EXIF", type != "XMP " {
                body += b[i..<end]
            }
            i = end
        }
        guard i == b.count else { return nil }
        let size = body.count
        return Array("RIFF".utf8) + [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24 & 0xFF)] + body
    }
}
