import Foundation

/// A calendar day in Vietnam, independent of time zones: what a decision or a document is dated.
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `yyyy-MM-dd` (what a date input sends and what is stored); nil when not a real date.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1900...2200).contains(year)
        else { return nil }
        self.init(year: year, month: month, day: day)
        guard let date = self.date, CalendarDay(date) == self else { return nil }
    }

    /// The Vietnamese day a moment falls on.
    public init(_ date: Date) {
        let parts = Self.calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = VietnameseDate.timeZone
        return calendar
    }()

    /// Midnight at the start of this day in Vietnam.
    public var date: Date? { Self.calendar.date(from: DateComponents(year: year, month: month, day: day)) }

    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }
    /// dd/MM/yyyy, as Vietnamese documents write it.
    public var vietnamese: String { String(format: "%02d/%02d/%04d", day, month, year) }
    public var description: String { iso }

    public func adding(days: Int) -> CalendarDay {
        guard let date, let moved = Self.calendar.date(byAdding: .day, value: days, to: date) else { return self }
        return CalendarDay(moved)
    }

    /// 1 = Sunday … 7 = Saturday.
    public var weekday: Int { date.map { Self.calendar.component(.weekday, from: $0) } ?? 1 }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

/// Working days: Monday to Friday, minus configured public holidays (Tết and the others move
/// with the lunar calendar and with each year's government decision, so they are data, not code).
public struct WorkingCalendar: Sendable {
    public var holidays: Set<CalendarDay>

    public init(holidays: Set<CalendarDay> = []) { self.holidays = holidays }

    /// Days separated by commas, spaces or line breaks, each `yyyy-MM-dd`; bad entries come back separately.
    public static func parse(_ text: String) -> (calendar: WorkingCalendar, invalid: [String]) {
        var days = Set<CalendarDay>()
        var invalid: [String] = []
        for part in text.split(whereSeparator: { $0 == "," || $0.isWhitespace }) {
            if let day = CalendarDay(iso: String(part)) { days.insert(day) } else { invalid.append(String(part)) }
        }
        return (WorkingCalendar(holidays: days), invalid)
    }

    public func isWorkingDay(_ day: CalendarDay) -> Bool {
        ![1, 7].contains(day.weekday) && !holidays.contains(day)
    }

    /// The day `count` working days after `day` (the day itself does not count).
    public func adding(workingDays count: Int, to day: CalendarDay) -> CalendarDay {
        var current = day
        var remaining = count
        while remaining > 0 {
            current = current.adding(days: 1)
            if isWorkingDay(current) { remaining -= 1 }
        }
        return current
    }

    /// NĐ 43/2011 Art. 17: a legal document is posted within `limit` working days of its issue.
    public func deadline(issued: CalendarDay, limit: Int = 2) -> CalendarDay {
        adding(workingDays: limit, to: issued)
    }
}
