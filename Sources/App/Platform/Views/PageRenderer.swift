import Foundation
import Hummingbird
import Mustache

/// Renders a page's view model with its Mustache template. Every template opens with
/// `{{% CONTENT_TYPE: LOA_HTML}}`, so `{{value}}` is escaped by `ScalarHTMLContentType` (quotes
/// included); templates never see raw user text unless a `{{{triple}}}` asks for it, and the only
/// triples are HTML this app built itself from escaped parts
/// (docs/decisions/0002-templates-mustache.md, 0030-scalar-html-escaping.md).
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    static func load() async throws -> PageRenderer {
        guard let directory = AppResources.url("Templates") else { throw RendererError.templatesMissing }
        // Registered before the templates are parsed: the parser looks the pragma's name up.
        MustacheContentTypes.register(ScalarHTMLContentType(), named: ScalarHTMLContentType.name)
        let library = try await MustacheLibrary(directory: directory.path)
        // An empty library would turn every page into a 500: refuse to start instead.
        guard library.getTemplate(named: "error") != nil else { throw RendererError.templatesMissing }
        return PageRenderer(library: library)
    }

    enum RendererError: Error { case templatesMissing, unknownTemplate(String) }

    func render(_ model: Any, template: String) throws -> String {
        guard let html = library.render(model, withTemplate: template) else { throw RendererError.unknownTemplate(template) }
        return html
    }

    func response(_ model: Any, template: String, status: HTTPResponse.Status = .ok) throws -> Response {
        Self.htmlResponse(try render(model, template: template), status: status)
    }

    static func htmlResponse(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// Files shipped with the app as SwiftPM resources (`Sources/App/Resources`), found from any working directory.
enum AppResources {
    static func url(_ folder: String) -> URL? {
        Bundle.module.url(forResource: folder, withExtension: nil, subdirectory: "Resources")
            ?? Bundle.module.url(forResource: folder, withExtension: nil)
    }
}

/// A link in a menu; `current` marks the page being shown (`aria-current="page"`).
struct MenuItem: Sendable {
    var label: String
    var href: String
    var current: Bool = false
}

/// An option of a `<select>`.
struct SelectOption: Sendable {
    var value: String
    var label: String
    var selected: Bool = false
}
