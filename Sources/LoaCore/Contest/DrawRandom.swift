/// The random source of question draws: SplitMix64 from a 64-bit seed, with its own bounded numbers
/// and shuffle. The standard library's `shuffle(using:)` and `random(in:using:)` do not promise their
/// algorithm across Swift versions; a stored seed must give the same draw after a toolchain upgrade.
public struct DrawRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var bits = state
        bits = (bits ^ (bits >> 30)) &* 0xBF58_476D_1CE4_E5B9
        bits = (bits ^ (bits >> 27)) &* 0x94D0_49BB_1331_11EB
        return bits ^ (bits >> 31)
    }

    /// A uniform number in 0..<bound (bound > 0). Rejects the few values that would make the
    /// remainder favour small numbers.
    public mutating func number(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let limit = UInt64(bound)
        let unusable = (0 &- limit) % limit  // 2^64 mod bound: the top values that do not fill a whole cycle
        while true {
            let value = next()
            if value >= unusable { return Int(value % limit) }
        }
    }

    /// Fisher–Yates, from the last position down.
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for position in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(position, number(below: position + 1))
        }
    }
}
