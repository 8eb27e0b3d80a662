import Foundation

/// The abbreviations of administrative Vietnamese, expanded before text-to-speech because espeak-ng
/// spells "UBND" letter by letter in an English-sounding way.
///
/// Keys match whole words, case-sensitively ("KH" is "kế hoạch", "kh" is left alone); a key may end with or
/// contain dots ("TP.", "v.v."). Administrators extend or override the table through `SpeechText.init`.
public enum SpeechAbbreviations {
    /// Keys longer than this never match: it bounds the look-ahead at each word, keeping reading linear.
    public static let maximumKeyLength = 24

    public static let standard: [String: String] = [
        // Bodies and offices
        "UBND": "ủy ban nhân dân", "HĐND": "hội đồng nhân dân", "MTTQ": "mặt trận tổ quốc",
        "UBMTTQ": "ủy ban mặt trận tổ quốc", "UBMTTQVN": "ủy ban mặt trận tổ quốc Việt Nam",
        "CP": "chính phủ", "TTg": "thủ tướng chính phủ", "QH": "quốc hội", "TW": "trung ương", "TƯ": "trung ương",
        "BTTTT": "bộ thông tin và truyền thông", "BCĐ": "ban chỉ đạo", "BCH": "ban chỉ huy", "HTX": "hợp tác xã",
        // Kinds of documents (also the first part of a document's symbol, "KH-UBND")
        "KH": "kế hoạch", "QĐ": "quyết định", "NĐ": "nghị định", "TT": "thông tư", "CV": "công văn",
        "CT": "chỉ thị", "TB": "thông báo", "BC": "báo cáo", "NQ": "nghị quyết", "HD": "hướng dẫn",
        // Subjects
        "CCHC": "cải cách hành chính", "TTHC": "thủ tục hành chính", "BHYT": "bảo hiểm y tế",
        "BHXH": "bảo hiểm xã hội", "THCS": "trung học cơ sở", "THPT": "trung học phổ thông",
        "CNTT": "công nghệ thông tin", "CSDL": "cơ sở dữ liệu", "CCCD": "căn cước công dân",
        "PCCC": "phòng cháy chữa cháy", "ATGT": "an toàn giao thông", "PCTT": "phòng chống thiên tai",
        "TKCN": "tìm kiếm cứu nạn", "ĐT": "điện thoại",
        // Places and money
        "TP.": "thành phố", "Tp.": "thành phố", "TX.": "thị xã", "VNĐ": "đồng", "VND": "đồng",
        // Reading aids
        "v.v.": "vân vân", "v.v": "vân vân",
    ]

    /// A Vietnamese problem with an entry an administrator typed, or nil if it can be used.
    public static func problem(key: String, expansion: String) -> String? {
        if key.isEmpty || key.contains(where: { $0.isWhitespace }) {
            return "Chữ viết tắt phải là một từ, không chứa khoảng trắng."
        }
        if key.count > maximumKeyLength {
            return "Chữ viết tắt dài quá \(maximumKeyLength) ký tự."
        }
        if !key.contains(where: { $0.isLetter }) {
            return "Chữ viết tắt phải có ít nhất một chữ cái."
        }
        if expansion.trimmingCharacters(in: .whitespaces).isEmpty {
            return "Cách đọc của \"\(key)\" không được để trống."
        }
        return nil
    }
}
