import Foundation
import Logging

/// Feeds each station's Icecast mount with ffmpeg (`-re`, real time), one process per station playing
/// (decision 0023): the playout tells it what each station should carry and from which second; it starts,
/// replaces or stops the processes to match. Nothing here decides what plays.
/// `@unchecked Sendable`: `running` (which holds non-Sendable `Process` objects) is only touched under `lock`.
final class IcecastStreamer: @unchecked Sendable {
    /// What a station's stream carries now.
    struct Feed: Sendable, Equatable {
        var itemID: String
        var file: URL
        var mount: String
        /// Emergencies repeat their bulletin until they are ended.
        var loops = false
    }

    private struct Running {
        var feed: Feed
        var process: Process
    }

    let ffmpeg: String
    /// icecast://source:password@host:port
    let server: URL
    let logger: Logger
    private let lock = NSLock()
    private var running: [String: Running] = [:]

    init(ffmpeg: String, server: URL, logger: Logger) {
        self.ffmpeg = ffmpeg
        self.server = server
        self.logger = logger
    }

    /// Makes every station's stream match `wanted` (station id → feed and the position to start at);
    /// stations absent from it fall silent.
    func apply(_ wanted: [String: (feed: Feed, position: TimeInterval)]) {
        let (stop, start) = lock.withLock { () -> ([Process], [(String, Feed, TimeInterval)]) in
            var stop: [Process] = []
            var start: [(String, Feed, TimeInterval)] = []
            // A feed whose process ended by itself finished its file: it stays, so it is not played twice.
            for (station, current) in running where wanted[station]?.feed != current.feed {
                stop.append(current.process)
                running[station] = nil
            }
            for (station, want) in wanted where running[station] == nil {
                start.append((station, want.feed, want.position))
            }
            return (stop, start)
        }
        Self.end(stop)
        for (station, feed, position) in start {
            guard let process = launch(feed, position: position) else { continue }
            lock.withLock { running[station] = Running(feed: feed, process: process) }
        }
    }

    /// Stops `processes` and waits (at most two seconds, then SIGKILL) until they have let go of their
    /// mounts: Icecast refuses a new source on a mount whose old source is still connected.
    private static func end(_ processes: [Process]) {
        let running = processes.filter(\.isRunning)
        for process in running { process.terminate() }
        let deadline = Date().addingTimeInterval(2)
        while running.contains(where: \.isRunning), Date() < deadline { usleep(20_000) }
        for process in running where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for process in running { process.waitUntilExit() }
    }

    /// Stops every stream (server shutdown).
    func stopAll() {
        let processes = lock.withLock { () -> [Process] in
            defer { running.removeAll() }
            return running.values.map(\.process)
        }
        for process in processes where process.isRunning { process.terminate() }
    }

    /// Which item each station streams now (for the station page and the tests).
    var streaming: [String: String] { lock.withLock { running.mapValues(\.feed.itemID) } }

    /// The item id of the fallback feed: a station with nothing to air carries silence, so its mount
    /// keeps a source and loudspeakers and players stay connected for the next bulletin.
    static let silenceID = "silence"

    /// Ten seconds of silence as MP3 in `directory`, made once with ffmpeg; nil when it cannot be made.
    func silence(in directory: URL) -> URL? {
        let file = directory.appendingPathComponent("silence.mp3")
        if FileManager.default.fileExists(atPath: file.path) { return file }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let partial = directory.appendingPathComponent("silence-\(UUID().uuidString).mp3")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = [
            "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono", "-t", "10",
            "-c:a", "libmp3lame", "-b:a", "64k", partial.path,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            logger.error("radio fallback silence not made", metadata: ["error": "\(error)"])
            return nil
        }
        // Renamed into place whole: another instance or tick never reads half a file (and if another made
        // it first, theirs stays).
        if process.terminationStatus != 0 || (try? FileManager.default.moveItem(at: partial, to: file)) == nil {
            try? FileManager.default.removeItem(at: partial)
        }
        return FileManager.default.fileExists(atPath: file.path) ? file : nil
    }

    private func launch(_ feed: Feed, position: TimeInterval) -> Process? {
        var target = URLComponents(url: server, resolvingAgainstBaseURL: false)
        target?.path = feed.mount
        guard let destination = target?.string else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments =
            [
                "-nostdin", "-hide_banner", "-loglevel", "error", "-re",
            ] + (feed.loops ? ["-stream_loop", "-1"] : []) + [
                "-ss", String(format: "%.2f", max(0, position)), "-i", feed.file.path, "-vn", "-c:a", "libmp3lame", "-b:a", "64k", "-ac", "1",
                "-content_type", "audio/mpeg", "-f", "mp3", destination,
            ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            return process
        } catch {
            logger.error("radio stream not started", metadata: ["mount": "\(feed.mount)", "error": "\(error)"])
            return nil
        }
    }
}
