import Foundation

/// What `/healthz` checks about the data folder (SQLite database, uploads): a full disk fails every
/// save while pages still render from the cache, so the load balancer must hear about it.
enum StorageHealth {
    /// Below this the next upload or SQLite checkpoint may fail: 100 MB is five documents at the default
    /// upload limit, and small beside any real disk.
    static let minimumFreeBytes: UInt64 = 100 << 20

    /// Space an unprivileged process may still use on the folder's file system; nil when it cannot be read.
    @Sendable static func freeBytes(_ directory: String) -> UInt64? {
        var stats = statvfs()
        guard statvfs(directory, &stats) == 0 else { return nil }
        return UInt64(stats.f_bavail) * UInt64(stats.f_frsize)
    }

    /// Creates and removes a small file: catches a read-only mount or lost permissions, which free space does not show.
    @Sendable static func isWritable(_ directory: String) -> Bool {
        let probe = (directory as NSString).appendingPathComponent(".healthz-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: probe, contents: Data("ok\n".utf8)) else { return false }
        try? FileManager.default.removeItem(atPath: probe)
        return true
    }
}
