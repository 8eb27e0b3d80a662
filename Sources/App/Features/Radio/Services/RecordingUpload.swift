import Foundation

/// An uploaded recording checked by its content (issue #11): its first bytes must be MP3, WAV, OGG or
/// M4A, ffprobe must find an audio stream in it, and it must fit the size and length a bulletin may
/// have. Accepted files are kept in `<radio>/originals` under a name of the server's choosing.
extension BulletinRenderer {
    static let maximumRecordingBytes = 50 << 20
    static let maximumRecordingMinutes = 30

    var originals: URL { directory.appendingPathComponent("originals") }

    /// The stored file's name, or why it is refused, in the words the form shows.
    func acceptRecording(_ upload: MultipartForm.File) async -> Result<String, RecordingRefusal> {
        guard upload.size <= Self.maximumRecordingBytes else { return .failure(.tooLarge) }
        if let missingTools { return .failure(.tools(missingTools)) }
        guard let kind = RecordingKind.sniff(Self.head(of: upload)) else { return .failure(.notAudio) }
        try? FileManager.default.createDirectory(at: originals, withIntermediateDirectories: true)
        let name = "\(UUID().uuidString.lowercased()).\(kind.rawValue)"
        let stored = originals.appendingPathComponent(name)
        do {
            switch upload.storage {
            case .disk(let url): try FileManager.default.copyItem(at: url, to: stored)
            case .memory(let bytes): try Data(bytes).write(to: stored)
            }
        } catch {
            return .failure(.notStored)
        }
        guard let seconds = await audio.duration(of: stored) else {
            try? FileManager.default.removeItem(at: stored)
            return .failure(.notAudio)
        }
        guard seconds <= Double(Self.maximumRecordingMinutes * 60) else {
            try? FileManager.default.removeItem(at: stored)
            return .failure(.tooLong(minutes: Int((seconds / 60).rounded())))
        }
        return .success(name)
    }

    private static func head(of upload: MultipartForm.File) -> [UInt8] {
        switch upload.storage {
        case .memory(let bytes): return Array(bytes.prefix(16))
        case .disk(let url):
            guard let handle = try? FileHandle(forReadingFrom: url) else { return [] }
            defer { try? handle.close() }
            return Array((try? handle.read(upToCount: 16)) ?? Data())
        }
    }
}

enum RecordingRefusal: Error, Equatable, CustomStringConvertible {
    case tooLarge
    case notAudio
    case tooLong(minutes: Int)
    case notStored
    case tools(String)

    var description: String {
        switch self {
        case .tooLarge: "Tệp ghi âm lớn hơn \(BulletinRenderer.maximumRecordingBytes >> 20) MB."
        case .notAudio: "Tệp tải lên không phải âm thanh MP3, WAV, OGG hoặc M4A đọc được."
        case .tooLong(let minutes):
            "Bản ghi âm dài khoảng \(minutes) phút, vượt quá \(BulletinRenderer.maximumRecordingMinutes) phút của một bản tin."
        case .notStored: "Máy chủ không lưu được tệp ghi âm. Hãy thử lại."
        case .tools(let message): message
        }
    }
}
