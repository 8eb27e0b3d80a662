import Foundation

/// The tables of a procedure as the back-office form edits them: one row a line, cells separated by
/// "|" (issue #4). Plain text keeps the form usable without JavaScript; each bad line is named.
public enum ProcedureTableText {
    /// "Hình thức | Thời hạn | Phí"
    public static func channels(_ text: String) -> (rows: [ProcedureChannel], problems: [String]) {
        var rows: [ProcedureChannel] = []
        var problems: [String] = []
        for (number, cells) in lines(text) {
            guard cells.count <= 3, let method = cells.first.flatMap(MissingText.normalize) else {
                problems.append("Dòng \(number): cần «Hình thức nộp | Thời hạn | Phí, lệ phí».")
                continue
            }
            rows.append(ProcedureChannel(method: method, deadline: cell(cells, 1), fee: cell(cells, 2)))
        }
        return (rows, problems)
    }

    /// "Tên giấy tờ | mẫu1.docx; mẫu2.doc | bản chính | bản sao"
    public static func components(_ text: String) -> (rows: [DossierComponent], problems: [String]) {
        var rows: [DossierComponent] = []
        var problems: [String] = []
        for (number, cells) in lines(text) {
            guard cells.count <= 4, let name = cells.first.flatMap(MissingText.normalize) else {
                problems.append("Dòng \(number): cần «Tên giấy tờ | Mẫu | Số bản chính | Số bản sao».")
                continue
            }
            let forms = (cell(cells, 1) ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let originals = cell(cells, 2)
            let copies = cell(cells, 3)
            if let originals, Int(originals) == nil || Int(originals)! < 0 {
                problems.append("Dòng \(number): số bản chính phải là số nguyên không âm."); continue
            }
            if let copies, Int(copies) == nil || Int(copies)! < 0 {
                problems.append("Dòng \(number): số bản sao phải là số nguyên không âm."); continue
            }
            rows.append(DossierComponent(name: name, forms: forms, originals: originals.flatMap { Int($0) }, copies: copies.flatMap { Int($0) }))
        }
        return (rows, problems)
    }

    /// "Số ký hiệu | Trích yếu"
    public static func legalBasis(_ text: String) -> (rows: [LegalBasis], problems: [String]) {
        var rows: [LegalBasis] = []
        var problems: [String] = []
        for (number, cells) in lines(text) {
            guard cells.count <= 2, cell(cells, 0) != nil || cell(cells, 1) != nil else {
                problems.append("Dòng \(number): cần «Số, ký hiệu | Trích yếu»."); continue
            }
            rows.append(LegalBasis(number: cell(cells, 0), summary: cell(cells, 1)))
        }
        return (rows, problems)
    }

    public static func text(_ rows: [ProcedureChannel]) -> String {
        rows.map { [$0.method, $0.deadline ?? "", $0.fee ?? ""].joined(separator: " | ") }.joined(separator: "\n")
    }

    public static func text(_ rows: [DossierComponent]) -> String {
        rows.map {
            [$0.name, $0.forms.joined(separator: "; "), $0.originals.map(String.init) ?? "", $0.copies.map(String.init) ?? ""].joined(separator: " | ")
        }.joined(separator: "\n")
    }

    public static func text(_ rows: [LegalBasis]) -> String {
        rows.map { [$0.number ?? "", $0.summary ?? ""].joined(separator: " | ") }.joined(separator: "\n")
    }

    private static func lines(_ text: String) -> [(Int, [String])] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().compactMap { index, line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            return (index + 1, trimmed.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) })
        }
    }

    private static func cell(_ cells: [String], _ index: Int) -> String? {
        index < cells.count ? MissingText.normalize(cells[index]) : nil
    }
}
