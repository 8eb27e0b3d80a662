/// The fields of a unit in an import file and the names they may be given, shared by the
/// CSV header and the JSON keys.
enum UnitColumn: CaseIterable {
    case code, name, kind, parentCode

    /// Normalised names (see `normalize`) in priority order: when a file has several
    /// columns for the same field, the earliest name in this list wins.
    var acceptedNames: [String] {
        switch self {
        case .code: ["code", "ma"]
        case .name: ["name", "ten"]
        case .kind: ["kind", "cap", "loai"]
        case .parentCode: ["parent code", "parent", "ma cap tren", "ma tinh", "ma huyen"]
        }
    }

    var isRequired: Bool { self != .parentCode }

    var missingMessage: String {
        switch self {
        case .code: "missing column \"code\" (or \"mã\")"
        case .name: "missing column \"name\" (or \"tên\")"
        case .kind: "missing column \"kind\" (or \"cấp\", \"loại\")"
        case .parentCode: "missing column \"parent_code\""
        }
    }

    /// Folds case and diacritics and treats "_" and "-" as spaces: "Mã_cấp-trên" → "ma cap tren".
    static func normalize(_ name: String) -> String {
        let spaced = name.map { $0 == "_" || $0 == "-" ? " " : $0 }
        return VietnameseText.fold(String(spaced))
    }

    /// Validates raw field texts into a record, collecting every problem of the row.
    static func record(from values: [UnitColumn: String], line: Int) -> RowOutcome {
        let code = values[.code]?.trimmingWhitespace ?? ""
        let name = (values[.name] ?? "").split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        let kindText = values[.kind]?.trimmingWhitespace ?? ""
        let parent = values[.parentCode]?.trimmingWhitespace ?? ""

        var problems: [String] = []
        if code.isEmpty { problems.append("missing code") }
        if name.isEmpty { problems.append("missing name") }
        let kind = UnitKind(parsing: kindText)
        if kindText.isEmpty {
            problems.append("missing kind")
        } else if kind == nil {
            problems.append("unknown kind \"\(kindText)\"")
        }
        guard let kind, problems.isEmpty else {
            return .error(RecordError(line: line, message: problems.joined(separator: "; ")))
        }
        return .record(
            UnitRecord(
                code: code, name: name, kind: kind, parentCode: parent.isEmpty ? nil : parent, line: line))
    }
}

/// A row is either a valid record or the reasons it is not.
enum RowOutcome {
    case record(UnitRecord)
    case error(RecordError)
}

/// Which position of a CSV row holds which field, decided from the header row.
struct UnitColumnMap {
    private var positions: [UnitColumn: Int] = [:]

    init(names: [String]) {
        let normalized = names.map(UnitColumn.normalize)
        for column in UnitColumn.allCases {
            for accepted in column.acceptedNames {
                if let position = normalized.firstIndex(of: accepted) {
                    positions[column] = position
                    break
                }
            }
        }
    }

    var missingRequiredColumns: [UnitColumn] {
        UnitColumn.allCases.filter { $0.isRequired && positions[$0] == nil }
    }

    func values(in fields: [String]) -> [UnitColumn: String] {
        positions.compactMapValues { $0 < fields.count ? fields[$0] : nil }
    }
}

extension String {
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
