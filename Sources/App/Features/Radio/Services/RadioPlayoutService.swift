import FluentKit
import Foundation
import LoaCore
import Logging
import ServiceLifecycle

/// The radio's one running part (decision 0023): every tick it replays the plan with
/// `RadioPlayout.decide`, writes what happened to the as-run log, and makes the Icecast streams match
/// what each station carries. Everything it knows between ticks is in the database or recomputed, so it
/// can stop and start anywhere, and moves under a lease-based singleton without change.
struct RadioPlayoutEngine: Sendable {
    let db: any Database
    let clients: Clients
    let audioDirectory: URL
    /// nil: broadcasting is off; decisions and the log still run.
    let streamer: IcecastStreamer?
    var settings = RadioPlayoutSettings()
    /// A gap between two ticks longer than this is an outage (Loa was down or stalled).
    var outageThreshold: TimeInterval = 30

    /// One decision: returns what each station carries now.
    @discardableResult
    func tick() async throws -> RadioPlayoutDecision {
        let now = clients.now()
        let mark = try await RadioPlayoutMark.query(on: db).first()
        var outages: [DateInterval] = []
        if let last = mark?.lastEvaluated, now.timeIntervalSince(last) > outageThreshold {
            outages.append(DateInterval(start: last, end: now))
        }
        let loaded = try await RadioWorldLoader(db: db).load(now: now, lookback: settings.lookback)
        let decision = RadioPlayout.decide(
            loaded.world, at: now, lastEvaluated: mark?.lastEvaluated, outages: outages, settings: settings)
        let events = decision.stations.values.flatMap(\.events)
        try await RadioAsRunLog(db: db, stations: RadioStations(db: db, clients: clients)).record(events)
        let stored = mark ?? RadioPlayoutMark()
        stored.lastEvaluated = now
        try await stored.save(on: db)

        if let streamer {
            var wanted: [String: (feed: IcecastStreamer.Feed, position: TimeInterval)] = [:]
            for (station, playout) in decision.stations {
                guard let play = playout.current, let audio = loaded.audio[play.item.bulletinID], let mount = loaded.mounts[station] else { continue }
                // An emergency repeats its bulletin: its position is taken within one repetition.
                let loops = play.item.origin == .emergency
                let position = loops && audio.duration > 0 ? play.position.truncatingRemainder(dividingBy: audio.duration) : play.position
                wanted[station] = (
                    IcecastStreamer.Feed(itemID: play.item.id, file: audioDirectory.appendingPathComponent(audio.file), mount: mount, loops: loops),
                    position
                )
            }
            // Between bulletins every mount carries silence rather than disappearing (the fallback).
            if let silence = streamer.silence(in: audioDirectory) {
                for (station, mount) in loaded.mounts where wanted[station] == nil {
                    wanted[station] = (IcecastStreamer.Feed(itemID: IcecastStreamer.silenceID, file: silence, mount: mount, loops: true), 0)
                }
            }
            streamer.apply(wanted)
        }
        return decision
    }
}

/// Ticks the playout while the server runs, on one instance at a time (issue #10): the instance that
/// holds the `radio.playout` lease decides and streams; the others wait, and take over within
/// `lease.ttl` plus one renewal when it dies. Every stream is silenced when the lease is lost or the
/// server stops, so two instances never feed one mount.
struct RadioPlayoutService: Service {
    static let leaseName = "radio.playout"
    let engine: RadioPlayoutEngine
    let lease: Lease
    var interval: Duration
    /// How often the lease is renewed, well inside its time to live.
    var renewEvery: TimeInterval = 3
    let logger: Logger

    func run() async throws {
        var holding = false
        var renewed = Date.distantPast
        while true {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break  // shutting down
            }
            let now = lease.now()
            if now.timeIntervalSince(renewed) >= renewEvery {
                let held = (try? await lease.acquire(on: engine.db)) ?? false
                if held != holding {
                    logger.info(held ? "radio playout taken over by this instance" : "radio playout lease lost; streams stopped here")
                    if !held { engine.streamer?.stopAll() }
                }
                holding = held
                renewed = now
            }
            guard holding else { continue }
            do { try await engine.tick() } catch {
                logger.error("radio playout decision failed; retried at the next tick", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
        engine.streamer?.stopAll()
        if holding { try? await lease.release(on: engine.db) }
    }
}
