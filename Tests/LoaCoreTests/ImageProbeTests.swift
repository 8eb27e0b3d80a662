import LoaCore
import Testing

@Suite struct ImageProbeTests {
    static func png(width: Int, height: Int) -> [UInt8] {
        func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + be32(width) + be32(height) + [8, 2, 0, 0, 0, 0, 0, 0, 0]
    }

    static func jpeg(width: Int, height: Int) -> [UInt8] {
        // SOI, an APP0 segment, then SOF0 with the size.
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
            + [0xFF, 0xC0, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 3]
            + Array(repeating: 0, count: 9) + [0xFF, 0xD9]
    }

    static func webpVP8X(width: Int, height: Int) -> [UInt8] {
        let w = width - 1, h = height - 1
        return Array("RIFF".utf8) + [30, 0, 0, 0] + Array("WEBPVP8X".utf8) + [10, 0, 0, 0, 0, 0, 0, 0]
            + [UInt8(w & 0xFF), UInt8(w >> 8 & 0xFF), UInt8(w >> 16 & 0xFF), UInt8(h & 0xFF), UInt8(h >> 8 & 0xFF), UInt8(h >> 16 & 0xFF)]
    }

    @Test func readsFormatAndSizeFromTheBytes() throws {
        #expect(try ImageProbe.inspect(Self.png(width: 1600, height: 900)).get() == ImageProbe(format: .png, width: 1600, height: 900))
        #expect(try ImageProbe.inspect(Self.jpeg(width: 1280, height: 720)).get() == ImageProbe(format: .jpeg, width: 1280, height: 720))
        #expect(try ImageProbe.inspect(Self.webpVP8X(width: 800, height: 600)).get() == ImageProbe(format: .webp, width: 800, height: 600))
    }

    @Test func refusesWhatIsNotAnImage() {
        #expect(ImageProbe.inspect([]) == .failure(.empty))
        // An ELF executable renamed .jpg, a PDF, an SVG (script-capable), a GIF.
        #expect(ImageProbe.inspect([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]) == .failure(.notAnImage))
        #expect(ImageProbe.inspect(Array("%PDF-1.7\n".utf8)) == .failure(.notAnImage))
        #expect(ImageProbe.inspect(Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)) == .failure(.notAnImage))
        #expect(ImageProbe.inspect(Array("GIF89a".utf8) + [1, 0, 1, 0]) == .failure(.notAnImage))
    }

    @Test func refusesTruncatedHeadersAndHugeImages() {
        #expect(ImageProbe.inspect(Array(Self.png(width: 10, height: 10).prefix(16))) == .failure(.unreadableDimensions))
        #expect(ImageProbe.inspect([0xFF, 0xD8, 0xFF, 0xD9]) == .failure(.unreadableDimensions))
        #expect(ImageProbe.inspect(Self.png(width: 50_000, height: 10)) == .failure(.tooManyPixels))
    }

    @Test func refusesOverTheSizeLimit() {
        #expect(ImageProbe.inspect(Self.png(width: 10, height: 10) + Array(repeating: 0, count: 100), maxBytes: 64) == .failure(.tooLarge(limit: 64)))
    }

    @Test func refusesPolyglotsCarryingMarkup() {
        let polyglot = Self.jpeg(width: 10, height: 10) + Array("<SCRIPT>alert(1)</script>".utf8)
        #expect(ImageProbe.inspect(polyglot) == .failure(.embeddedMarkup))
        #expect(ImageProbe.inspect(Self.png(width: 10, height: 10) + Array("<html><body>".utf8)) == .failure(.embeddedMarkup))
    }
}
