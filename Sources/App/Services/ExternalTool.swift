import Foundation

/// A Debian tool Loa calls when present (libvips, qrencode, pdftotext): found on the PATH at start, run
/// without a shell (arguments are passed as they are), awaited without blocking a thread, and stopped
/// after a time limit so a hostile file cannot hold a request.
struct ExternalTool: Sendable {
    let executable: String?
    var timeout: TimeInterval = 60

    /// The executable's full path when it is on PATH.
    static func find(_ name: String, path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") -> String? {
        path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func detect(_ name: String, path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") -> ExternalTool {
        ExternalTool(executable: find(name, path: path))
    }

    var isAvailable: Bool { executable != nil }

    /// Runs the tool; its exit status, or nil when it is missing or could not start.
    func run(_ arguments: [String]) async -> Int32? {
        guard let executable else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let limit = timeout
        return await withCheckedContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(returning: nil)
                return
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + limit) { if process.isRunning { process.terminate() } }
        }
    }

    /// Runs the tool with an output file it writes, and returns what it wrote (nil on failure).
    func output(_ arguments: (String) -> [String], extension ext: String) async -> Data? {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("loa-\(UUID().uuidString).\(ext)")
        defer { try? FileManager.default.removeItem(at: output) }
        guard await run(arguments(output.path)) == 0 else { return nil }
        return try? Data(contentsOf: output)
    }
}
