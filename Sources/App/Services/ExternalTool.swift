import Foundation

/// A Debian tool Loa calls when present (qrencode, pdftotext — issue #4): found on the PATH at start,
/// run without a shell (arguments are passed as they are), awaited without blocking a thread.
struct ExternalTool: Sendable {
    let executable: String?

    static func detect(_ name: String, path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") -> ExternalTool {
        ExternalTool(executable: path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) })
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
        return await withCheckedContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(returning: nil)
            }
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
