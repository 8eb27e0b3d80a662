import Foundation

/// The kinds of file a document (văn bản) may attach, recognised by their content, never by the name
/// a browser sends (issue #4): a renamed executable is refused whatever it is called.
public enum DocumentFileKind: String, CaseIterable, Sendable, Codable {
    case pdf, doc, docx, xls, xlsx

    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .doc: "application/msword"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xls: "application/vnd.ms-excel"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    }

    public var label: String { rawValue.uppercased() }

    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case tooLarge(limit: Int)
        case executable
        case unknown
        case mismatch(claimed: String, actual: DocumentFileKind)

        public var description: String {
            switch self {
            case .empty: "Tệp rỗng."
            case .tooLarge(let limit): "Tệp lớn hơn \(limit / (1 << 20)) MB."
            case .executable: "Tệp là chương trình chạy được, không phải văn bản."
            case .unknown: "Chỉ nhận tệp PDF, DOC, DOCX, XLS, XLSX (kiểm tra theo nội dung tệp)."
            case .mismatch(let claimed, let actual): "Tệp có đuôi .\(claimed) nhưng nội dung là \(actual.label)."
            }
        }
    }

    /// The kind of `data` by its magic bytes. `claimedExtension` (from the uploaded name) must agree
    /// when it names one of the accepted kinds, so a .docx that is really a .doc is called out.
    public static func detect(_ data: Data, claimedExtension: String? = nil, limit: Int) -> Result<DocumentFileKind, Refusal> {
        guard !data.isEmpty else { return .failure(.empty) }
        guard data.count <= limit else { return .failure(.tooLarge(limit: limit)) }
        let bytes = [UInt8](data.prefix(8))
        func starts(_ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && Array(bytes.prefix(prefix.count)) == prefix }
        if starts([0x7F, 0x45, 0x4C, 0x46]) || starts([0x4D, 0x5A]) || starts([0xCF, 0xFA, 0xED, 0xFE]) || starts([0x23, 0x21]) {
            return .failure(.executable)  // ELF, Windows PE, Mach-O, a script with #!
        }
        let kind: DocumentFileKind
        if starts(Array("%PDF-".utf8)) {
            kind = .pdf
        } else if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // OLE2 compound file: Word names its stream "WordDocument", Excel "Workbook" (UTF-16).
            if data.range(of: utf16("WordDocument")) != nil {
                kind = .doc
            } else if data.range(of: utf16("Workbook")) != nil || data.range(of: utf16("Book")) != nil {
                kind = .xls
            } else {
                return .failure(.unknown)
            }
        } else if starts([0x50, 0x4B, 0x03, 0x04]) {
            // Office Open XML is a ZIP whose entry names say which application wrote it.
            if data.range(of: Data("word/document".utf8)) != nil {
                kind = .docx
            } else if data.range(of: Data("xl/workbook".utf8)) != nil {
                kind = .xlsx
            } else {
                return .failure(.unknown)
            }
        } else {
            return .failure(.unknown)
        }
        if let claimed = claimedExtension?.lowercased(), let claimedKind = DocumentFileKind(rawValue: claimed), claimedKind != kind {
            return .failure(.mismatch(claimed: claimed, actual: kind))
        }
        return .success(kind)
    }

    private static func utf16(_ text: String) -> Data {
        Data(text.utf8.flatMap { [$0, 0] })
    }
}

/// A name safe to show and to offer as a download: the last path component of what the browser sent,
/// without control characters, quotes or separators. It is never used as a path: files are stored
/// under a generated name.
public enum SafeFileName {
    public static func display(_ raw: String, fallback: String = "tep") -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(
            String.UnicodeScalarView(
                last.unicodeScalars.filter { scalar in
                    scalar.properties.generalCategory != .control && !["\"", "'", "<", ">", ":", "*", "?", "|", ";"].contains(scalar)
                })
        ).trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ".")))
        let limited = String(cleaned.prefix(150))
        return limited.isEmpty ? fallback : limited
    }
}
