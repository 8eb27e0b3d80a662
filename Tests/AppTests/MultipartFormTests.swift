import Foundation
import NIOCore
import Testing

@testable import App

@Suite struct MultipartFormTests {
    @Test func fieldsAndFilesAreSplit() throws {
        let body = ByteBuffer(
            string:
                "--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"summary\"\r\n\r\nKế hoạch\r\nhai dòng\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"../a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--X\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"b.docx\"\r\n\r\nPK\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n\r\n\r\n"
                + "--XyZ--\r\n")
        #expect(MultipartForm.boundary(of: "multipart/form-data; boundary=XyZ") == "XyZ")
        #expect(MultipartForm.boundary(of: "multipart/form-data; boundary=\"XyZ\"") == "XyZ")
        #expect(MultipartForm.boundary(of: "application/x-www-form-urlencoded") == nil)
        let form = try MultipartForm.parse(body, boundary: "XyZ")
        #expect(form["_csrf"] == "tok")
        #expect(form["summary"] == "Kế hoạch\r\nhai dòng")
        #expect(form.files("files").map(\.filename) == ["../a.pdf", "b.docx"])
        #expect(String(decoding: form.files("files")[0].bytes, as: UTF8.self) == "%PDF-1.4\r\n--X")
        #expect(form.files("empty").isEmpty)
        // A body cut off before its first part ends yields no half-read field.
        #expect(
            try MultipartForm.parse(ByteBuffer(string: "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nbroken"), boundary: "XyZ").fields.isEmpty)
    }
}
