import Foundation

/// What a loudspeaker cluster (cụm loa) reports on each heartbeat, checked before anything is stored.
public struct ClusterHeartbeat: Hashable, Sendable, Codable {
    /// 0–100, as the cluster's amplifier reports it.
    public var volume: Int
    /// Whether the amplifier is switched on.
    public var on: Bool
    /// What the cluster is playing (a station's mount or a bulletin title); nil or empty when silent.
    public var currentItem: String?
    /// Reception quality 0–100 (the cluster's own scale for 3G/4G or FM signal).
    public var signal: Int?

    public init(volume: Int, on: Bool, currentItem: String? = nil, signal: Int? = nil) {
        self.volume = volume
        self.on = on
        self.currentItem = currentItem
        self.signal = signal
    }

    enum CodingKeys: String, CodingKey {
        case volume, on
        case currentItem = "current_item"
        case signal
    }

    public static let maximumItemLength = 200

    /// A Vietnamese message naming the first bad field, nil when the report can be stored.
    public var problem: String? {
        if !(0...100).contains(volume) { return "Âm lượng phải từ 0 đến 100." }
        if let signal, !(0...100).contains(signal) { return "Chất lượng tín hiệu phải từ 0 đến 100." }
        if let currentItem, currentItem.count > Self.maximumItemLength {
            return "Tên nội dung đang phát dài quá \(Self.maximumItemLength) ký tự."
        }
        return nil
    }
}

/// Whether a cluster is reachable, from the time of its last heartbeat.
public enum ClusterLiveness: String, Hashable, Sendable {
    case online
    /// Missed `missedBeatsAllowed` heartbeats in a row.
    case offline
    /// Has never reported since it was added.
    case neverSeen

    /// A cluster is offline once `missedBeatsAllowed` whole intervals have passed without a heartbeat:
    /// one late beat (network jitter, a busy server) is not an alarm, three are.
    public static let missedBeatsAllowed = 3

    public static func of(lastSeen: Date?, now: Date, interval: TimeInterval) -> ClusterLiveness {
        guard let lastSeen else { return .neverSeen }
        return now.timeIntervalSince(lastSeen) >= interval * Double(missedBeatsAllowed) ? .offline : .online
    }

    public var vietnameseName: String {
        switch self {
        case .online: "Đang hoạt động"
        case .offline: "Mất kết nối"
        case .neverSeen: "Chưa kết nối lần nào"
        }
    }
}
