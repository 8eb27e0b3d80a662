import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// The article page ("Chi tiết tin") and its download.
extension PublicController {
    @Sendable func article(_ r: PublicRequest) async throws -> Response {
        let (article, redirect) = try await findArticle(r)
        if let redirect { return redirect }
        let page = try await articlePage(article, r)
        return try renderer.response(page, template: "public/article")
    }

    /// "Lưu": the article as a self-contained HTML file to keep or send on.
    @Sendable func articleDownload(_ r: PublicRequest) async throws -> Response {
        let (article, redirect) = try await findArticle(r)
        if let redirect { return redirect }
        var response = try renderer.response(try await articlePage(article, r), template: "public/article")
        response.headers[.contentDisposition] = "attachment; filename=\"\(article.slug).html\""
        return response
    }

    /// The article at the slug, or a permanent redirect when the slug is an old one.
    private func findArticle(_ r: PublicRequest) async throws -> (Article, Response?) {
        guard let slug = r.context.parameters.get("slug") else { throw AppError.notFound }
        let now = clients.now()
        if let article = try await ArticleQueries.article(siteID: r.site.id, slug: slug, now: now, on: db) {
            return (article, nil)
        }
        if let moved = try await ArticleQueries.renamed(siteID: r.site.id, slug: slug, now: now, on: db) {
            let target: SitePage =
                r.context.endpointPath?.hasSuffix("tai-ve") == true
                ? .articleDownload(slug: moved.slug) : .article(slug: moved.slug)
            return (moved, .redirect(to: r.mount.path(target), type: .permanent))
        }
        // A withdrawn article says so instead of pretending it never existed.
        if try await Article.query(on: db).filter(\.$site.$id == r.site.id).filter(\.$slug == slug)
            .filter(\.$status == ArticleState.unpublished.rawValue).count() > 0
        {
            throw AppError.gone("Tin bài này đã được cơ quan chủ quản gỡ khỏi trang thông tin điện tử.")
        }
        throw AppError.notFound
    }

    func articlePage(_ article: Article, _ r: PublicRequest) async throws -> ArticlePage {
        let now = clients.now()
        let published = article.publishedAt ?? now
        let slug = article.slug
        var pageShell = shell(r, current: .article(slug: slug), title: article.title, description: article.summary)
        let category = try await article.$category.get(on: db)
        pageShell.breadcrumbs = [
            MenuItem(label: "Trang chủ", href: r.mount.path(.home)),
            category.map { MenuItem(label: $0.name, href: r.mount.path(.category(slug: $0.slug, page: 1))) }
                ?? MenuItem(label: "Tin tức", href: r.mount.path(.news(page: 1))),
            MenuItem(label: article.title, href: r.mount.path(.article(slug: slug)), current: true),
        ]
        let tags = try await article.$tags.get(on: db)
        article.$tags.value = tags
        let (previous, next) = try await ArticleQueries.neighbours(of: article, now: now, on: db)
        let related = try await ArticleQueries.related(to: article, limit: 5, now: now, on: db)
        let relatedMedia = try await MediaLibrary.featured(of: related, on: db)
        let canonical = pageShell.canonicalURL
        let encoded = canonical.addingPercentEncoding(withAllowedCharacters: .urlPathSegmentAllowed) ?? canonical
        // Read aloud by the radio feature's background job (issue #11); absent until then.
        let listen = try await ArticleAudio.current(for: article, on: db).map { audio in
            ArticlePage.Listen(
                href: r.mount.path(.articleAudio(id: article.id?.uuidString.lowercased() ?? "")),
                duration: ArticleReading.duration(audio.durationSeconds ?? 0))
        }
        return ArticlePage(
            shell: pageShell, title: article.title, summary: article.summary,
            dateTime: VietnameseDate.dayTime(published), isoDate: VietnameseDate.iso8601(published),
            bodyHTML: ArticleBodyHTML.render(article.body, media: try await MediaLibrary.images(referencedBy: article.body, on: db)),
            imageURL: try await featuredImageURL(article, r),
            author: article.authorName,
            source: article.source.isEmpty ? nil : article.source,
            category: category.map { MenuItem(label: $0.name, href: r.mount.path(.category(slug: $0.slug, page: 1))) },
            tags: tags.map(\.name),
            related: related.map { ArticleCard($0, mount: r.mount, media: relatedMedia) },
            previous: previous.map { MenuItem(label: $0.title, href: r.mount.path(.article(slug: $0.slug))) },
            next: next.map { MenuItem(label: $0.title, href: r.mount.path(.article(slug: $0.slug))) },
            downloadHref: r.mount.path(.articleDownload(slug: slug)),
            shareLinks: [
                MenuItem(label: "Chia sẻ lên Facebook", href: "https://www.facebook.com/sharer/sharer.php?u=\(encoded)"),
                MenuItem(label: "Chia sẻ qua Zalo", href: "https://zalo.me/share?url=\(encoded)"),
                MenuItem(
                    label: "Gửi email",
                    href: "mailto:?subject=\(article.title.addingPercentEncoding(withAllowedCharacters: .urlPathSegmentAllowed) ?? "")&body=\(encoded)"),
            ], listen: listen)
    }

    /// The featured image as an absolute URL, for OpenGraph.
    private func featuredImageURL(_ article: Article, _ r: PublicRequest) async throws -> String? {
        guard let id = article.featuredMediaID, let media = try await Media.find(id, on: db) else { return nil }
        return baseURL(of: r.site).absoluteString + MediaLibrary.imageSource(media).src
    }
}
