/// Real, decodable images made in the test (no files from elsewhere): a PNG with uncompressed
/// ("stored") deflate blocks, which every decoder, libvips included, reads.
enum TestImages {
    /// A PNG carrying an ancillary chunk (e.g. `eXIf` with a GPS position) before its pixels.
    static func png(width: Int, height: Int, extraChunk: (type: String, data: [UInt8])) -> [UInt8] {
        let plain = png(width: width, height: height)
        let headerEnd = 8 + 25  // signature + IHDR chunk
        return Array(plain[..<headerEnd]) + chunk(extraChunk.type, extraChunk.data) + Array(plain[headerEnd...])
    }

    static func png(width: Int, height: Int) -> [UInt8] {
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0)  // filter: none
            for x in 0..<width { raw += [UInt8(x * 255 / max(1, width)), UInt8(y * 255 / max(1, height)), 128] }
        }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, raw.count - offset)
            let last: UInt8 = offset + count >= raw.count ? 1 : 0
            zlib += [last, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            zlib += raw[offset..<offset + count]
            offset += count
        } while offset < raw.count
        zlib += be32(adler32(raw))
        var header: [UInt8] = be32(width) + be32(height) + [8, 2, 0, 0, 0]
        header = chunk("IHDR", header)
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + header + chunk("IDAT", zlib) + chunk("IEND", [])
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return be32(data.count) + typed + be32(Int(crc32(typed)))
    }

    private static func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    private static func adler32(_ data: [UInt8]) -> Int {
        var a = 1, b = 0
        for byte in data { a = (a + Int(byte)) % 65_521; b = (b + a) % 65_521 }
        return b << 16 | a
    }

    private static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
