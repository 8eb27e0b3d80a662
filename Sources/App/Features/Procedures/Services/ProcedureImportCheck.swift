import Foundation
import LoaCore

/// The back office's field checks applied to an imported procedure record (issue #8, item 9): no control
/// characters but newline, CR and tab (they break XML feeds and a NUL cuts text short), and the form's
/// lengths. Every string of the record is visited, nested tables included, so nothing slips through a
/// field the form edits as a table.
enum ProcedureImportCheck {
    static let limits: [String: Int] = ["code": 40, "name": 1_000, "sector": 300]
    /// The back office's limit on each desk text field.
    static let otherFieldLimit = 20_000

    /// The first field that fails, as a Vietnamese issue for the import report; nil when the record passes.
    static func problem(_ record: ProcedureRecord, source: String) -> ProcedureIssue? {
        var found: ProcedureIssue?
        visit(record, path: "") { path, text in
            guard found == nil else { return }
            let field = path.split(separator: ".").first.map(String.init) ?? path
            let max = limits[field] ?? otherFieldLimit
            guard FieldCheck.text(text, field: field, label: field, required: false, max: max) != nil else { return }
            if let scalar = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control && !["\n", "\r", "\t"].contains($0) }) {
                found = ProcedureIssue(source: source, field: path, reason: "chứa ký tự điều khiển U+\(String(format: "%04X", scalar.value))")
            } else {
                found = ProcedureIssue(source: source, field: path, reason: "dài quá \(max) ký tự")
            }
        }
        return found
    }

    /// Every string inside the record with its path ("components[2].name"), by reflection so a field
    /// added to the record later is checked without touching this file.
    private static func visit(_ value: Any, path: String, _ body: (String, String) -> Void) {
        if let text = value as? String { return body(path, text) }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let wrapped = mirror.children.first { visit(wrapped.value, path: path, body) }
        case .collection:
            for (index, element) in mirror.children.enumerated() { visit(element.value, path: "\(path)[\(index)]", body) }
        case .struct:
            for child in mirror.children {
                guard let label = child.label else { continue }
                visit(child.value, path: path.isEmpty ? label : "\(path).\(label)", body)
            }
        default: break  // levels and counts: not text
        }
    }
}
