import Synchronization

/// A flag that is set once and then stays set, shared across requests.
final class Latch: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .acquiring) }
    func set() { flag.store(true, ordering: .releasing) }
}
