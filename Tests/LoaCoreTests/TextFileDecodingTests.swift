import Foundation
import LoaCore
import Testing

/// Import files arrive as UTF-8 with or without a BOM, or as UTF-16 from spreadsheet programs (issue #8).
@Suite struct TextFileDecodingTests {
    static let text = "mã,tên\n1.013628,Đăng ký khai sinh 👶\n"

    static func utf16(_ text: String, bigEndian: Bool, bom: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let pair = [UInt8(unit >> 8), UInt8(unit & 0xFF)]
            bytes += bigEndian ? pair : pair.reversed()
        }
        return bytes
    }

    static let cases: [(name: String, bytes: [UInt8], encoding: TextFileEncoding)] = [
        ("UTF-8", Array(text.utf8), .utf8),
        ("UTF-8 with BOM", [0xEF, 0xBB, 0xBF] + Array(text.utf8), .utf8WithBOM),
        ("UTF-16 LE", utf16(text, bigEndian: false), .utf16LittleEndian),
        ("UTF-16 BE", utf16(text, bigEndian: true), .utf16BigEndian),
    ]

    @Test(arguments: cases.indices)
    func eachSupportedEncodingIsDetectedAndDecoded(index: Int) throws {
        let (name, bytes, encoding) = Self.cases[index]
        #expect(TextFileEncoding.detect(prefix: bytes) == encoding, "\(name)")
        #expect(try TextFileDecoding.decode(Data(bytes)).get() == Self.text, "\(name)")
    }

    @Test func anEmptyFileIsEmptyUTF8Text() throws {
        #expect(TextFileEncoding.detect(prefix: [UInt8]()) == .utf8)
        #expect(try TextFileDecoding.decode(Data()).get() == "")
    }

    @Test func utf16WithoutABOMIsRefusedWithHowToConvertIt() {
        let result = TextFileDecoding.decode(Data(Self.utf16(Self.text, bigEndian: false, bom: false)))
        #expect(result == .failure(TextFileDecoding.utf16WithoutBOM))
        #expect(TextFileDecoding.utf16WithoutBOM.description.contains("iconv -f UTF-16LE -t UTF-8"))
    }

    @Test func invalidUTF8AndBrokenUTF16AreRefused() {
        let latin1: [UInt8] = Array("T".utf8) + [0xEA, 0x6E]  // "Tên" in Windows-1258/Latin-1 style bytes
        #expect(
            TextFileDecoding.decode(Data(latin1))
                == .failure(
                    .init(
                        description: "is not valid UTF-8 text (save it as UTF-8)", vietnamese: "không phải văn bản UTF-8 hợp lệ (hãy lưu tệp dạng UTF-8)")))
        let loneSurrogate: [UInt8] = [0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x42, 0x00]
        guard case .failure(let error) = TextFileDecoding.decode(Data(loneSurrogate)) else {
            Issue.record("an unpaired surrogate was accepted")
            return
        }
        #expect(error.description == "is UTF-16 LE but contains invalid UTF-16 (save it as UTF-8)")
        let oddLength: [UInt8] = [0xFF, 0xFE, 0x41, 0x00, 0x42]
        #expect((try? TextFileDecoding.decode(Data(oddLength)).get()) == nil)
    }

    /// A streamed file is cut into chunks anywhere: inside a code unit or between a surrogate pair's halves.
    @Test(arguments: [false, true])
    func transcodingGivesTheSameTextWhereverTheChunksAreCut(bigEndian: Bool) {
        let bytes = Self.utf16(Self.text, bigEndian: bigEndian, bom: false)
        for cut in 0...bytes.count {
            var transcoder = UTF16Transcoder(bigEndian: bigEndian)
            var output = transcoder.utf8(from: bytes[..<cut])
            output.append(transcoder.utf8(from: bytes[cut...]))
            output.append(transcoder.finish())
            #expect(String(decoding: output, as: UTF8.self) == Self.text, "cut at byte \(cut)")
        }
    }
}
