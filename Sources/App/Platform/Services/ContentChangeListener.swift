import FluentPostgresDriver
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle

/// On PostgreSQL, listens on its own connection for the content versions other instances announce
/// (`PageCache.bump` sends `NOTIFY` inside the change's transaction), so a change made through any
/// instance is served by every instance at once instead of within the page cache's one-second poll
/// (issue #10). The poll stays as the fallback: while this connection is down (a database restart),
/// pages are at most a second stale, and the listener reconnects with a growing pause.
struct ContentChangeListener: Service {
    let configuration: SQLPostgresConfiguration
    let pageCache: PageCache
    let logger: Logger

    func run() async throws {
        var pause: Duration = .milliseconds(250)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let connected = Latch()
            do {
                try await cancelWhenGracefulShutdown { try await listenUntilDisconnected(connected: connected) }
            } catch is CancellationError {
                return
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { return }
                logger.warning(
                    "content change listener disconnected; pages follow the one-second poll until it reconnects",
                    metadata: ["error": "\(DatabaseFailure.describe(error))", "retry_in": "\(pause)"])
            }
            // A listener that had connected starts over quickly; one that cannot connect waits longer each time.
            pause = connected.isSet ? .milliseconds(250) : min(pause * 2, .seconds(5))
            do {
                try await cancelWhenGracefulShutdown { [pause] in try await Task.sleep(for: pause) }
            } catch {
                return
            }
        }
    }

    private func listenUntilDisconnected(connected: Latch) async throws {
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration.coreConfiguration, id: 0, logger: logger)
        do {
            try await connection.listen(on: PageCache.notificationChannel) { notifications in
                connected.set()
                pageCache.setListening(true)
                // Changes made while the listener was away are caught by the poll; this one is not missed.
                pageCache.invalidateLocally()
                for try await notification in notifications {
                    if let heard = PageCache.parseNotification(notification.payload) {
                        pageCache.heard(version: heard.version, site: heard.site)
                    }
                }
            }
            pageCache.setListening(false)
            try? await connection.close()
        } catch {
            pageCache.setListening(false)
            try? await connection.close()
            throw error
        }
    }
}
