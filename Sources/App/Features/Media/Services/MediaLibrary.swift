import FluentKit
import Foundation
import LoaCore

/// Stores uploaded images and their renditions (issue #3). The type is read from the bytes
/// (`ImageProbe`), files are named by id only, and a row exists only once its files are in place:
/// an upload that fails half-way leaves nothing behind.
struct MediaLibrary: Sendable {
    let db: any Database
    let uploadsDirectory: String
    /// `vipsthumbnail` when installed; without it the original is served at every width.
    let vipsthumbnail: String?
    /// `vips` when installed: every upload is decoded in full once, and refused when it does not decode.
    var vips: String? = nil
    var now: @Sendable () -> Date = { Date() }

    static let renditionWidths = [320, 640, 1024]
    static let urlPrefix = "/media/"

    enum Outcome {
        case stored(Media)
        case refused(ImageProbe.Refusal)
    }

    var mediaDirectory: URL { URL(fileURLWithPath: uploadsDirectory).appendingPathComponent("media") }

    /// Stores an upload's original and queues its renditions (issue #10). `renditionsNow` makes them before
    /// returning instead, for the first start's demo banners, so the demo is complete at once.
    func store(
        _ bytes: [UInt8], originalName: String, alt: String, caption: String, siteID: UUID, userID: UUID?, renditionsNow: Bool = false
    ) async throws -> Outcome {
        let probe: ImageProbe
        switch ImageProbe.inspect(bytes) {
        case .failure(let refusal): return .refused(refusal)
        case .success(let inspected): probe = inspected
        }
        // What is stored and served is the photo without its metadata (GPS, camera serial, comments);
        // a structure that ends early is a cut-short file.
        guard let clean = ImageMetadata.stripped(bytes, format: probe.format) else { return .refused(.incomplete) }
        let id = UUID()
        let staging = mediaDirectory.appendingPathComponent(".tmp-\(id.uuidString)")
        let final = mediaDirectory.appendingPathComponent(id.uuidString)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            let ext = probe.format.fileExtension
            let original = staging.appendingPathComponent("original.\(ext)")
            try Data(clean).write(to: original)
            // libvips pads a truncated image with grey unless told to fail: decode it all, strictly.
            if let vips, await ExternalTool(executable: vips, limits: .time(30)).run(["avg", original.path + "[fail_on=truncated]"]) != 0 {
                try? FileManager.default.removeItem(at: staging)
                return .refused(.incomplete)
            }
            try FileManager.default.moveItem(at: staging, to: final)
            let media = Media(
                id: id, siteID: siteID, probe: probe, bytes: clean.count, renditionWidths: [],
                originalName: SafeFileName.display(originalName, fallback: "anh"), alt: alt, caption: caption, createdBy: userID)
            do {
                if renditionsNow { media.renditionWidths = try await makeRenditions(of: media).map(String.init).joined(separator: ",") }
                // Otherwise a job makes them: the upload answers once the original is safe, and pages show the
                // original until they exist. Row and job commit together or not at all.
                let uploadedAt = now()
                let queueRenditions = !renditionsNow && vipsthumbnail != nil && !Self.renditionWidths(for: media).isEmpty
                try await db.writeTransaction { db in
                    try await media.create(on: db)
                    if queueRenditions {
                        try await RenditionJob.enqueue(mediaID: id, now: uploadedAt, on: db)
                    }
                }
            } catch {
                try? FileManager.default.removeItem(at: final)
                throw error
            }
            return .stored(media)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }

    // MARK: Renditions

    /// The widths worth making for an image: those narrower than the original.
    static func renditionWidths(for media: Media) -> [Int] {
        renditionWidths.filter { $0 < media.width }
    }

    /// Writes the renditions of `media` beside its original and returns their widths; without
    /// `vipsthumbnail`, none. Each file is written under a temporary name and renamed into place, so a
    /// reader never sees half a file and a second run (a job is run at least once) simply replaces them.
    func makeRenditions(of media: Media) async throws -> [Int] {
        guard let vipsthumbnail, let id = media.id else { return [] }
        let directory = mediaDirectory.appendingPathComponent(id.uuidString)
        let ext = media.imageFormat.fileExtension
        let original = directory.appendingPathComponent("original.\(ext)")
        var widths: [Int] = []
        for width in Self.renditionWidths(for: media) {
            let target = directory.appendingPathComponent("\(width).\(ext)")
            let partial = directory.appendingPathComponent(".partial-\(width)-\(UUID().uuidString).\(ext)")
            // `strip` drops EXIF (a phone photo's GPS position must not reach the portal).
            let options = media.imageFormat == .jpeg ? "[Q=82,strip]" : "[strip]"
            let status = await ExternalTool(executable: vipsthumbnail, limits: .time(30))
                .run([original.path, "--size", "\(width)x", "-o", partial.path + options])
            guard status == 0 else {
                try? FileManager.default.removeItem(at: partial)
                throw RenditionError(mediaID: id, width: width, status: status)
            }
            _ = try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: partial, to: target)
            widths.append(width)
        }
        return widths
    }

    struct RenditionError: Error, CustomStringConvertible {
        var mediaID: UUID
        var width: Int
        var status: Int32?
        var description: String {
            "vipsthumbnail could not make the \(width) px rendition of media \(mediaID) (exit status \(status.map(String.init) ?? "none"))"
        }
    }

    // MARK: URLs

    /// `/media/<id>.jpg` (original) or `/media/<id>-640.jpg` (a rendition).
    static func path(id: UUID, format: ImageProbe.Format, width: Int? = nil) -> String {
        urlPrefix + id.uuidString.lowercased() + (width.map { "-\($0)" } ?? "") + "." + format.fileExtension
    }

    /// The `<img>` attributes of a library image: the 640 rendition as `src`, every width in `srcset`.
    static func imageSource(_ media: Media) -> MarkdownHTML.ImageSource {
        guard let id = media.id else { return MarkdownHTML.ImageSource(src: "") }
        let widths = media.widths
        let original = path(id: id, format: media.imageFormat)
        guard !widths.isEmpty else { return MarkdownHTML.ImageSource(src: original, width: media.width, height: media.height) }
        let srcset = (widths.map { "\(path(id: id, format: media.imageFormat, width: $0)) \($0)w" } + ["\(original) \(media.width)w"])
            .joined(separator: ", ")
        let src = path(id: id, format: media.imageFormat, width: widths.contains(640) ? 640 : widths.last)
        return MarkdownHTML.ImageSource(src: src, srcset: srcset, width: media.width, height: media.height)
    }

    /// The media id a body's image URL refers to, if it is a library URL of any width.
    static func mediaID(inURL url: String) -> UUID? {
        guard url.hasPrefix(urlPrefix) else { return nil }
        let file = url.dropFirst(urlPrefix.count)
        return UUID(uuidString: String(file.prefix(36)))
    }

    /// Library images a body refers to, by id, for rendering it with renditions.
    static func images(referencedBy markdown: String, on db: any Database) async throws -> [UUID: Media] {
        let ids = Set(MarkdownHTML.imageURLs(markdown).compactMap(Self.mediaID(inURL:)))
        return try await media(Set(ids.prefix(100)), on: db)
    }

    /// The featured images of a list of articles, by media id, in one query.
    static func featured(of articles: [Article], on db: any Database) async throws -> [UUID: Media] {
        try await media(Set(articles.compactMap(\.featuredMediaID)), on: db)
    }

    private static func media(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: Media] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await Media.query(on: db).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(uniqueKeysWithValues: rows.compactMap { row in row.id.map { ($0, row) } })
    }

    /// The file to serve for a public media path segment such as `<id>-640.jpg`, or nil.
    func file(forName name: String) -> (url: URL, mimeType: String)? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let format = ImageProbe.Format.allCases.first(where: { $0.fileExtension == parts[1] }) else { return nil }
        let stem = parts[0]
        guard stem.count >= 36, let id = UUID(uuidString: String(stem.prefix(36))) else { return nil }
        let suffix = stem.dropFirst(36)
        let width: Int?
        if suffix.isEmpty {
            width = nil
        } else {
            guard suffix.first == "-", let value = Int(suffix.dropFirst()), Self.renditionWidths.contains(value) else { return nil }
            width = value
        }
        let directory = mediaDirectory.appendingPathComponent(id.uuidString)
        let rendition = width.map { directory.appendingPathComponent("\($0).\(format.fileExtension)") }
        let original = directory.appendingPathComponent("original.\(format.fileExtension)")
        for candidate in [rendition, original].compactMap({ $0 }) where FileManager.default.fileExists(atPath: candidate.path) {
            return (candidate, format.mimeType)
        }
        return nil
    }
}
