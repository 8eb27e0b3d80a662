import Foundation

/// Fixed-format dates as shown to Vietnamese readers, always in Vietnam's time zone
/// regardless of the server's own zone.
public enum VietnameseDate {
    /// Asia/Ho_Chi_Minh; falls back to a fixed UTC+7 if the system lacks tz data.
    public static let timeZone: TimeZone =
        TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!

    // Calendar is a value type and Sendable, so a shared instance is thread-safe,
    // unlike a shared DateFormatter.
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// "27/04/2020"
    public static func day(_ date: Date) -> String {
        let parts = components(of: date)
        return "\(twoDigits(parts.day))/\(twoDigits(parts.month))/\(fourDigits(parts.year))"
    }

    /// "27/04/2020 08:30"
    public static func dayTime(_ date: Date) -> String {
        let parts = components(of: date)
        return "\(day(date)) \(twoDigits(parts.hour)):\(twoDigits(parts.minute))"
    }

    /// The day alone when the time is midnight in Vietnam (an event entered with a date only), else
    /// the day and time: "16/04/2026" rather than "16/04/2026 00:00".
    public static func dayOrDayTime(_ date: Date) -> String {
        let parts = components(of: date)
        return parts.hour == 0 && parts.minute == 0 ? day(date) : dayTime(date)
    }

    /// "ngày 27 tháng 4 năm 2020", as administrative documents date themselves.
    public static func longDay(_ date: Date) -> String {
        let parts = components(of: date)
        return "ngày \(twoDigits(parts.day)) tháng \(twoDigits(parts.month)) năm \(fourDigits(parts.year))"
    }

    public static func year(_ date: Date) -> Int { components(of: date).year ?? 1970 }

    /// "2020-04-27T08:30:00+07:00"
    public static func iso8601(_ date: Date) -> String {
        let parts = components(of: date)
        let datePart = "\(fourDigits(parts.year))-\(twoDigits(parts.month))-\(twoDigits(parts.day))"
        let timePart = "\(twoDigits(parts.hour)):\(twoDigits(parts.minute)):\(twoDigits(parts.second))"
        return "\(datePart)T\(timePart)\(offset(for: date))"
    }

    private static func components(of date: Date) -> DateComponents {
        calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }

    /// The offset is looked up per date because Vietnam's offset changed historically.
    private static func offset(for date: Date) -> String {
        let seconds = timeZone.secondsFromGMT(for: date)
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return "\(sign)\(twoDigits(minutes / 60)):\(twoDigits(minutes % 60))"
    }

    private static func twoDigits(_ value: Int?) -> String {
        pad(value ?? 0, to: 2)
    }

    private static func fourDigits(_ value: Int?) -> String {
        pad(value ?? 0, to: 4)
    }

    private static func pad(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
