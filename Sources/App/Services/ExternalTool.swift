import Foundation

/// Runs one of the optional Debian tools (libvips, qrencode, pdftotext…) without blocking the
/// server's threads, with a time limit so a hostile file cannot hold a request forever.
enum ExternalTool {
    struct Failure: Error, CustomStringConvertible {
        var tool: String
        var status: Int32
        var stderr: String
        var description: String { "\(tool) exited with status \(status): \(stderr.prefix(300))" }
    }

    /// The executable's full path when it is on PATH.
    static func find(_ name: String, path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") -> String? {
        path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `executable` with `arguments`; returns standard output, throws on a non-zero exit.
    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 30) async throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { if process.isRunning { process.terminate() } }
        }
        // Pipes are read after exit: a tool must write large results to a file (output past a pipe's
        // 64 KB would stall it until the time limit). Loa's tools print little.
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure(tool: (executable as NSString).lastPathComponent, status: process.terminationStatus, stderr: stderr)
        }
        return stdout
    }
}
