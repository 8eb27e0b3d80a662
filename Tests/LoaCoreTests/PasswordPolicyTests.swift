import LoaCore
import Testing

@Suite struct PasswordPolicyTests {
    func problems(_ password: String, confirmation: String? = nil, email: String = "can.bo@tanphu.gov.vn") -> [PasswordProblem] {
        PasswordPolicy.problems(password: password, confirmation: confirmation ?? password, email: email)
    }

    @Test func acceptsAGoodPassphrase() {
        #expect(problems("Ngày mai trời lại sáng").isEmpty)
        #expect(problems("xK9#vq2!Lm").isEmpty)  // exactly the minimum
    }

    @Test func tooShortCountsCharactersNotBytes() {
        #expect(problems("Ab3#xyz99") == [.tooShort(minimum: 10)])
        // Ten Vietnamese letters are many more bytes but still only ten characters: acceptable.
        #expect(problems("ếặưỗộđờẫẩủ").isEmpty)
    }

    @Test func tooLongCountsUTF8Bytes() {
        #expect(problems(String(repeating: "a1", count: 36)).isEmpty)  // 72 bytes
        #expect(problems(String(repeating: "a", count: 73)) == [.tooLong(maximum: 72)])
        // 25 characters but 75 bytes: bcrypt would silently ignore the tail.
        #expect(problems(String(repeating: "ế", count: 25)) == [.tooLong(maximum: 72)])
    }

    @Test func rejectsTheEmailOrItsLocalPart() {
        #expect(problems("Can.Bo@TanPhu.gov.vn").contains(.sameAsEmail))
        #expect(problems("nguyenvanan", email: "NguyenVanAn@gmail.com") == [.sameAsEmail])
        #expect(!problems("nguyenvanan", email: "").contains(.sameAsEmail))
    }

    @Test(arguments: ["1234567890", "MatKhau123", "password123", "QWERTYUIOP", "admin12345"])
    func rejectsCommonPasswords(password: String) {
        #expect(problems(password) == [.tooCommon])
    }

    @Test func reportsMismatchTogetherWithOtherProblems() {
        #expect(problems("Ngày mai trời lại sáng", confirmation: "Ngày mai trời lại sang") == [.mismatch])
        #expect(problems("short", confirmation: "") == [.tooShort(minimum: 10), .mismatch])
    }

    @Test func vietnameseMessages() {
        #expect(PasswordProblem.tooShort(minimum: 10).message == "Mật khẩu phải có ít nhất 10 ký tự.")
        #expect(PasswordProblem.tooLong(maximum: 72).message.contains("72"))
        #expect(PasswordProblem.mismatch.message == "Mật khẩu nhập lại không khớp.")
        let all: [PasswordProblem] = [.tooShort(minimum: 10), .tooLong(maximum: 72), .sameAsEmail, .tooCommon, .mismatch]
        #expect(Set(all.map(\.message)).count == all.count)
        #expect(all.allSatisfy { $0.message.hasPrefix("Mật khẩu") })
    }
}
