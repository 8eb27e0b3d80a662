import Foundation
import Synchronization

/// A Debian tool Loa calls when present (libvips, qrencode, pdftotext): found on the PATH at start, run
/// without a shell (arguments are passed as they are), awaited without blocking a thread, and held to
/// limits so a hostile file cannot take the server down with it (issue #8: a 14 MB PDF bomb once drove
/// pdftotext to 12.5 GB): wall time, address space, CPU time and the size of any file it writes, through
/// util-linux's `prlimit`; and no more than a few tools at once, server-wide.
struct ExternalTool: Sendable {
    let executable: String?
    var limits = Limits()

    struct Limits: Sendable {
        /// Wall-clock time before the tool is stopped (SIGTERM, then SIGKILL two seconds later).
        var timeout: TimeInterval = 60
        /// Address space; the tool's allocations fail past it.
        var memoryBytes: Int = 1 << 30
        /// The largest file the tool may write (its output); past it the kernel stops it.
        var outputBytes: Int = 64 << 20

        static func time(_ seconds: TimeInterval) -> Limits {
            var limits = Limits()
            limits.timeout = seconds
            return limits
        }
    }

    init(executable: String?, limits: Limits = Limits()) {
        self.executable = executable
        self.limits = limits
    }

    /// The executable's full path when it is on PATH.
    static func find(_ name: String, path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") -> String? {
        path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func detect(_ name: String, limits: Limits = Limits()) -> ExternalTool {
        ExternalTool(executable: find(name), limits: limits)
    }

    /// util-linux's `prlimit`, which applies the limits; without it only the time limit holds (the
    /// back office's system page says so).
    static let limiter: String? = find("prlimit")

    var isAvailable: Bool { executable != nil }

    /// Runs the tool; its exit status, or nil when it is missing, could not start, or was stopped.
    func run(_ arguments: [String]) async -> Int32? {
        guard let executable else { return nil }
        await Self.slots.acquire()
        defer { Self.slots.release() }
        let process = Process()
        if let limiter = Self.limiter {
            process.executableURL = URL(fileURLWithPath: limiter)
            let cpuSeconds = max(1, Int(limits.timeout.rounded(.up)))
            process.arguments =
                [
                    "--as=\(limits.memoryBytes)", "--fsize=\(limits.outputBytes)", "--cpu=\(cpuSeconds)", "--core=0", "--", executable,
                ] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let limit = limits.timeout
        let stopped = Atomic<Bool>(false)
        let status: Int32? = await withCheckedContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(returning: nil)
                return
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + limit) {
                guard process.isRunning else { return }
                stopped.store(true, ordering: .relaxed)
                process.terminate()
                DispatchQueue.global().asyncAfter(deadline: .now() + 2) {
                    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                }
            }
        }
        return stopped.load(ordering: .relaxed) ? nil : status
    }

    /// Runs the tool with an output file it writes, and returns at most `maxBytes` of what it wrote
    /// (nil on failure).
    func output(_ arguments: (String) -> [String], extension ext: String, maxBytes: Int? = nil) async -> Data? {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("loa-\(UUID().uuidString).\(ext)")
        defer { try? FileManager.default.removeItem(at: output) }
        guard await run(arguments(output.path)) == 0, let handle = try? FileHandle(forReadingFrom: output) else { return nil }
        defer { try? handle.close() }
        return try? handle.read(upToCount: maxBytes ?? limits.outputBytes)
    }

    /// How many tools run at once, server-wide: one per core is what the machine can give them without
    /// starving the requests.
    static let slots = ToolSlots(count: max(1, ProcessInfo.processInfo.activeProcessorCount))
}

/// A counting semaphore for async callers: waiters queue in order and resume as slots free up.
final class ToolSlots: Sendable {
    private struct State {
        var free: Int
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state: Mutex<State>

    init(count: Int) { state = Mutex(State(free: count)) }

    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = state.withLock { state -> Bool in
                if state.free > 0 {
                    state.free -= 1
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if granted { continuation.resume() }
        }
    }

    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty {
                state.free += 1
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
