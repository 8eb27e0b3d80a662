/// Scoring units against a criteria set (e.g. the propaganda sub-criteria of the province's CCHC index).
public enum EvaluationRule: String, CaseIterable, Codable, Sendable {
    /// The inspector types the score.
    case manual
    /// Maximum points × share of the unit's plan items whose target was met.
    case targetsMet

    public var vietnameseName: String {
        switch self {
        case .manual: "Chấm thủ công"
        case .targetsMet: "Tự tính theo tỷ lệ chỉ tiêu đạt"
        }
    }
}

public enum Evaluation {
    /// Points computed by a rule, rounded to a quarter point as score sheets are.
    public static func computedPoints(maxPoints: Double, itemsMet: Int, itemsTotal: Int) -> Double {
        guard itemsTotal > 0 else { return 0 }
        return (maxPoints * Double(itemsMet) / Double(itemsTotal) * 4).rounded(.down) / 4
    }

    /// A score typed by the inspector: a number from 0 to the criterion's maximum.
    public static func check(points: Double?, maxPoints: Double) -> FieldProblem? {
        guard let points, points.isFinite else {
            return FieldProblem(field: "points", message: "Điểm phải là một số, ví dụ 1,5.")
        }
        if points < 0 { return FieldProblem(field: "points", message: "Điểm không được âm.") }
        if points > maxPoints {
            return FieldProblem(field: "points", message: "Điểm \(format(points)) vượt quá điểm tối đa \(format(maxPoints)) của tiêu chí.")
        }
        return nil
    }

    /// Vietnamese decimal comma: 1,5.
    public static func format(_ points: Double) -> String {
        let rounded = (points * 100).rounded() / 100
        var text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        text = text.replacingOccurrences(of: ".", with: ",")
        return text
    }

    /// Reads "1,5" or "1.5".
    public static func parse(_ text: String) -> Double? {
        Double(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "."))
    }
}
