import FluentKit
import Foundation
import LoaCore
import Testing

@testable import App

#if canImport(Glibc)
    import Glibc
#endif
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The playout on a real Icecast (issue #11): a scheduled, approved bulletin synthesised by espeak-ng is
/// pushed by ffmpeg to its station's mount, heard there, and logged as run.
@Suite(.serialized) struct RadioStreamingTests {
    static let missingTools: String? = {
        let missing = ["icecast2", "ffmpeg", "ffprobe", "espeak-ng"].filter { ExternalTool.find($0) == nil }
        guard !missing.isEmpty else { return nil }
        let reason = "⚠️  Icecast playout test skipped: \(missing.joined(separator: ", ")) not installed (.ci/run installs them)."
        print(reason)
        return reason
    }()

    /// A throwaway Icecast on a loopback port, its configuration in a temporary folder. As root it drops
    /// to `nobody` itself (`<changeowner>`), so the process the test holds is Icecast's own.
    /// `@unchecked Sendable`: the process is started in `init` and only stopped after the test.
    final class Icecast: @unchecked Sendable {
        let port: Int
        let directory: URL
        let process: Process
        static let sourcePassword = "nguon-thu"

        init() throws {
            port = Self.freePort()
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("loa-icecast-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory.path)
            let owner = getuid() == 0 ? "<security><chroot>0</chroot><changeowner><user>nobody</user><group>nogroup</group></changeowner></security>" : ""
            let config = """
                <icecast>
                  <limits><clients>20</clients><sources>8</sources><source-timeout>10</source-timeout></limits>
                  <authentication><source-password>\(Self.sourcePassword)</source-password><admin-user>admin</admin-user><admin-password>quan-tri-thu</admin-password></authentication>
                  <hostname>127.0.0.1</hostname>
                  <listen-socket><port>\(port)</port><bind-address>127.0.0.1</bind-address></listen-socket>
                  <paths><basedir>/usr/share/icecast2</basedir><logdir>\(directory.path)</logdir><webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot></paths>
                  <logging><errorlog>error.log</errorlog><loglevel>2</loglevel></logging>
                  \(owner)
                </icecast>
                """
            let file = directory.appendingPathComponent("icecast.xml")
            try Data(config.utf8).write(to: file)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
            process = Process()
            process.executableURL = URL(fileURLWithPath: ExternalTool.find("icecast2")!)
            process.arguments = ["-c", file.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        var base: String { "http://127.0.0.1:\(port)" }
        var sourceURL: URL { URL(string: "icecast://source:\(Self.sourcePassword)@127.0.0.1:\(port)")! }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: directory)
        }

        /// status-json.xsl as text, nil while Icecast is not answering.
        func status() async -> String? {
            guard let url = URL(string: base + "/status-json.xsl") else { return nil }
            return await withCheckedContinuation { continuation in
                URLSession.shared.dataTask(with: url) { data, response, _ in
                    let ok = (response as? HTTPURLResponse)?.statusCode == 200
                    continuation.resume(returning: ok ? data.map { String(decoding: $0, as: UTF8.self) } : nil)
                }
                .resume()
            }
        }

        /// Polls until `condition` holds on the status page (at most `attempts` × 200 ms).
        func waitFor(attempts: Int = 50, _ condition: (String) -> Bool) async throws -> Bool {
            for _ in 0..<attempts {
                if let status = await status(), condition(status) { return true }
                try await Task.sleep(for: .milliseconds(200))
            }
            return false
        }

        static func freePort() -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }

    /// The mean level of `seconds` of a stream, read back with ffmpeg's volumedetect (dBFS).
    /// `skipping` seconds are read and dropped first: Icecast sends a new listener a burst of what the
    /// mount carried before (about 8 s at 64 kbit/s).
    static func meanVolume(of url: String, seconds: Int, skipping: Int = 0) async throws -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ExternalTool.find("ffmpeg")!)
        process.arguments = ["-nostdin", "-hide_banner", "-ss", String(skipping), "-t", String(seconds), "-i", url, "-af", "volumedetect", "-f", "null", "-"]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self)
        return text.firstMatch(of: /mean_volume: (-?[0-9.]+) dB/).flatMap { Double($0.1) }
    }

    @Test(arguments: TestDatabase.engines)
    func aScheduledBulletinIsOnAirOnItsMountAndLogged(engine: TestDatabase) async throws {
        if Self.missingTools != nil { return }
        let icecast = try Icecast()
        defer { icecast.stop() }
        #expect(try await icecast.waitFor { $0.contains("icestats") }, "Icecast answers on its port")
        try await TestApp.run(engine, configure: { $0.icecastURL = icecast.sourceURL }) { app, _ in
            let (station, _) = try await RadioStationTests.stationWithCluster(app, mount: "/tan-phu-dong.mp3")
            let bulletins = RadioBulletins(db: app.db, clients: app.pinned.clients)
            let text = Array(repeating: "UBND huyện Tân Phú Đông thông báo lịch tiếp công dân ngày 15/4/2026 tại bộ phận một cửa.", count: 4)
                .joined(separator: " ")
            let bulletin = try await bulletins.save(
                .init(stationID: try station.requireID(), title: "Bản tin sáng", radioText: text, source: .text, articleID: nil, isEmergency: false),
                bulletin: nil, actor: (nil, "test"), ip: "test")
            #expect(try await app.services.jobs.runDue() == 1)
            let rendered = try #require(try await RadioBulletinRecord.find(bulletin.id, on: app.db))
            try await bulletins.approve(rendered, actor: (nil, "test"), ip: "test")
            let duration = try #require(rendered.durationSeconds)
            #expect(duration > 10)

            // A daily slot at this very minute (08:00 in Vietnam on the pinned day).
            let slot = RadioSlotRecord()
            slot.$station.id = try station.requireID()
            slot.$bulletin.id = try rendered.requireID()
            slot.label = "Bản tin sáng"
            slot.timeOfDay = "08:00"
            slot.repeats = "daily"
            slot.dates = ""
            slot.durationSeconds = duration
            slot.priority = RadioPriority.normal.rawValue
            slot.includesSubtree = false
            try await slot.create(on: app.db)

            var engine = RadioFeature.playoutEngine(app.services, logger: TestDatabase.logger)
            // The pinned clock jumps over the whole bulletin; that jump is not Loa being down.
            engine.outageThreshold = 3600
            let decision = try await engine.tick()
            #expect(decision[try station.requireID().uuidString]?.current?.item.bulletinID == rendered.id?.uuidString)
            #expect(try await icecast.waitFor { $0.contains("/tan-phu-dong.mp3") }, "the station's mount has a source")
            let level = try #require(try await Self.meanVolume(of: icecast.base + "/tan-phu-dong.mp3", seconds: 3))
            #expect(level > -40, "mean level \(level) dBFS on the mount")
            let playing = try #require(try await RadioAsRunEntry.query(on: app.db).filter(\.$station.$id == station.requireID()).first())
            #expect(playing.playResult == .playing && playing.actualStart == app.pinned.clients.now() && playing.origin == "schedule")

            // Once the slot is over the station carries silence — its mount stays up for listeners and
            // loudspeakers — and the log says the bulletin was completed.
            app.pinned.advance(by: duration + 1)
            let after = try await engine.tick()
            #expect(after[try station.requireID().uuidString]?.current == nil)
            #expect(engine.streamer?.streaming[try station.requireID().uuidString] == IcecastStreamer.silenceID)
            #expect(try await icecast.waitFor { $0.contains("/tan-phu-dong.mp3") }, "the mount keeps its source between bulletins")
            // The switch from the bulletin's feed to silence takes a moment; read once the new source is up.
            var quietLevel: Double?
            for _ in 0..<10 where quietLevel == nil {
                try await Task.sleep(for: .milliseconds(500))
                quietLevel = try await Self.meanVolume(of: icecast.base + "/tan-phu-dong.mp3", seconds: 2, skipping: 12)
            }
            let quiet = try #require(quietLevel)
            #expect(quiet < -60, "mean level \(quiet) dBFS between bulletins")
            let done = try #require(try await RadioAsRunEntry.query(on: app.db).filter(\.$station.$id == station.requireID()).first())
            #expect(done.playResult == .completed)
            #expect(try await RadioAsRunEntry.query(on: app.db).filter(\.$station.$id == station.requireID()).count() == 1)
            engine.streamer?.stopAll()
        }
    }
}
