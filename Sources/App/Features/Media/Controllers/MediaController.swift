import Foundation
import Hummingbird
import NIOCore

/// Serves the media library's files: `/media/<id>.jpg` and `/media/<id>-640.jpg`. A file never
/// changes under its name, so browsers and proxies may keep it for a year.
struct MediaController: Sendable {
    let library: MediaLibrary

    func register(on router: Router<AppRequestContext>) {
        router.get(RouterPath(SystemRoute.media.rawValue)) { _, context in
            guard let name = context.parameters.get("file"), let file = library.file(forName: name) else { throw AppError.notFound }
            let data = try await Task.detached { try Data(contentsOf: file.url) }.value
            var headers = HTTPFields()
            headers[.contentType] = file.mimeType
            headers[.cacheControl] = "public, max-age=31536000, immutable"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
