import LoaCore
import Testing

@Suite struct SpeechTextTests {
    let speech = SpeechText()

    /// Every rule of the normaliser as written text → what the voice is given.
    @Test(arguments: [
        // Whole numbers in a sentence
        ("Có 0 hồ sơ", "Có không hồ sơ"),
        ("10 xã", "mười xã"), ("11 ấp", "mười một ấp"), ("20 cụm loa", "hai mươi cụm loa"),
        ("21 người", "hai mươi mốt người"), ("15 ngày", "mười lăm ngày"), ("101 hộ", "một trăm linh một hộ"),
        ("105 hộ", "một trăm linh năm hộ"), ("110 hộ", "một trăm mười hộ"), ("1000 lượt", "một nghìn lượt"),
        ("1001 lượt", "một nghìn không trăm linh một lượt"), ("1010 lượt", "một nghìn không trăm mười lượt"),
        ("năm 2024", "năm hai nghìn không trăm hai mươi bốn"),
        ("05 ngày làm việc", "năm ngày làm việc"),
        // Thousands dots and decimal commas
        ("1.000.000 người", "một triệu người"), ("1.000.000.000", "một tỷ"), ("1000000000", "một tỷ"),
        ("1.250.000", "một triệu hai trăm năm mươi nghìn"), ("2,5 ha", "hai phẩy năm ha"),
        ("0,75", "không phẩy bảy mươi lăm"), ("1.250,5", "một nghìn hai trăm năm mươi phẩy năm"),
        ("3,05 tấn", "ba phẩy không năm tấn"),
        ("Năm 2020.", "Năm hai nghìn không trăm hai mươi."), ("1, 2, 3", "một, hai, ba"),
        ("1.2.3", "một chấm hai chấm ba"), ("12.34", "mười hai chấm ba mươi bốn"),
        // Negative numbers and ranges
        ("nhiệt độ -5 độ", "nhiệt độ âm năm độ"), ("(-12)", "(âm mười hai)"),
        ("từ 7-10 ngày", "từ bảy đến mười ngày"), ("giai đoạn 2021–2025", "giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm hai mươi lăm"),
        // Dates
        ("27/04/2020", "ngày hai mươi bảy tháng tư năm hai nghìn không trăm hai mươi"),
        ("ngày 27/04/2020", "ngày hai mươi bảy tháng tư năm hai nghìn không trăm hai mươi"),
        ("Ngày 1/1/2025", "Ngày một tháng một năm hai nghìn không trăm hai mươi lăm"),
        ("hạn 31/12/2025", "hạn ngày ba mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi lăm"),
        ("trong 04/2020", "trong tháng tư năm hai nghìn không trăm hai mươi"),
        ("tháng 11/2024", "tháng mười một năm hai nghìn không trăm hai mươi bốn"),
        ("ngày 2/9", "ngày hai tháng chín"), ("nga\u{0300}y 2/9", "ngày hai tháng chín"), ("đạt 3/5 xã", "đạt ba trên năm xã"),
        ("32/13/2020", "ba mươi hai trên mười ba trên hai nghìn không trăm hai mươi"),
        // Times
        ("lúc 05:30", "lúc năm giờ ba mươi phút"), ("lúc 5h30", "lúc năm giờ ba mươi phút"),
        ("17h00", "mười bảy giờ"), ("17h", "mười bảy giờ"), ("14:05", "mười bốn giờ năm phút"),
        ("08:15:30", "tám giờ mười lăm phút ba mươi giây"), ("25:99", "hai mươi lăm chín mươi chín"),
        // Percentages and money
        ("45%", "bốn mươi lăm phần trăm"), ("đạt 99,5%", "đạt chín mươi chín phẩy năm phần trăm"),
        ("50.000 đồng", "năm mươi nghìn đồng"), ("50.000đ", "năm mươi nghìn đồng"),
        ("50.000 VNĐ", "năm mươi nghìn đồng"), ("50.000VNĐ.", "năm mươi nghìn đồng."),
        ("1,5 triệu đồng", "một phẩy năm triệu đồng"),
        // Phone numbers
        ("Gọi 0273 3851 234", "Gọi không hai bảy ba, ba tám năm một, hai ba bốn"),
        ("ĐT: 0273.3851.234", "điện thoại: không hai bảy ba, ba tám năm một, hai ba bốn"),
        ("0909-123-456", "không chín không chín, một hai ba, bốn năm sáu"),
        ("0909123456", "không chín không chín, một hai ba, bốn năm sáu"),
        ("mã 0012", "mã không không một hai"),
        // Document numbers
        ("45/KH-UBND", "số bốn mươi lăm, kế hoạch, ủy ban nhân dân"),
        (
            "Kế hoạch số 45/KH-UBND ngày 27/4/2020",
            "Kế hoạch số bốn mươi lăm, kế hoạch, ủy ban nhân dân ngày hai mươi bảy tháng tư năm hai nghìn không trăm hai mươi"
        ),
        ("Nghị định 42/2022/NĐ-CP.", "Nghị định số bốn mươi hai năm hai nghìn không trăm hai mươi hai, nghị định, chính phủ."),
        ("Quyết định 135/QĐ-TTg", "Quyết định số một trăm ba mươi lăm, quyết định, thủ tướng chính phủ"),
        ("12/BC-XYZ", "số mười hai, báo cáo, XYZ"),
        // Abbreviations
        ("UBND xã Tân Thới", "ủy ban nhân dân xã Tân Thới"), ("HĐND huyện", "hội đồng nhân dân huyện"),
        ("công tác CCHC và TTHC", "công tác cải cách hành chính và thủ tục hành chính"),
        ("BHYT, BHXH", "bảo hiểm y tế, bảo hiểm xã hội"), ("trường THCS, THPT", "trường trung học cơ sở, trung học phổ thông"),
        ("MTTQ xã", "mặt trận tổ quốc xã"), ("sách, vở, v.v. đều", "sách, vở, vân vân đều"),
        ("TP. Mỹ Tho", "thành phố Mỹ Tho"), ("TP.HCM", "TP.HCM"), ("theo KH", "theo kế hoạch"),
        ("ABCD lạ", "ABCD lạ"), ("Ubnd", "Ubnd"), ("kh", "kh"),
        // Digits inside words stay as written
        ("mã 1.012753.H19", "mã một chấm mười hai nghìn bảy trăm năm mươi ba.H19"),
        ("COVID-19", "COVID-19"), ("Covid-19 lần 2", "Covid-19 lần hai"), ("H19", "H19"), ("mạng 4G, 5ha", "mạng 4G, 5ha"), ("-x", "-x"),
        ("", ""), ("Không có số", "Không có số"),
    ])
    func reads(written: String, spoken: String) throws {
        #expect(try speech.reading(written) == spoken)
    }

    @Test func callersExtendAndOverrideTheTable() throws {
        let local = SpeechText(extraAbbreviations: ["TTVH": "trung tâm văn hóa", "KH": "khách hàng"])
        #expect(try local.reading("TTVH huyện mời KH") == "trung tâm văn hóa huyện mời khách hàng")
        #expect(try local.reading("12/KH-UBND") == "số mười hai, khách hàng, ủy ban nhân dân")
        #expect(try speech.reading("TTVH") == "TTVH")
    }

    @Test func overLongKeysAreIgnoredSoLookAheadStaysBounded() throws {
        let key = String(repeating: "A", count: SpeechAbbreviations.maximumKeyLength + 1)
        let local = SpeechText(extraAbbreviations: [key: "dài"])
        #expect(try local.reading(key) == key)
    }

    @Test(
        arguments: [
            ("UBND", "ủy ban", nil), ("", "x", "Chữ viết tắt phải là một từ, không chứa khoảng trắng."),
            ("U B", "x", "Chữ viết tắt phải là một từ, không chứa khoảng trắng."), ("123", "x", "Chữ viết tắt phải có ít nhất một chữ cái."),
            ("ABC", " ", "Cách đọc của \"ABC\" không được để trống."),
        ] as [(String, String, String?)])
    func checksAdministratorEntries(key: String, expansion: String, problem: String?) {
        #expect(SpeechAbbreviations.problem(key: key, expansion: expansion) == problem)
    }

    @Test func refusesTextOverTheLimitWithAVietnameseMessage() {
        let limited = SpeechText(maximumLength: 10)
        #expect(throws: SpeechTextError.tooLong(length: 11, maximum: 10)) { try limited.reading("12345678901") }
        #expect((try? limited.reading("1234567890")) != nil)
        #expect(
            SpeechTextError.tooLong(length: 11, maximum: 10).message
                == "Văn bản dài 11 ký tự, vượt quá giới hạn 10 ký tự của một bản tin đọc tự động.")
    }

    /// Long hostile inputs (a digit run, a dotted run, dots after a word) are read in one pass:
    /// the output keeps every letter and the call returns (a quadratic scan would take minutes).
    @Test func hostileRunsAreReadWhole() throws {
        let big = SpeechText(maximumLength: 400_000)
        let dotted = String(repeating: "1.", count: 100_000)
        #expect(try big.reading(dotted).hasSuffix("một."))
        let dots = "v" + String(repeating: ".v", count: 100_000)
        #expect(try big.reading(dots).hasPrefix("vân vân"))
        let digits = String(repeating: "9", count: 200_000)
        #expect(try big.reading(digits).hasPrefix("chín chín"))
    }
}
