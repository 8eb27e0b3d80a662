import Foundation

/// The level that carries out an administrative procedure (cấp thực hiện). A record often has several.
public enum ProcedureLevel: String, CaseIterable, Sendable, Codable {
    case ministry = "bo"
    case province = "tinh"
    case district = "huyen"
    case commune = "xa"
    case other = "khac"

    public var label: String {
        switch self {
        case .ministry: "Cấp Bộ"
        case .province: "Cấp Tỉnh"
        case .district: "Cấp Huyện"
        case .commune: "Cấp Xã"
        case .other: "Cơ quan khác"
        }
    }

    /// "Cấp Xã", "xa", "Cấp xã" …; nil for anything else.
    public static func parse(_ text: String) -> ProcedureLevel? {
        var folded = VietnameseText.fold(text)
        if folded.hasPrefix("cap ") { folded.removeFirst(4) }
        switch folded {
        case "bo", "trung uong": return .ministry
        case "tinh": return .province
        case "huyen": return .district
        case "xa": return .commune
        case "co quan khac", "khac": return .other
        default: return ProcedureLevel(rawValue: folded)
        }
    }

    /// A comma-separated list such as "Cấp Bộ, Cấp Tỉnh, Cấp Xã", in canonical order without repeats;
    /// the parts that are not levels come back separately so they can be reported.
    public static func parseList(_ text: String) -> (levels: [ProcedureLevel], unknown: [String]) {
        var found = Set<ProcedureLevel>()
        var unknown: [String] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" }) {
            let trimmed = part.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            if let level = parse(trimmed) { found.insert(level) } else { unknown.append(trimmed) }
        }
        return (allCases.filter(found.contains), unknown)
    }
}

/// One way to submit the dossier (hình thức nộp), with its own deadline and fee.
public struct ProcedureChannel: Codable, Equatable, Sendable {
    public var method: String
    public var deadline: String?
    public var fee: String?

    public init(method: String, deadline: String?, fee: String?) {
        self.method = method
        self.deadline = deadline
        self.fee = fee
    }
}

/// One paper of the dossier (thành phần hồ sơ): its name, the form templates to fill, how many originals and copies.
public struct DossierComponent: Codable, Equatable, Sendable {
    public var name: String
    public var forms: [String]
    public var originals: Int?
    public var copies: Int?

    public init(name: String, forms: [String], originals: Int?, copies: Int?) {
        self.name = name
        self.forms = forms
        self.originals = originals
        self.copies = copies
    }
}

/// One legal text the procedure rests on (căn cứ pháp lý).
public struct LegalBasis: Codable, Equatable, Sendable {
    public var number: String?
    public var summary: String?

    public init(number: String?, summary: String?) {
        self.number = number
        self.summary = summary
    }
}

/// A procedure as the national database (CSDL quốc gia về TTHC) describes it (issue #4). Every text
/// field the source may leave blank or fill with "Không có thông tin" is optional: missing stays nil.
public struct ProcedureRecord: Equatable, Sendable {
    public var code: String
    public var name: String
    public var decision: String?
    public var levels: [ProcedureLevel]
    public var kind: String?
    public var sector: String
    public var steps: String?
    public var method: String?
    public var applicants: String?
    public var processingAgency: String?
    public var competentAgency: String?
    public var coordinatingAgency: String?
    public var receivingAddress: String?
    public var result: String?
    public var requirements: String?
    public var channels: [ProcedureChannel]
    public var components: [DossierComponent]
    public var legalBasis: [LegalBasis]

    public init(
        code: String, name: String, decision: String? = nil, levels: [ProcedureLevel], kind: String? = nil, sector: String,
        steps: String? = nil, method: String? = nil, applicants: String? = nil, processingAgency: String? = nil,
        competentAgency: String? = nil, coordinatingAgency: String? = nil, receivingAddress: String? = nil,
        result: String? = nil, requirements: String? = nil, channels: [ProcedureChannel] = [],
        components: [DossierComponent] = [], legalBasis: [LegalBasis] = []
    ) {
        self.code = code
        self.name = name
        self.decision = decision
        self.levels = levels
        self.kind = kind
        self.sector = sector
        self.steps = steps
        self.method = method
        self.applicants = applicants
        self.processingAgency = processingAgency
        self.competentAgency = competentAgency
        self.coordinatingAgency = coordinatingAgency
        self.receivingAddress = receivingAddress
        self.result = result
        self.requirements = requirements
        self.channels = channels
        self.components = components
        self.legalBasis = legalBasis
    }

    /// Fields a citizen needs at the desk, with the national database's key, in the order of the record.
    public static var deskFields: [(key: String, label: String, path: KeyPath<ProcedureRecord, String?>)] {
        [
            ("content.trình_tự_thực_hiện", "Trình tự thực hiện", \.steps),
            ("content.cách_thức_thực_hiện", "Cách thức thực hiện", \.method),
            ("content.đối_tượng_thực_hiện", "Đối tượng thực hiện", \.applicants),
            ("content.cơ_quan_thực_hiện", "Cơ quan thực hiện", \.processingAgency),
            ("content.địa_chỉ_tiếp_nhận_hs", "Địa chỉ tiếp nhận hồ sơ", \.receivingAddress),
            ("content.kết_quả_thực_hiện", "Kết quả thực hiện", \.result),
        ]
    }

    /// The desk fields this record lacks, by national key; the tables count too.
    public var missingFields: [String] {
        var missing = Self.deskFields.filter { self[keyPath: $0.path] == nil }.map(\.key)
        if channels.isEmpty { missing.append("tables.hinh_thuc_nop") }
        if components.isEmpty { missing.append("tables.thanh_phan_ho_so") }
        return missing
    }
}

/// The national code of a procedure: `1.013628`, a province's copy `1.012753.H19`.
public enum ProcedureCode {
    public static func isValid(_ code: String) -> Bool {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return false }
        guard parts[0].count == 1, parts[0].allSatisfy(\.isASCIIDigit),
            parts[1].count == 6, parts[1].allSatisfy(\.isASCIIDigit)
        else { return false }
        if parts.count == 3 {
            let suffix = Array(parts[2])
            guard suffix.count == 3, suffix[0].isASCII, suffix[0].isUppercase, suffix[1...].allSatisfy(\.isASCIIDigit) else { return false }
        }
        return true
    }

    public static let patternDescription = "d.dddddd hoặc d.dddddd.Xdd (ví dụ 1.013628, 1.012753.H19)"
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// The national database writes "Không có thông tin" (or nothing) where a value is missing;
/// Loa stores nil and shows the one phrase consistently.
public enum MissingText {
    public static let label = "Không có thông tin"

    /// Trimmed text, or nil when blank or a "no information" marker.
    public static func normalize(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        let folded = VietnameseText.fold(trimmed).trimmingCharacters(in: CharacterSet(charactersIn: ".:;- "))
        return ["khong co thong tin", "chua co thong tin", "khong co du lieu", "n/a"].contains(folded) ? nil : trimmed
    }

    public static func display(_ text: String?) -> String { text ?? label }
}

/// A problem with one record, precise enough to fix it: which file, which field, why.
public struct ProcedureIssue: Equatable, Sendable, CustomStringConvertible {
    public var source: String
    public var field: String
    public var reason: String

    public init(source: String, field: String, reason: String) {
        self.source = source
        self.field = field
        self.reason = reason
    }

    public var description: String { field.isEmpty ? "\(source): \(reason)" : "\(source): \(field): \(reason)" }
}
