import LoaCore
import Testing

@Suite struct ImageMetadataTests {
    /// A minimal baseline JPEG's structure: the parser only walks segments, it does not decode.
    static func jpeg(app1: [UInt8]? = nil, comment: String? = nil, trailer: [UInt8] = []) -> [UInt8] {
        func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
            let length = payload.count + 2
            return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        }
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes += segment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
        if let app1 { bytes += segment(0xE1, app1) }
        if let comment { bytes += segment(0xFE, Array(comment.utf8)) }
        bytes += segment(0xDB, [0] + Array(repeating: 1, count: 64))
        bytes += segment(0xC0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0])
        bytes += segment(0xDA, [1, 1, 0, 0, 63, 0])
        bytes += [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]  // entropy data with a stuffed byte and a restart
        return bytes + [0xFF, 0xD9] + trailer
    }

    @Test func jpegLosesExifAndCommentsButKeepsItsPixels() throws {
        let gps = Array("Exif\0\0".utf8) + Array("GPSLatitude 10.2N".utf8)
        let original = Self.jpeg(app1: gps, comment: "máy ảnh của ông A", trailer: Array("MotionPhoto".utf8))
        let stripped = try #require(ImageMetadata.stripped(original, format: .jpeg))
        #expect(stripped == Self.jpeg())
        #expect(!stripped.containsSequence(Array("GPSLatitude".utf8)))
    }

    @Test func aJPEGCutShortIsRefused() {
        let whole = Self.jpeg()
        #expect(ImageMetadata.stripped(Array(whole.dropLast(2)), format: .jpeg) == nil)
        #expect(ImageMetadata.stripped(Array(whole.prefix(30)), format: .jpeg) == nil)
    }

    static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let n = data.count
        return [UInt8(n >> 24 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + data + [0, 0, 0, 0]
    }

    @Test func pngLosesTextAndExifChunks() throws {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let ihdr = Self.pngChunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
        let idat = Self.pngChunk("IDAT", [1, 2, 3])
        let iend = Self.pngChunk("IEND", [])
        let original = signature + ihdr + Self.pngChunk("eXIf", Array("GPS".utf8)) + Self.pngChunk("tEXt", Array("Author\0A".utf8)) + idat + iend
        #expect(ImageMetadata.stripped(original, format: .png) == signature + ihdr + idat + iend)
        // Without IEND the file was cut short.
        #expect(ImageMetadata.stripped(signature + ihdr + idat, format: .png) == nil)
    }

    @Test func webpLosesExifAndClearsItsFlag() throws {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let n = data.count
            return Array(type.utf8) + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), 0, 0] + data + (n % 2 == 1 ? [0] : [])
        }
        func riff(_ chunks: [UInt8]) -> [UInt8] {
            let n = chunks.count + 4
            return Array("RIFF".utf8) + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), 0, 0] + Array("WEBP".utf8) + chunks
        }
        let vp8x = chunk("VP8X", [0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        let image = chunk("VP8L", [0x2F, 1, 2, 3, 4])
        let original = riff(vp8x + image + chunk("EXIF", Array("GPS 10N".utf8)))
        let expected = riff(chunk("VP8X", [0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0]) + image)
        #expect(ImageMetadata.stripped(original, format: .webp) == expected)
    }
}

extension Array where Element == UInt8 {
    func containsSequence(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}
