import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import LoaCore

/// `/xem-truoc/:token`: a draft shown to a leader without an account, until the link expires (issue #3).
/// Never cached and never indexed.
extension PublicController {
    func registerPreview(on router: Router<AppRequestContext>) {
        router.get(RouterPath(SystemRoute.preview.rawValue)) { request, context in
            guard let token = context.parameters.get("token"), token.count < 200,
                let preview = try await PreviewToken.query(on: db).filter(\.$tokenHash == TokenHash.sha256Hex(token)).first(),
                preview.expiresAt > clients.now(),
                let article = try await Article.query(on: db).filter(\.$id == preview.$article.id).with(\.$tags).first(),
                let site = try await sites.all().first(where: { $0.id == article.$site.id })
            else { throw AppError.notFound }
            let mount: SiteMount = site.isPrimary ? .root : .underPrefix(site.slug)
            let r = PublicRequest(site: site, mount: mount, request: request, context: context)
            var page = try await articlePage(article, r)
            page.previewNotice = "Bản xem trước — tin bài chưa được đăng công khai."
            var response = try renderer.response(page, template: "public/article")
            response.headers[.cacheControl] = "no-store"
            response.headers[HTTPField.Name("X-Robots-Tag")!] = "noindex, nofollow"
            return response
        }
    }
}
