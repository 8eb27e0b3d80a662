import FluentKit
import Foundation
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

@Suite struct MediaTests {
    static let vipsInstalled = ExternalTool.find("vipsthumbnail") != nil

    @Test(arguments: TestDatabase.engines)
    func uploadChecksTheContentMakesRenditionsAndServesThem(engine: TestDatabase) async throws {
        if !Self.vipsInstalled { print("⚠️  vipsthumbnail not installed: renditions are not checked (apt-get install libvips-tools).") }
        try await TestApp.run(engine) { app, client in
            let password = try await BackOfficeTests.account(app, email: "btv@loa.local", unitCode: "DEMO-TPD", role: .editor)
            let editor = try await BackOfficeTests.signIn(client, "btv@loa.local", password)
            let csrf = Browser.csrf(in: try await editor.get("/quan-tri/thu-vien").text)

            // Without alt text nothing is stored and what was typed stays.
            let noAlt = try await editor.upload(
                "/quan-tri/thu-vien", ["site": "tan-phu-dong", "alt": "", "caption": "Chú thích giữ lại"],
                file: ("file", "anh.png", TestImages.png(width: 700, height: 20)), csrf: csrf)
            #expect(noAlt.status == .unprocessableContent)
            #expect(noAlt.text.contains("Chú thích giữ lại"))

            // An executable renamed .jpg, an empty file and a polyglot are refused with their reasons.
            for (name, bytes, reason) in [
                ("virus.jpg", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 64), "không phải ảnh JPEG, PNG hoặc WebP"),
                ("rong.png", [], "Tệp rỗng"),
                ("lai.png", TestImages.png(width: 8, height: 8) + Array("<script>alert(1)</script>".utf8), "có chứa mã HTML hoặc script"),
            ] as [(String, [UInt8], String)] {
                let refused = try await editor.upload(
                    "/quan-tri/thu-vien", ["site": "tan-phu-dong", "alt": "Ảnh thử"], file: ("file", name, bytes), csrf: csrf)
                #expect(refused.status == .unprocessableContent, "\(name)")
                #expect(refused.text.contains(reason), "\(name)")
            }
            // 30 MB is refused with the limit in the message.
            let huge = try await editor.upload(
                "/quan-tri/thu-vien", ["site": "tan-phu-dong", "alt": "Ảnh lớn"],
                file: ("file", "lon.png", TestImages.png(width: 8, height: 8) + [UInt8](repeating: 0, count: 30 << 20)), csrf: csrf)
            #expect(huge.status == .unprocessableContent)
            #expect(huge.text.contains("Tệp quá lớn: tối đa 10 MB."))
            let before = try await Media.query(on: app.db).count()

            let stored = try await editor.upload(
                "/quan-tri/thu-vien", ["site": "tan-phu-dong", "alt": "Người dân <nộp> hồ sơ", "caption": ""],
                file: ("file", "../../etc/passwd\u{0007}.png", TestImages.png(width: 700, height: 20)), csrf: csrf)
            #expect(stored.status == .seeOther)
            #expect(try await Media.query(on: app.db).count() == before + 1)
            let media = try #require(try await Media.query(on: app.db).filter(\.$alt == "Người dân <nộp> hồ sơ").first())
            #expect(media.format == "png")
            #expect(media.width == 700 && media.height == 20)
            #expect(media.originalName == "passwd.png")
            // The upload answered before any rendition existed; the queued job makes them (issue #10).
            #expect(media.widths == [])
            #expect(try await app.services.jobs.runDue() == (Self.vipsInstalled ? 1 : 0))
            let rendered = try #require(try await Media.find(media.id, on: app.db))
            #expect(rendered.widths == (Self.vipsInstalled ? [320, 640] : []))

            let id = try media.requireID()
            let original = try await client.execute(uri: MediaLibrary.path(id: id, format: .png), method: .get)
            #expect(original.status == .ok)
            #expect(original.headers[.contentType] == "image/png")
            #expect(original.headers[.cacheControl]?.contains("immutable") == true)
            let rendition = try await client.execute(uri: MediaLibrary.path(id: id, format: .png, width: 320), method: .get)
            #expect(rendition.status == .ok)
            if Self.vipsInstalled {
                #expect(try ImageProbe.inspect(Array(rendition.body.readableBytesView)).get().width == 320)
            }
            // Names that are not a library file are 404, whatever they try.
            for bad in ["/media/..%2F..%2Fetc%2Fpasswd", "/media/\(id.uuidString)-999.png", "/media/\(id.uuidString).exe"] {
                #expect(try await client.execute(uri: bad, method: .get).status == .notFound, "\(bad)")
            }
            // The library lists it with its text escaped.
            let library = try await editor.get("/quan-tri/thu-vien")
            #expect(library.text.contains("Người dân &lt;nộp&gt; hồ sơ"))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func bodyImagesGetRenditionsAndFeaturedImagesShowInListings(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let password = try await BackOfficeTests.account(app, email: "ld@loa.local", unitCode: "DEMO-TPD", role: .approver)
            let approver = try await BackOfficeTests.signIn(client, "ld@loa.local", password)
            let csrf = Browser.csrf(in: try await approver.get("/quan-tri/thu-vien").text)
            _ = try await approver.upload(
                "/quan-tri/thu-vien", ["site": "tan-phu-dong", "alt": "Quang cảnh hội nghị"],
                file: ("file", "hoi-nghi.png", TestImages.png(width: 1200, height: 30)), csrf: csrf)
            try await app.services.jobs.runDue()
            let media = try #require(try await Media.query(on: app.db).filter(\.$alt == "Quang cảnh hội nghị").first())
            let url = MediaLibrary.path(id: try media.requireID(), format: .png)

            // An image without alt text in the body is refused, the text kept.
            let refused = try await approver.post(
                "/quan-tri/tin-bai/moi", ["site": "tan-phu-dong", "title": "Hội nghị", "body": "Mở đầu\n\n![](\(url))"], csrf: csrf)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Ảnh trong nội dung phải có mô tả"))

            let created = try await approver.post(
                "/quan-tri/tin-bai/moi",
                [
                    "site": "tan-phu-dong", "title": "Hội nghị triển khai cải cách hành chính", "summary": "Tóm tắt",
                    "body": "Mở đầu\n\n![Quang cảnh hội nghị](\(url) \"Ảnh: Văn phòng\")", "featured": try media.requireID().uuidString,
                ],
                csrf: csrf)
            #expect(created.status == .seeOther)
            let article = try #require(try await Article.query(on: app.db).filter(\.$title == "Hội nghị triển khai cải cách hành chính").first())
            #expect(article.featuredMediaID == media.id)
            let path = "/quan-tri/tin-bai/\(try article.requireID().uuidString)"
            #expect(try await approver.post(path + "/chuyen-trang-thai", ["transition": "publish"], csrf: csrf).status == .seeOther)

            let page = try await client.execute(uri: "/tin-tuc/\(article.slug)", method: .get).text
            #expect(page.contains("<figure><img src=\""))
            #expect(page.contains("alt=\"Quang cảnh hội nghị\""))
            #expect(page.contains("width=\"1200\" height=\"30\" loading=\"lazy\""))
            #expect(page.contains("<figcaption>Ảnh: Văn phòng</figcaption>"))
            #expect(page.contains("<meta property=\"og:image\" content=\"http://loa.test/media/"))
            if Self.vipsInstalled { #expect(page.contains("-320.png 320w")) }
            let listing = try await client.execute(uri: "/tin-tuc", method: .get).text
            #expect(listing.contains("class=\"thumb\""))

            // The live preview renders the same body the same way, only for signed-in writers.
            let preview = try await approver.post("/quan-tri/xem-truoc-noi-dung", ["body": "**Đậm** <script>x</script>"], csrf: csrf)
            #expect(preview.text == "<p><strong>Đậm</strong> &lt;script&gt;x&lt;/script&gt;</p>")
            #expect(try await client.execute(uri: "/quan-tri/xem-truoc-noi-dung", method: .post).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func slideshowShowsOnTheHomePageAndIsManagedPerSite(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            // The demo district has its two slides, linked to its articles, without any script needed.
            let home = try await client.execute(uri: "/", method: .get).text
            #expect(home.contains("aria-roledescription=\"trình chiếu\""))
            #expect(home.contains("Một cửa: nhanh, gọn, đúng hẹn"))
            #expect(home.contains("<a href=\"/tin-tuc/cong-tac-tuyen-truyen-ve-cai-cach-hanh-chinh-nam-2020"))
            #expect(!home.contains("setInterval"))

            // A commune's editor manages the commune's slideshow only.
            let password = try await BackOfficeTests.account(app, email: "xa@loa.local", unitCode: "DEMO-TPD-1", role: .editor)
            let editor = try await BackOfficeTests.signIn(client, "xa@loa.local", password)
            let page = try await editor.get("/quan-tri/trinh-chieu")
            #expect(page.status == .ok)
            #expect(!page.text.contains("Một cửa: nhanh, gọn"))
            let csrf = Browser.csrf(in: page.text)
            let districtMedia = try #require(try await Media.query(on: app.db).first())
            let forbidden = try await editor.post(
                "/quan-tri/trinh-chieu", ["site": "tan-phu-dong", "media": try districtMedia.requireID().uuidString, "caption": "x"], csrf: csrf)
            #expect(forbidden.status == .forbidden)
            let otherSitesImage = try await editor.post(
                "/quan-tri/trinh-chieu", ["site": "tan-thoi", "media": try districtMedia.requireID().uuidString, "caption": "Ảnh"], csrf: csrf)
            #expect(otherSitesImage.status == .unprocessableContent)
            #expect(otherSitesImage.text.contains("thư viện của chính trang thông tin này"))
            let slide = try #require(try await Slide.query(on: app.db).first())
            #expect(try await editor.post("/quan-tri/trinh-chieu/\(try slide.requireID().uuidString)/xoa", [:], csrf: csrf).status == .notFound)

            _ = try await editor.upload(
                "/quan-tri/thu-vien", ["site": "tan-thoi", "alt": "Trụ sở xã"], file: ("file", "tru-so.png", TestImages.png(width: 400, height: 10)), csrf: csrf
            )
            let media = try #require(try await Media.query(on: app.db).filter(\.$alt == "Trụ sở xã").first())
            let added = try await editor.post(
                "/quan-tri/trinh-chieu",
                ["site": "tan-thoi", "media": try media.requireID().uuidString, "caption": "Trụ sở <mới>", "link": "javascript:alert(1)"], csrf: csrf)
            #expect(added.status == .unprocessableContent)
            let saved = try await editor.post(
                "/quan-tri/trinh-chieu", ["site": "tan-thoi", "media": try media.requireID().uuidString, "caption": "Trụ sở <mới>", "link": "/gioi-thieu"],
                csrf: csrf)
            #expect(saved.status == .seeOther)
            let communeHome = try await client.execute(uri: "/xa/tan-thoi/", method: .get).text
            #expect(communeHome.contains("<a href=\"/xa/tan-thoi/gioi-thieu\">Trụ sở &lt;mới&gt;</a>"))
        }
    }
}
