import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

@Suite struct DocumentTests {
    struct FilePart { var name: String; var fileName: String; var data: Data }

    /// Posts a multipart form the way a browser does, with the browser's cookies.
    static func upload(_ browser: Browser, _ uri: String, _ fields: [String: String], files: [FilePart]) async throws -> TestResponse {
        let boundary = "loa-test-boundary-7e3c"
        var body = Data()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8)
            body += file.data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        var headers = HTTPFields()
        headers[.cookie] = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return try await browser.client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }

    /// A one-page PDF whose text layer says `text` (ASCII), with a correct cross-reference table.
    static func pdf(_ text: String) -> Data {
        let stream = "BT /F1 12 Tf 72 720 Td (\(text)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n" + offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(pdf.utf8)
    }

    static let fields = [
        "site": "tan-phu-dong", "form": "Kế hoạch", "number": "125/KH-UBND", "issuing_body": "Ủy ban nhân dân huyện Tân Phú Đông",
        "signer": "Nguyễn Văn A", "issued_on": "2026-03-10", "summary": "Kế hoạch <script>alert(1)</script> năm 2026",
        "sector": "Cải cách hành chính", "posted_on": "2026-03-13", "is_legal": "1",
    ]

    @Test(arguments: TestDatabase.engines)
    func documentsAreUploadedByContentSearchedAndDownloaded(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let password = try await BackOfficeTests.account(app, email: "vp.huyen@loa.local", unitCode: "DEMO-TPD", role: .editor)
            let browser = try await BackOfficeTests.signIn(client, "vp.huyen@loa.local", password)
            let form = try await browser.get("/quan-tri/van-ban/moi")
            #expect(form.status == .ok)
            #expect(form.text.contains("enctype=\"multipart/form-data\""))
            var fields = Self.fields
            let token: String = try #require(Browser.csrf(in: form.text))
            fields["_csrf"] = token

            // A renamed executable is refused by its content; nothing is stored.
            let elf = Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]) + Data(count: 64)
            let refused = try await Self.upload(
                browser, "/quan-tri/van-ban/moi", fields, files: [FilePart(name: "files", fileName: "ke-hoach.docx", data: elf)])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Tệp «ke-hoach.docx»: Tệp là chương trình chạy được, không phải văn bản."))
            #expect(refused.text.contains("value=\"125/KH-UBND\""))
            #expect(try await Document.query(on: app.db).count() == 0)
            // Without a CSRF token the upload is refused before anything runs.
            var noToken = fields
            noToken["_csrf"] = nil
            #expect(try await Self.upload(browser, "/quan-tri/van-ban/moi", noToken, files: []).status == .forbidden)

            let pdf = Self.pdf("tuyen truyen xoa mu chu tai ap Thanh Binh")
            let saved = try await Self.upload(
                browser, "/quan-tri/van-ban/moi", fields, files: [FilePart(name: "files", fileName: "../../etc/Kế hoạch 125.pdf", data: pdf)])
            #expect(saved.status == .seeOther)
            let document = try #require(try await Document.query(on: app.db).with(\.$files).first())
            #expect(document.slug == "125-kh-ubnd")
            let file = try #require(document.files.first)
            #expect(file.displayName == "Kế hoạch 125.pdf")
            #expect(file.kind == "pdf")
            // Stored under a generated name only.
            let stored = try FileManager.default.contentsOfDirectory(atPath: app.services.configuration.uploadsDirectory + "/documents")
            #expect(stored == [file.storedName])
            #expect(UUID(uuidString: String(file.storedName.dropLast(4))) != nil)

            // The legal-deadline helper: issued Tuesday 10/3, due Thursday 12/3, posted Friday 13/3.
            let edit = try await browser.get(try #require(saved.headers[.location]))
            #expect(edit.text.contains("Trễ hạn 1 ngày làm việc: đăng ngày 13/03/2026, hạn chót 12/03/2026"))

            // Public listing, filters, search and the page.
            let list = try await client.execute(uri: "/van-ban", method: .get)
            #expect(list.status == .ok)
            #expect(list.text.contains("<a href=\"/van-ban/125-kh-ubnd\">125/KH-UBND</a>"))
            #expect(list.text.contains("Kế hoạch &lt;script&gt;alert(1)&lt;/script&gt; năm 2026"))
            #expect(!list.text.contains("<script>alert(1)"))
            #expect(try await client.execute(uri: "/van-ban?nam=2025", method: .get).text.contains("Tìm thấy 0 văn bản."))
            #expect(try await client.execute(uri: "/van-ban?nam=2026&hinh-thuc=K%E1%BA%BF+ho%E1%BA%A1ch", method: .get).text.contains("Tìm thấy 1 văn bản."))
            #expect(try await client.execute(uri: "/van-ban?q=125%2FKH", method: .get).text.contains("Tìm thấy 1 văn bản."))
            #expect(try await client.execute(uri: "/van-ban?q=cai+cach+hanh+chinh", method: .get).text.contains("Tìm thấy 1 văn bản."))
            if app.services.pdfText.isAvailable {
                #expect(file.text?.contains("tuyen truyen xoa mu chu") == true)
                #expect(try await client.execute(uri: "/van-ban?q=xoa+mu+chu", method: .get).text.contains("Tìm thấy 1 văn bản."))
            } else {
                print("⚠️  pdftotext not installed: search in PDF text is not checked")
            }
            #expect(try await client.execute(uri: "/xa/tan-thoi/van-ban", method: .get).text.contains("Tìm thấy 0 văn bản."))
            let page = try await client.execute(uri: "/van-ban/125-kh-ubnd", method: .get)
            #expect(page.status == .ok)
            let href = "/van-ban/125-kh-ubnd/tep/\(try file.requireID().uuidString.lowercased())"
            #expect(page.text.contains("<a href=\"\(href)\">Tải về Kế hoạch 125.pdf</a>"))
            let download = try await client.execute(uri: href, method: .get)
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"ke hoach 125.pdf\"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20125.pdf")
            #expect(Data(buffer: download.body) == pdf)
            #expect(try await client.execute(uri: "/van-ban/125-kh-ubnd/tep/\(UUID().uuidString)", method: .get).status == .notFound)

            // Relations: a second document replaces the first and names an article and a procedure of the site.
            _ = try await ProcedureTests.importFixtures(app, site: "tan-phu-dong")
            var second = Self.fields
            second["number"] = "130/KH-UBND"
            second["replaces"] = "125/KH-UBND"
            second["procedures"] = "1.000101"
            second["articles"] = "tap-huan-nghiep-vu-kiem-soat-thu-tuc-hanh-chinh-cho-can-bo-mot-cua-cac-xa, khong-co-tin-nay"
            second["_csrf"] = fields["_csrf"]
            let badLink = try await Self.upload(browser, "/quan-tri/van-ban/moi", second, files: [])
            #expect(badLink.status == .unprocessableContent)
            #expect(badLink.text.contains("Không có tin bài có đường dẫn «khong-co-tin-nay» trên trang này."))
            second["articles"] = "tap-huan-nghiep-vu-kiem-soat-thu-tuc-hanh-chinh-cho-can-bo-mot-cua-cac-xa"
            #expect(try await Self.upload(browser, "/quan-tri/van-ban/moi", second, files: []).status == .seeOther)
            let secondPage = try await client.execute(uri: "/van-ban/130-kh-ubnd", method: .get)
            #expect(secondPage.text.contains("<a href=\"/van-ban/125-kh-ubnd\">Thay thế văn bản 125/KH-UBND:"))
            #expect(secondPage.text.contains("<a href=\"/thu-tuc-hanh-chinh/1.000101\">Thủ tục 1.000101: Đăng ký khai sinh</a>"))
            #expect(secondPage.text.contains("<a href=\"/tin-tuc/tap-huan-nghiep-vu-kiem-soat-thu-tuc-hanh-chinh-cho-can-bo-mot-cua-cac-xa\">Tin bài:"))

            // The CCHC hub gathers the reform sector's documents.
            #expect(
                try await client.execute(uri: "/cai-cach-hanh-chinh", method: .get).text.contains(
                    "<a href=\"/van-ban/125-kh-ubnd\">Kế hoạch số 125/KH-UBND</a>"))

            // The API lists and describes it as documented.
            let document_ = try #require(try APITests.json(try await client.execute(uri: "/api/openapi.json", method: .get)) as? [String: Any])
            let schemas = try #require((document_["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let apiList = try await client.execute(uri: "/api/v1/sites/tan-phu-dong/documents?year=2026&q=125", method: .get)
            #expect(APITests.conforms(try APITests.json(apiList), to: ["$ref": "#/components/schemas/DocumentPage"], schemas: schemas))
            #expect((try APITests.json(apiList) as? [String: Any])?["total"] as? Int == 1)
            let apiDocument = try await client.execute(uri: "/api/v1/sites/tan-phu-dong/documents/125-kh-ubnd", method: .get)
            #expect(APITests.conforms(try APITests.json(apiDocument), to: ["$ref": "#/components/schemas/Document"], schemas: schemas))
            #expect(try await client.execute(uri: "/api/v1/sites/tan-phu-dong/documents?year=x", method: .get).status == .badRequest)

            // A commune's editor cannot see or change the district's document.
            let communePassword = try await BackOfficeTests.account(app, email: "vp.xa@loa.local", unitCode: "DEMO-TPD-1", role: .editor)
            let commune = try await BackOfficeTests.signIn(client, "vp.xa@loa.local", communePassword)
            let id = try document.requireID().uuidString
            #expect(try await commune.get("/quan-tri/van-ban/\(id)").status == .notFound)
            let communeForm = try await commune.get("/quan-tri/van-ban/moi")
            var changed = Self.fields
            changed["summary"] = "Bị sửa"
            changed["_csrf"] = Browser.csrf(in: communeForm.text)
            #expect(try await Self.upload(commune, "/quan-tri/van-ban/\(id)", changed, files: []).status == .notFound)
            #expect(try await Self.upload(commune, "/quan-tri/van-ban/moi", changed, files: []).status == .forbidden)
            #expect(try await Document.query(on: app.db).first()?.summary == Self.fields["summary"])
        }
    }

    @Test func largeUploadsNeedAnAccount() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let anonymous = Browser(client)
            _ = try await anonymous.get("/quan-tri/dang-nhap")
            // Even with the right pre-session token, a body past the small-form limit is refused.
            let token = try #require(anonymous.cookies[CSRFMiddleware.anonymousCookie])
            let big = try await Self.upload(
                anonymous, "/quan-tri/dang-nhap", ["_csrf": token],
                files: [
                    FilePart(name: "files", fileName: "a.pdf", data: Data("%PDF-1.4".utf8) + Data(count: 2 << 20))
                ])
            #expect(big.status == .contentTooLarge)
            // A wrong token stops the upload at its first part.
            let forged = try await Self.upload(
                anonymous, "/quan-tri/dang-nhap", ["_csrf": "x"],
                files: [
                    FilePart(name: "files", fileName: "a.pdf", data: Data("%PDF-1.4".utf8) + Data(count: 2 << 20))
                ])
            #expect(forged.status == .forbidden)
        }
    }

    @Test func legalDeadlineCountsWorkingDaysAndHolidays() throws {
        let issued = try #require(CalendarDay(iso: "2026-04-29"))
        let onTime = DocumentService.deadline(
            issued: issued, posted: try #require(CalendarDay(iso: "2026-05-04")),
            holidays: [
                try #require(CalendarDay(iso: "2026-04-30")), try #require(CalendarDay(iso: "2026-05-01")),
            ])
        // Wednesday 29/4; 30/4 and 1/5 are holidays, 2-3/5 a weekend: due Tuesday 5/5.
        #expect(onTime.due.iso == "2026-05-05")
        #expect(onTime.onTime)
        let late = DocumentService.deadline(issued: issued, posted: try #require(CalendarDay(iso: "2026-05-04")), holidays: [])
        #expect(late.due.iso == "2026-05-01")
        #expect(!late.onTime)
        #expect(late.message.hasPrefix("Trễ hạn 1 ngày làm việc"))
    }
}
