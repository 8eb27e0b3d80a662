import Foundation

/// The encodings an import file is accepted in. Spreadsheet programs on Windows save "Unicode text"
/// as UTF-16 with a byte-order mark, and many editors add a BOM to UTF-8; both are decoded rather
/// than reported as broken JSON or CSV on every line.
public enum TextFileEncoding: String, Equatable, Sendable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 with BOM"
    case utf16LittleEndian = "UTF-16 LE"
    case utf16BigEndian = "UTF-16 BE"

    /// Bytes of the byte-order mark at the start of the file.
    public var bomLength: Int {
        switch self {
        case .utf8: 0
        case .utf8WithBOM: 3
        case .utf16LittleEndian, .utf16BigEndian: 2
        }
    }

    /// The encoding named by the file's first bytes. Without a BOM a file is taken as UTF-8;
    /// `looksLikeUTF16WithoutBOM` catches the one common case that guess gets wrong.
    public static func detect<Bytes: Collection<UInt8>>(prefix: Bytes) -> TextFileEncoding {
        let head = Array(prefix.prefix(3))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8WithBOM }
        if head.starts(with: [0xFF, 0xFE]) { return .utf16LittleEndian }
        if head.starts(with: [0xFE, 0xFF]) { return .utf16BigEndian }
        return .utf8
    }

    /// UTF-16 saved without a BOM: ASCII text with a zero byte beside every character. UTF-8 text
    /// never contains zero bytes, so a few of them in the first bytes settle it.
    public static func looksLikeUTF16WithoutBOM<Bytes: Collection<UInt8>>(prefix: Bytes) -> Bool {
        let head = Array(prefix.prefix(64))
        guard head.count >= 4 else { return false }
        return head.filter { $0 == 0 }.count * 4 >= head.count
    }
}

/// Why a file's bytes cannot be read as text, worded for the command line: English for the unit and
/// article importers, Vietnamese for the procedure importer, whose reports are all in Vietnamese.
public struct TextFileDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public var vietnamese: String

    public init(description: String, vietnamese: String) {
        self.description = description
        self.vietnamese = vietnamese
    }
}

public enum TextFileDecoding {
    /// The whole file as text without its BOM, or a precise reason it is not text Loa reads.
    public static func decode(_ data: Data) -> Result<String, TextFileDecodingError> {
        let encoding = TextFileEncoding.detect(prefix: data)
        let body = data.dropFirst(encoding.bomLength)
        switch encoding {
        case .utf8, .utf8WithBOM:
            if encoding == .utf8, TextFileEncoding.looksLikeUTF16WithoutBOM(prefix: body) {
                return .failure(utf16WithoutBOM)
            }
            guard let text = String(validating: body, as: UTF8.self) else {
                return .failure(
                    TextFileDecodingError(
                        description: "is not valid UTF-8 text (save it as UTF-8)",
                        vietnamese: "không phải văn bản UTF-8 hợp lệ (hãy lưu tệp dạng UTF-8)"))
            }
            return .success(text)
        case .utf16LittleEndian, .utf16BigEndian:
            var transcoder = UTF16Transcoder(bigEndian: encoding == .utf16BigEndian)
            var utf8 = transcoder.utf8(from: body)
            utf8.append(transcoder.finish())
            guard let text = String(validating: utf8, as: UTF8.self) else {
                return .failure(
                    TextFileDecodingError(
                        description: "is \(encoding.rawValue) but contains invalid UTF-16 (save it as UTF-8)",
                        vietnamese: "là \(encoding.rawValue) nhưng có đoạn UTF-16 hỏng (hãy lưu tệp dạng UTF-8)"))
            }
            return .success(text)
        }
    }

    public static let utf16WithoutBOM = TextFileDecodingError(
        description: "looks like UTF-16 without a byte-order mark; save it as UTF-8 (for example: iconv -f UTF-16LE -t UTF-8 FILE > FILE.utf8)",
        vietnamese: "có vẻ là UTF-16 không có dấu thứ tự byte (BOM); hãy lưu tệp dạng UTF-8 (ví dụ: iconv -f UTF-16LE -t UTF-8 TỆP > TỆP.utf8)")
}

/// Turns UTF-16 bytes into UTF-8 chunk by chunk, so a large file is streamed rather than held whole.
/// A chunk may end in the middle of a code unit or between the two halves of a surrogate pair; what
/// is cut off is kept for the next chunk. Broken UTF-16 (an unpaired surrogate, an odd last byte)
/// becomes the byte 0xFF, which is never valid UTF-8: the line or file holding it is then refused by
/// the UTF-8 check every reader applies, instead of being altered silently.
public struct UTF16Transcoder: Sendable {
    public static let invalidMarker: UInt8 = 0xFF
    private let bigEndian: Bool
    private var carry: [UInt8] = []

    public init(bigEndian: Bool) { self.bigEndian = bigEndian }

    public mutating func utf8<Bytes: Collection<UInt8>>(from chunk: Bytes) -> Data {
        var bytes = carry
        bytes.append(contentsOf: chunk)
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 0
        while index + 1 < bytes.count {
            let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            units.append(UInt16(high) << 8 | UInt16(low))
            index += 2
        }
        carry = Array(bytes[index...])
        // A leading surrogate at the end waits for its trailing half in the next chunk.
        if let last = units.last, UTF16.isLeadSurrogate(last) {
            units.removeLast()
            carry = [UInt8]((bigEndian ? [UInt8(last >> 8), UInt8(last & 0xFF)] : [UInt8(last & 0xFF), UInt8(last >> 8)])) + carry
        }
        return encode(units)
    }

    /// Whatever was held back: at the end of the file it can only be a broken last character.
    public mutating func finish() -> Data {
        guard !carry.isEmpty else { return Data() }
        carry = []
        return Data([Self.invalidMarker])
    }

    private mutating func encode(_ units: [UInt16]) -> Data {
        var output = Data(capacity: units.count * 3 / 2)
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): UTF8.encode(scalar) { output.append($0) }
            case .error: output.append(Self.invalidMarker)
            case .emptyInput: break loop
            }
        }
        return output
    }
}
