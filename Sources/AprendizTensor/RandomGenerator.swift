import Foundation

/// The seedable pseudo-random generator behind everything stochastic in Aprendiz.
///
/// Algorithm: **xoshiro256\*\*** (Blackman & Vigna 2018, <https://prng.di.unimi.it>), a 256-bit
/// state whose four words are filled from the seed by **SplitMix64** (Steele, Lea & Flood 2014), as
/// the authors recommend. Only integer arithmetic is used to produce bits, so the same seed gives the
/// same numbers on every platform. Derived values:
/// - uniform `Float` in [0, 1): the top 24 bits of a draw × 2⁻²⁴ (every value a multiple of 2⁻²⁴);
/// - normal: the Box–Muller transform in `Double`, √(−2 ln u₁)·cos(2πu₂), with u₁ ∈ (0, 1].
///
/// Components take a generator explicitly (`using: &generator`); when they don't, they draw from
/// a global generator, which ``RandomGenerator/seedGlobal(_:)`` reseeds.
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        var s = seed
        func splitMix() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    /// A uniform `Float` in [0, 1).
    public mutating func nextUniform() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// A uniform `Double` in [0, 1).
    public mutating func nextUniformDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A standard normal draw (Box–Muller).
    public mutating func nextNormal() -> Double {
        let u1 = 1 - nextUniformDouble()
        let u2 = nextUniformDouble()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    // MARK: - The shared default generator

    private static let globalLock = NSLock()
    nonisolated(unsafe) private static var globalGenerator = RandomGenerator(seed: 0x5EED)

    /// Reseeds the default generator used when no generator is passed.
    public static func seedGlobal(_ seed: UInt64) {
        globalLock.withLock { globalGenerator = RandomGenerator(seed: seed) }
    }

    /// Runs `body` with exclusive access to the default generator.
    public static func withGlobal<R>(_ body: (inout RandomGenerator) -> R) -> R {
        globalLock.withLock { body(&globalGenerator) }
    }
}
