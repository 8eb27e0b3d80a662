import LoaCore
import Testing

@Suite struct FieldCheckTests {
    func check(_ value: String?, required: Bool = true, max: Int = 10) -> FieldProblem? {
        FieldCheck.text(value, field: "title", label: "Tiêu đề", required: required, max: max)
    }

    @Test func acceptsTrimmedTextWithinLimit() {
        #expect(check("  Thông báo  ") == nil)
        // The limit counts characters after trimming, not bytes.
        #expect(check("  Ủy ban xã\n") == nil)
    }

    @Test func requiredEmptyOrBlank() {
        let expected = FieldProblem(field: "title", message: "Tiêu đề không được để trống.")
        #expect(check(nil) == expected)
        #expect(check("   \n\t") == expected)
        #expect(check(nil, required: false) == nil)
        #expect(check("  ", required: false) == nil)
    }

    @Test func tooLong() {
        #expect(check("Thông báo số 1") == FieldProblem(field: "title", message: "Tiêu đề dài quá 10 ký tự."))
    }

    @Test func controlCharacters() {
        let invalid = FieldProblem(field: "title", message: "Tiêu đề chứa ký tự không hợp lệ.")
        #expect(check("a\u{0000}b") == invalid)
        #expect(check("a\u{001B}b") == invalid)
        #expect(check("a\u{007F}b") == invalid)
        #expect(check("dòng 1\r\ndòng 2\tx", max: 100) == nil)
    }

    @Test(arguments: ["can.bo@tanphu.gov.vn", "  a@b.vn  ", "nguyen+tin@ubnd.hanoi.gov.vn"])
    func validEmails(address: String) {
        #expect(FieldCheck.email(address, field: "email") == nil)
    }

    @Test(
        arguments: [
            nil, "", "can.bo", "@tanphu.vn", "can.bo@", "a@@b.vn", "a@b@c.vn", "a@localhost",
            "a b@c.vn", "a@.vn", "a@gov..vn", "a@gov.vn.",
            String(repeating: "a", count: 250) + "@b.vn",
        ] as [String?])
    func invalidEmails(address: String?) {
        #expect(FieldCheck.email(address, field: "email") == FieldProblem(field: "email", message: "Địa chỉ email không hợp lệ."))
    }
}
