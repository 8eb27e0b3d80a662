import Foundation
import LoaCore
import Testing

/// Registration checks as tables: typed text in, canonical form (or the exact Vietnamese refusal) out.
@Suite struct RegistrationChecksTests {
    @Test(arguments: [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("  098 123 4567 ", "0981234567"),
        ("+84912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("84-912-345-678", "0912345678"),
        ("+84 (0) 912 345 678", "0912345678"),
        ("0356.789.012", "0356789012"),
        ("0523456789", "0523456789"),
        ("0701234567", "0701234567"),
        ("0862345678", "0862345678"),
        ("0273 3 851 234", "02733851234"),  // landline, Tiền Giang's area code
        ("+84 24 3825 1234", "02438251234"),  // landline, Hà Nội
    ])
    func phoneNumbersAreCanonical(typed: String, canonical: String) throws {
        #expect(try VietnamesePhoneNumber(typed).canonical == canonical)
    }

    @Test(arguments: [
        ("", "Vui lòng nhập số điện thoại."),
        ("  - . ", "Vui lòng nhập số điện thoại."),
        ("091234567", "Số di động phải có 10 chữ số (ví dụ 0912 345 678); số đã nhập có 9 chữ số."),
        ("09123456789", "Số di động phải có 10 chữ số (ví dụ 0912 345 678); số đã nhập có 11 chữ số."),
        ("+84 91234567", "Số di động phải có 10 chữ số (ví dụ 0912 345 678); số đã nhập có 9 chữ số."),
        ("0", "Số di động phải có 10 chữ số (ví dụ 0912 345 678); số đã nhập có 1 chữ số."),
        ("0273 385 123", "Số cố định phải có 11 chữ số kể cả mã vùng (ví dụ 0273 3 851 234); số đã nhập có 10 chữ số."),
        (
            "0123456789",
            "Đầu số “01” không hợp lệ: số di động bắt đầu bằng 03, 05, 07, 08 hoặc 09, số cố định bắt đầu bằng 02 (các số di động 11 số cũ đầu 01 đã được đổi sang đầu số mới)."
        ),
        (
            "0412345678",
            "Đầu số “04” không hợp lệ: số di động bắt đầu bằng 03, 05, 07, 08 hoặc 09, số cố định bắt đầu bằng 02 (các số di động 11 số cũ đầu 01 đã được đổi sang đầu số mới)."
        ),
        (
            "0612345678",
            "Đầu số “06” không hợp lệ: số di động bắt đầu bằng 03, 05, 07, 08 hoặc 09, số cố định bắt đầu bằng 02 (các số di động 11 số cũ đầu 01 đã được đổi sang đầu số mới)."
        ),
        ("912345678", "Số điện thoại phải bắt đầu bằng 0, +84 hoặc 84, ví dụ 0912 345 678."),
        ("+1 202 555 0100", "Chỉ nhận số điện thoại Việt Nam (mã quốc gia +84)."),
        ("0912x345678", "Số điện thoại chỉ gồm chữ số, có thể cách nhau bằng dấu cách, dấu chấm hoặc dấu gạch ngang; ký tự “x” không hợp lệ."),
        ("0912/345/678", "Số điện thoại chỉ gồm chữ số, có thể cách nhau bằng dấu cách, dấu chấm hoặc dấu gạch ngang; ký tự “/” không hợp lệ."),
        ("0912+345678", "Số điện thoại chỉ gồm chữ số, có thể cách nhau bằng dấu cách, dấu chấm hoặc dấu gạch ngang; ký tự “+” không hợp lệ."),
        ("０９１２３４５６７８", "Số điện thoại chỉ gồm chữ số, có thể cách nhau bằng dấu cách, dấu chấm hoặc dấu gạch ngang; ký tự “０” không hợp lệ."),
    ])
    func badPhoneNumbersAreRefusedPrecisely(typed: String, message: String) {
        #expect(throws: FieldProblem(field: "phone", message: message)) { try VietnamesePhoneNumber(typed) }
    }

    @Test func phoneKindAndMask() throws {
        let mobile = try VietnamesePhoneNumber("0981 234 567")
        #expect(mobile.kind == .mobile)
        #expect(mobile.masked == "098****567")
        let landline = try VietnamesePhoneNumber("0273 3 851 234")
        #expect(landline.kind == .landline)
        #expect(landline.masked == "027*****234")
        #expect(try VietnamesePhoneNumber("+84 981 234 567") == mobile)  // one registration per number
    }

    @Test(arguments: [
        ("Nguyễn Văn A", "Nguyễn V. A"),
        ("Nguyễn Thị Minh Khai", "Nguyễn T. M. Khai"),
        ("  trần   văn   bình ", "trần V. bình"),
        ("Đặng Đình Út", "Đặng Đ. Út"),
        ("Lê Ánh", "Lê Ánh"),
        ("Hà", "Hà"),
        ("", ""),
        ("Nguye\u{0302}\u{0303}n U\u{031B}\u{0301}c Anh", "Nguyễn Ứ. Anh"),  // decomposed input
    ])
    func namesAreMaskedToFamilyInitialsAndGivenName(full: String, masked: String) {
        #expect(PersonName.masked(full) == masked)
    }

    @Test func namesAreCheckedAndNormalised() {
        #expect(PersonName.normalized("  Phạm\tThị  Hoa ") == "Phạm Thị Hoa")
        // String == ignores the difference, so compare the stored scalars: ễ as one scalar, not e + ̂ + ̃.
        #expect(Array(PersonName.normalized("Nguye\u{0302}\u{0303}n").unicodeScalars) == Array("Nguy\u{1EC5}n".unicodeScalars))
        #expect(PersonName.problem("Phạm Thị Hoa") == nil)
        #expect(PersonName.problem("   ")?.message == "Vui lòng nhập họ và tên.")
        #expect(PersonName.problem("Phạm Thị Hoa 2")?.message == "Họ và tên chỉ gồm chữ cái và dấu cách; ký tự “2” không hợp lệ.")
        #expect(PersonName.problem(String(repeating: "a", count: 101))?.message == "Họ và tên không được dài quá 100 ký tự.")
    }

    @Test(arguments: [
        ("079203001234", "079203001234"),
        ("079 203 001 234", "079203001234"),
        ("079.203.001.234", "079203001234"),
        ("079-203-001234", "079203001234"),
    ])
    func citizenIDsAreCanonical(typed: String, canonical: String) throws {
        let number = try CitizenIDNumber(typed)
        #expect(number.canonical == canonical)
        #expect(number.masked == "********1234")
    }

    @Test(arguments: [
        ("", "Vui lòng nhập số định danh cá nhân (12 chữ số trên thẻ căn cước), hoặc để trống."),
        ("312345678", "Số định danh cá nhân phải có 12 chữ số; số đã nhập có 9 chữ số. Số chứng minh nhân dân 9 số cũ không dùng được."),
        ("0792030012345", "Số định danh cá nhân phải có 12 chữ số; số đã nhập có 13 chữ số."),
        ("07920300123A", "Số định danh cá nhân chỉ gồm chữ số; ký tự “A” không hợp lệ."),
    ])
    func badCitizenIDsAreRefusedPrecisely(typed: String, message: String) {
        #expect(throws: FieldProblem(field: "citizenID", message: message)) { try CitizenIDNumber(typed) }
    }
}

/// Stored values come back through the same checks as typed ones.
@Suite struct RegistrationCodingTests {
    @Test func phoneAndCitizenIDEncodeAsCanonicalStringsAndAreCheckedOnDecoding() throws {
        let phone = try VietnamesePhoneNumber("+84 981 234 567")
        let id = try CitizenIDNumber("079 203 001 234")
        #expect(String(decoding: try JSONEncoder().encode([phone]), as: UTF8.self) == "[\"0981234567\"]")
        #expect(String(decoding: try JSONEncoder().encode([id]), as: UTF8.self) == "[\"079203001234\"]")
        #expect(try JSONDecoder().decode([VietnamesePhoneNumber].self, from: Data("[\"0981 234 567\"]".utf8)) == [phone])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([VietnamesePhoneNumber].self, from: Data("[\"0123456789\"]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CitizenIDNumber].self, from: Data("[\"12345\"]".utf8)) }
    }
}
