import Foundation

/// A record that parsed, with the desk fields it lacks (imported anyway, reported).
public struct ParsedProcedure: Equatable, Sendable {
    public var record: ProcedureRecord
    public var source: String
    public var warnings: [ProcedureIssue]
}

/// Reads the national database's extraction format (one JSON object per record: `metadata`, `content`,
/// `tables`; see ../shared/fixtures/procedures) and a CSV of the main fields (issue #4). A record is
/// refused, with every reason, when its structure is broken, its code does not match the national
/// pattern, or it has no name, level or sector; a missing desk field is only a warning.
public enum ProcedureParser {
    public typealias Outcome = Result<ParsedProcedure, ProcedureErrors>

    public struct ProcedureErrors: Error, Equatable, Sendable {
        public var issues: [ProcedureIssue]
        public init(issues: [ProcedureIssue]) { self.issues = issues }
    }

    /// A file holds one record object or an array of them.
    public static func parseJSON(_ data: Data, source: String) -> [Outcome] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            return [.failure(.init(issues: [ProcedureIssue(source: source, field: "", reason: "JSON không hợp lệ (\(describe(error)))")]))]
        }
        if let array = object as? [Any] {
            return array.enumerated().map { index, element in
                let name = "\(source)[\(index)]"
                guard let dictionary = element as? [String: Any] else {
                    return .failure(.init(issues: [ProcedureIssue(source: name, field: "", reason: "phần tử không phải là đối tượng JSON")]))
                }
                return parse(dictionary, source: name)
            }
        }
        guard let dictionary = object as? [String: Any] else {
            return [.failure(.init(issues: [ProcedureIssue(source: source, field: "", reason: "tệp phải chứa một đối tượng JSON hoặc một mảng đối tượng")]))]
        }
        return [parse(dictionary, source: source)]
    }

    private static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        return (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? "cấu trúc hỏng"
    }

    static func parse(_ json: [String: Any], source: String) -> Outcome {
        var errors: [ProcedureIssue] = []
        func fail(_ field: String, _ reason: String) { errors.append(ProcedureIssue(source: source, field: field, reason: reason)) }

        func section(_ name: String) -> [String: Any] {
            guard let value = json[name] else { fail(name, "thiếu mục"); return [:] }
            guard let dictionary = value as? [String: Any] else { fail(name, "phải là một đối tượng"); return [:] }
            return dictionary
        }
        let metadata = section("metadata")
        let content = section("content")
        let tables = json["tables"].map { $0 as? [String: Any] } ?? [:]
        if tables == nil { fail("tables", "phải là một đối tượng") }

        func text(_ dictionary: [String: Any], _ section: String, _ key: String) -> String? {
            guard let value = dictionary[key], !(value is NSNull) else { return nil }
            if let string = value as? String {
                if hasControlCharacter(string) { fail("\(section).\(key)", "chứa ký tự điều khiển không hợp lệ"); return nil }
                return MissingText.normalize(string)
            }
            if let number = value as? NSNumber { return number.stringValue }
            fail("\(section).\(key)", "phải là chuỗi")
            return nil
        }

        let code = text(metadata, "metadata", "mã_thủ_tục") ?? text(json, "", "thu_tuc_id")
        if let code {
            if !ProcedureCode.isValid(code) { fail("metadata.mã_thủ_tục", "mã «\(code)» không đúng mẫu \(ProcedureCode.patternDescription)") }
        } else {
            fail("metadata.mã_thủ_tục", "thiếu mã thủ tục")
        }
        let name = text(metadata, "metadata", "tên_thủ_tục")
        if name == nil { fail("metadata.tên_thủ_tục", "thiếu tên thủ tục") }
        if let name, name.count > 1000 { fail("metadata.tên_thủ_tục", "dài quá 1000 ký tự") }
        var levels: [ProcedureLevel] = []
        if let levelText = text(metadata, "metadata", "cấp_thực_hiện") {
            let parsed = ProcedureLevel.parseList(levelText)
            levels = parsed.levels
            for unknown in parsed.unknown { fail("metadata.cấp_thực_hiện", "cấp thực hiện không xác định «\(unknown)»") }
            if parsed.levels.isEmpty, parsed.unknown.isEmpty { fail("metadata.cấp_thực_hiện", "thiếu cấp thực hiện") }
        } else {
            fail("metadata.cấp_thực_hiện", "thiếu cấp thực hiện")
        }
        let sector = text(metadata, "metadata", "lĩnh_vực")
        if sector == nil { fail("metadata.lĩnh_vực", "thiếu lĩnh vực") }
        if let sector, sector.count > 300 { fail("metadata.lĩnh_vực", "lĩnh vực dài quá 300 ký tự") }

        func rows(_ key: String) -> [[String: Any]] {
            guard let tables, let value = tables[key], !(value is NSNull) else { return [] }
            guard let array = value as? [Any] else { fail("tables.\(key)", "phải là một mảng"); return [] }
            var result: [[String: Any]] = []
            for (index, element) in array.enumerated() {
                guard let row = element as? [String: Any] else { fail("tables.\(key)[\(index)]", "phải là một đối tượng"); continue }
                result.append(row)
            }
            return result
        }
        let channels: [ProcedureChannel] = rows("hinh_thuc_nop").enumerated().compactMap { index, row in
            let section = "tables.hinh_thuc_nop[\(index)]"
            let method = text(row, section, "hinh_thuc")
            let deadline = text(row, section, "thoi_han_giai_quyet")
            let fee = text(row, section, "phi_le_phi")
            guard method != nil || deadline != nil || fee != nil else { return nil }
            return ProcedureChannel(method: method ?? MissingText.label, deadline: deadline, fee: fee)
        }
        let components: [DossierComponent] = rows("thanh_phan_ho_so").enumerated().compactMap { index, row in
            let section = "tables.thanh_phan_ho_so[\(index)]"
            // The extraction puts the form files under "so_luong" and the counts under "ghi_chu".
            guard let name = text(row, section, "ten_giay_to") else { return nil }
            let forms = formFiles(text(row, section, "so_luong"))
            let counts = copyCounts(text(row, section, "ghi_chu"))
            return DossierComponent(name: name, forms: forms, originals: counts.originals, copies: counts.copies)
        }
        let legal: [LegalBasis] = rows("can_cu_phap_ly").enumerated().compactMap { index, row in
            let section = "tables.can_cu_phap_ly[\(index)]"
            let number = text(row, section, "so_ky_hieu")
            let summary = text(row, section, "trich_yeu")
            guard number != nil || summary != nil else { return nil }
            return LegalBasis(number: number, summary: summary)
        }

        let record = ProcedureRecord(
            code: code ?? "", name: name ?? "", decision: text(metadata, "metadata", "số_quyết_định"), levels: levels,
            kind: text(metadata, "metadata", "loại_thủ_tục"), sector: sector ?? "",
            steps: text(content, "content", "trình_tự_thực_hiện"), method: text(content, "content", "cách_thức_thực_hiện"),
            applicants: text(content, "content", "đối_tượng_thực_hiện"), processingAgency: text(content, "content", "cơ_quan_thực_hiện"),
            competentAgency: text(content, "content", "cơ_quan_có_thẩm_quyền"), coordinatingAgency: text(content, "content", "cơ_quan_phối_hợp"),
            receivingAddress: text(content, "content", "địa_chỉ_tiếp_nhận_hs"), result: text(content, "content", "kết_quả_thực_hiện"),
            requirements: text(content, "content", "yêu_cầu_điều_kiện_thực_hiện"),
            channels: channels, components: components, legalBasis: legal)
        guard errors.isEmpty else { return .failure(.init(issues: errors)) }
        return .success(ParsedProcedure(record: record, source: source, warnings: warnings(for: record, source: source)))
    }

    /// Control characters other than line breaks and tabs never belong in a record.
    static func hasControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control && !["\n", "\r", "\t"].contains($0) }
    }

    static func warnings(for record: ProcedureRecord, source: String) -> [ProcedureIssue] {
        record.missingFields.map { ProcedureIssue(source: source, field: $0, reason: "không có thông tin") }
    }

    /// "MU1A.docx\nMU1B.docx" → two file names; anything that is not a plain file name is dropped.
    static func formFiles(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// "Bản chính: 1\nBản sao: 0" → (1, 0).
    static func copyCounts(_ text: String?) -> (originals: Int?, copies: Int?) {
        guard let text else { return (nil, nil) }
        var originals: Int?
        var copies: Int?
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let value = Int(parts[1].trimmingCharacters(in: .whitespaces)) else { continue }
            switch VietnameseText.fold(String(parts[0])) {
            case "ban chinh": originals = value
            case "ban sao": copies = value
            default: break
            }
        }
        return (originals, copies)
    }

    // MARK: CSV

    /// Column names a CSV may use for each field, English or Vietnamese (folded).
    static let csvColumns: [String: [String]] = [
        "code": ["code", "ma", "ma thu tuc", "ma_thu_tuc"],
        "name": ["name", "ten", "ten thu tuc", "ten_thu_tuc"],
        "levels": ["levels", "level", "cap", "cap thuc hien", "cap_thuc_hien"],
        "sector": ["sector", "linh vuc", "linh_vuc"],
        "kind": ["kind", "loai", "loai thu tuc", "loai_thu_tuc"],
        "decision": ["decision", "so quyet dinh", "so_quyet_dinh", "quyet dinh"],
        "processing_agency": ["processing_agency", "co quan thuc hien", "co_quan_thuc_hien"],
        "result": ["result", "ket qua", "ket_qua_thuc_hien", "ket qua thuc hien"],
        "deadline": ["deadline", "thoi han", "thoi han giai quyet", "thoi_han_giai_quyet"],
        "fee": ["fee", "phi", "phi, le phi", "phi_le_phi", "le phi"],
        "address": ["address", "dia chi tiep nhan", "dia_chi_tiep_nhan_hs", "dia chi tiep nhan ho so"],
    ]

    public static func parseCSV(_ text: String, source: String) -> [Outcome] {
        let table = CSVReader.read(text)
        guard let header = table.rows.first else {
            return [.failure(.init(issues: [ProcedureIssue(source: source, field: "", reason: "tệp CSV trống")]))]
        }
        var index: [String: Int] = [:]
        for (position, name) in header.fields.enumerated() {
            let folded = VietnameseText.fold(name)
            if let field = csvColumns.first(where: { $0.value.contains(folded) })?.key { index[field] = position }
        }
        let required = ["code", "name", "levels", "sector"]
        let absent = required.filter { index[$0] == nil }
        guard absent.isEmpty else {
            return [
                .failure(.init(issues: [ProcedureIssue(source: "\(source):\(header.line)", field: "", reason: "thiếu cột \(absent.joined(separator: ", "))")]))
            ]
        }
        let rows: [(line: Int, outcome: Outcome)] = table.rows.dropFirst().map { row in
            func value(_ field: String) -> String? {
                guard let position = index[field], position < row.fields.count else { return nil }
                return row.fields[position]
            }
            var channel: [String: Any] = [:]
            if let deadline = value("deadline") { channel["thoi_han_giai_quyet"] = deadline }
            if let fee = value("fee") { channel["phi_le_phi"] = fee }
            if !channel.isEmpty { channel["hinh_thuc"] = "Trực tiếp" }
            let json: [String: Any] = [
                "metadata": [
                    "mã_thủ_tục": value("code") ?? "", "tên_thủ_tục": value("name") ?? "", "cấp_thực_hiện": value("levels") ?? "",
                    "lĩnh_vực": value("sector") ?? "", "loại_thủ_tục": value("kind") ?? "", "số_quyết_định": value("decision") ?? "",
                ],
                "content": [
                    "cơ_quan_thực_hiện": value("processing_agency") ?? "", "kết_quả_thực_hiện": value("result") ?? "",
                    "địa_chỉ_tiếp_nhận_hs": value("address") ?? "",
                ],
                "tables": ["hinh_thuc_nop": channel.isEmpty ? [] : [channel]],
            ]
            return (row.line, parse(json, source: "\(source):\(row.line)"))
        }
        // A stray quote costs only its own line: the reader resumed on the next one.
        let unclosed: [(line: Int, outcome: Outcome)] = table.unclosedQuoteLines.map { line in
            (
                line,
                .failure(
                    .init(issues: [
                        ProcedureIssue(source: "\(source):\(line)", field: "", reason: "dấu ngoặc kép mở ở dòng này không được đóng; dòng bị bỏ qua")
                    ]))
            )
        }
        return (rows + unclosed).sorted { $0.line < $1.line }.map(\.outcome)
    }
}
