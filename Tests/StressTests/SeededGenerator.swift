import Foundation

/// A reproducible random source (SplitMix64) for the stress suite's random choices.
///
/// The seed comes from `KR_STRESS_SEED` when set, so a failure whose message names its seed can
/// be replayed exactly.
struct SeededGenerator: RandomNumberGenerator {
    let seed: UInt64
    private var state: UInt64

    init() {
        let environment = ProcessInfo.processInfo.environment["KR_STRESS_SEED"]
        seed = environment.flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64.max)
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
