import FluentKit
import Foundation
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

/// "Nghe bài viết" (issue #11): a published article is read aloud in the background, its page offers
/// the audio once it exists, and an edit has it read again — never with the old words.
@Suite struct ArticleAudioTests {
    @Test(arguments: TestDatabase.engines)
    func aPublishedArticleIsReadAloudAndReadAgainWhenItChanges(engine: TestDatabase) async throws {
        guard RadioBulletinTests.missingTools == nil else { return }
        try await TestApp.run(engine) { app, client in
            let job = RadioFeature.articleAudio(app.services)
            let article = try #require(
                try await Article.query(on: app.db).filter(\.$status == ArticleState.published.rawValue).sort(\.$publishedAt, .descending)
                    .sort(\.$id).first())
            let site = try #require(try await Site.find(article.$site.id, on: app.db))
            let pagePath = "/xa/\(site.slug)/tin-tuc/\(article.slug)"
            let audioPath = "/xa/\(site.slug)/nghe-bai-viet/\(try article.requireID().uuidString.lowercased())"

            // The sweep queues the newest article once per version, however often it runs.
            #expect(try await job.sweep(limit: 1) == 1)
            #expect(try await job.sweep(limit: 1) == 0)
            #expect(!(try await client.execute(uri: pagePath, method: .get).text.contains("Nghe bài viết")))
            #expect(try await client.execute(uri: audioPath, method: .get).status == .notFound)

            #expect(try await app.services.jobs.runDue() == 1)
            let page = try await client.execute(uri: pagePath, method: .get)
            #expect(page.text.contains(#"<h2 id="nghe-bai-viet">Nghe bài viết</h2>"#))
            #expect(page.text.contains(#"<audio controls preload="none" src="\#(audioPath)"></audio>"#))
            let audio = try await client.execute(uri: audioPath, method: .get)
            #expect(audio.status == .ok)
            #expect(audio.headers[.contentType] == "audio/mpeg")
            #expect(audio.body.readableBytes > 2_000)
            let first = try #require(try await ArticleAudio.query(on: app.db).filter(\.$articleID == article.requireID()).first())
            let directory = BulletinRenderer.directory(uploads: app.services.configuration.uploadsDirectory)
            let firstFile = try #require(first.file)
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(firstFile).path))

            // An edit: the old reading is no longer offered, and the next sweep has it read again.
            try await app.services.pageCache.changingContent(on: app.db, site: site.id) { db in
                article.body += "\n\nĐoạn bổ sung về thủ tục hành chính."
                article.version += 1
                try await article.save(on: db)
            }
            #expect(!(try await client.execute(uri: pagePath, method: .get).text.contains("Nghe bài viết")))
            #expect(try await client.execute(uri: audioPath, method: .get).status == .notFound)
            #expect(try await job.sweep(limit: 1) == 1)
            #expect(try await app.services.jobs.runDue() == 1)
            #expect(try await client.execute(uri: pagePath, method: .get).text.contains("Nghe bài viết"))
            let second = try #require(try await ArticleAudio.query(on: app.db).filter(\.$articleID == article.requireID()).first())
            #expect(second.articleVersion == article.version)
            #expect(second.file != firstFile)
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent(firstFile).path))
            #expect(try await ArticleAudio.query(on: app.db).count() == 1)

            // Withdrawn: no audio for it either.
            article.status = ArticleState.unpublished.rawValue
            try await article.save(on: app.db)
            #expect(try await client.execute(uri: audioPath, method: .get).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func withoutTheToolsNothingIsQueued(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let renderer = RadioFeature.bulletinRenderer(app.services)
            let missing = BulletinRenderer(
                db: renderer.db, synthesizer: EspeakSynthesizer(tool: ExternalTool(executable: nil)), audio: renderer.audio,
                directory: renderer.directory)
            let job = ArticleAudioJob(renderer: missing, clients: app.pinned.clients, pageCache: app.services.pageCache)
            let queued = try await job.sweep()
            let ran = try await app.services.jobs.runDue()
            #expect(queued == 0)
            #expect(ran == 0)
        }
    }
}
