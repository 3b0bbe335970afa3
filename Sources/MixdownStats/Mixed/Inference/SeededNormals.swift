import Foundation

/// Deterministic standard normal draws for a seed: SplitMix64 uniforms, Box–Muller pairs.
/// The same seed gives the same sequence on every machine.
struct SeededNormals {
    private var bits: SplitMix64
    private var spare: Double?

    init(seed: UInt64) { bits = SplitMix64(state: seed &+ 0x9E37_79B9_7F4A_7C15) }

    /// A uniform in (0, 1).
    mutating func uniform() -> Double {
        (Double(bits.next() >> 11) + 0.5) / 9_007_199_254_740_992.0
    }

    mutating func next() -> Double {
        if let s = spare { spare = nil; return s }
        let r = (-2 * Foundation.log(uniform())).squareRoot()
        let a = 2 * Double.pi * uniform()
        spare = r * Foundation.sin(a)
        return r * Foundation.cos(a)
    }
}
