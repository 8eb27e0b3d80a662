import Foundation

/// A month or a quarter of a year in Vietnam's time zone, as reports are asked for: `2020-03` or
/// `2020-Q1`. Reports count what started in `[start, end)`.
public struct ReportPeriod: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case month(Int)
        case quarter(Int)
    }

    public let year: Int
    public let kind: Kind

    /// The years a report may be asked for: enough for any archive, and bounded.
    public static let years = 2000...2100

    public init?(year: Int, kind: Kind) {
        guard Self.years.contains(year) else { return nil }
        switch kind {
        case .month(let month) where (1...12).contains(month): break
        case .quarter(let quarter) where (1...4).contains(quarter): break
        default: return nil
        }
        self.year = year
        self.kind = kind
    }

    /// `yyyy-MM` or `yyyy-Qn`; nil for anything else.
    public init?(code: String) {
        guard code.count <= 7 else { return nil }
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]) else { return nil }
        let rest = parts[1]
        if rest.count == 2, rest.first == "Q" || rest.first == "q", let quarter = Int(rest.dropFirst()) {
            self.init(year: year, kind: .quarter(quarter))
        } else if rest.count == 2, rest.allSatisfy({ ("0"..."9").contains($0) }), let month = Int(rest) {
            self.init(year: year, kind: .month(month))
        } else {
            return nil
        }
    }

    public var code: String {
        switch kind {
        case .month(let month): "\(year)-\(month < 10 ? "0" : "")\(month)"
        case .quarter(let quarter): "\(year)-Q\(quarter)"
        }
    }

    /// "Tháng 3 năm 2020", "Quý I năm 2020".
    public var name: String {
        switch kind {
        case .month(let month): "Tháng \(month) năm \(year)"
        case .quarter(let quarter): "Quý \(["I", "II", "III", "IV"][quarter - 1]) năm \(year)"
        }
    }

    private var firstMonth: Int {
        switch kind {
        case .month(let month): month
        case .quarter(let quarter): quarter * 3 - 2
        }
    }

    private var months: Int {
        switch kind {
        case .month: 1
        case .quarter: 3
        }
    }

    /// Midnight in Vietnam on the first day of the period.
    public var start: Date { CalendarDay(year: year, month: firstMonth, day: 1).date ?? .distantPast }

    /// Midnight in Vietnam on the first day after the period (month 13 is January of the next year).
    public var end: Date {
        let next = firstMonth + months
        return CalendarDay(year: next > 12 ? year + 1 : year, month: next > 12 ? next - 12 : next, day: 1).date ?? .distantFuture
    }

    public func contains(_ date: Date) -> Bool { date >= start && date < end }

    /// The twelve months and four quarters of a year, for a period picker.
    public static func all(in year: Int) -> [ReportPeriod] {
        (1...4).compactMap { ReportPeriod(year: year, kind: .quarter($0)) } + (1...12).compactMap { ReportPeriod(year: year, kind: .month($0)) }
    }
}
