import Foundation
import LoaCore

/// HTML escaping for the few fragments Loa builds outside Mustache (article bodies, SVG later).
enum HTML {
    static func escape(_ text: String) -> String { MarkdownHTML.escape(text) }
}

/// Article bodies and static pages: Markdown (LoaCore's `MarkdownHTML`, safe by construction) with
/// the media library's images served at several widths.
enum ArticleBodyHTML {
    static func render(_ markdown: String, media: [UUID: Media] = [:]) -> String {
        MarkdownHTML.render(markdown) { url in
            MediaLibrary.mediaID(inURL: url).flatMap { media[$0] }.map(MediaLibrary.imageSource)
        }
    }
}
