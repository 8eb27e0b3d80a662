import Foundation

extension CollectivePrizeRule {
    /// Reads the organiser's thresholds, one per line: "50: 80" means units of fewer than 50 people
    /// need 80 % taking part; "*: 40" applies to every larger unit. A "%" and words around the
    /// numbers are allowed ("dưới 50 người: 80 %"). The result is checked by `problems`.
    public static func bands(fromText text: String) -> Result<[ParticipationBand], FieldProblem> {
        var bands: [ParticipationBand] = []
        for (index, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            func number(_ part: String) -> Int? {
                let digits = part.filter(\.isASCIIDigit)
                return digits.isEmpty || digits.count > 9 ? nil : Int(digits)
            }
            guard parts.count == 2, let percent = number(parts[1]) else {
                return .failure(
                    FieldProblem(
                        field: "collective_bands",
                        message:
                            "Dòng \(index + 1) của ngưỡng tham gia phải có dạng “quy mô: tỷ lệ”, ví dụ “50: 80” hoặc “*: 40”, không phải “\(line.prefix(60))”.")
                )
            }
            let size = number(parts[0])
            if size == nil, parts[0] != "*", !parts[0].lowercased().contains("còn lại") {
                return .failure(
                    FieldProblem(field: "collective_bands", message: "Dòng \(index + 1): quy mô đơn vị phải là một số người, hoặc “*” cho mọi quy mô còn lại."))
            }
            bands.append(ParticipationBand(sizeBelow: size, minimumPercent: percent))
        }
        return .success(bands)
    }

    /// The thresholds as `bands(fromText:)` reads them back.
    public var bandsText: String {
        bands.map { "\($0.sizeBelow.map(String.init) ?? "*"): \($0.minimumPercent)" }.joined(separator: "\n")
    }
}
