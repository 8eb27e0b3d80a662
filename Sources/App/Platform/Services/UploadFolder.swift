import Foundation
import LoaCore

/// A folder of uploaded files under `LOA_DATA_DIR/uploads/` (issue #4). Files are stored as
/// `<uuid>.<kind>`: the name a browser sent is only ever shown, never used as a path.
struct UploadFolder: Sendable {
    let path: String

    init(configuration: AppConfiguration, name: String) {
        path = (configuration.uploadsDirectory as NSString).appendingPathComponent(name)
    }

    /// The stored file's path; only names Loa generated are accepted.
    func path(of storedName: String) -> String? {
        let parts = storedName.split(separator: ".")
        guard parts.count == 2, UUID(uuidString: String(parts[0])) != nil, Self.extensions.contains(String(parts[1])) else { return nil }
        return (path as NSString).appendingPathComponent(storedName)
    }

    /// Writes the data under a new name; returns the name and the full path.
    func write(_ data: Data, kind: DocumentFileKind) throws -> (name: String, path: String) {
        try write(data, extension: kind.rawValue)
    }

    /// Extensions of the kinds Loa checks by content: documents and photos.
    static let extensions = Set(DocumentFileKind.allCases.map(\.rawValue) + ImageProbe.Format.allCases.map(\.fileExtension))

    func write(_ data: Data, extension ext: String) throws -> (name: String, path: String) {
        precondition(Self.extensions.contains(ext), "unchecked file kind \(ext)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let name = "\(UUID().uuidString.lowercased()).\(ext)"
        let full = (path as NSString).appendingPathComponent(name)
        try data.write(to: URL(fileURLWithPath: full), options: .atomic)
        return (name, full)
    }

    func remove(_ storedName: String) {
        if let full = path(of: storedName) { try? FileManager.default.removeItem(atPath: full) }
    }
}
