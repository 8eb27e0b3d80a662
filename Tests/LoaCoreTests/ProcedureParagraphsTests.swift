import LoaCore
import Testing

@Suite struct ProcedureParagraphsTests {
    @Test func stepsAndNumberedPointsRunningOnInOneLineStartTheirOwnParagraphs() {
        let text = """
            - Trình tự thực hiện:
            Bước 1. Nộp hồ sơ tại Bộ phận một cửa; Bước 2. Công chức kiểm tra hồ sơ. Bước 3: Trả kết quả theo Mẫu số 02a. 2. Đối với trường hợp khác: a) Nộp trực tuyến
            """
        #expect(
            ProcedureParagraphs.split(text) == [
                "- Trình tự thực hiện:", "Bước 1. Nộp hồ sơ tại Bộ phận một cửa;", "Bước 2. Công chức kiểm tra hồ sơ.",
                "Bước 3: Trả kết quả theo Mẫu số 02a.", "2. Đối với trường hợp khác:", "a) Nộp trực tuyến",
            ])
    }

    @Test func referencesInsideASentenceAreNotBroken() {
        let text = "Theo khoản 1 Điều 35. của Luật, điểm a) khoản 2 và Nghị định 16/2024 ngày 1. 5 không tách."
        #expect(ProcedureParagraphs.split(text) == [text])
    }
}
