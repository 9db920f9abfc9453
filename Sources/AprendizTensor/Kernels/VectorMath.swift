import CAprendizSIMD
import Foundation

/// Vectorised elementary functions on 8 lanes, accurate to a few ulps of Float.
///
/// Polynomials and range reductions follow Cephes (S. Moshier, `expf.c`, `logf.c`), the same ones
/// behind most SIMD math libraries. Special values (±∞, NaN, 0, negatives for log) fall back to the
/// C library lane by lane, so results agree with `Foundation.exp`/`log` there.
@usableFromInline package enum VectorMath {
    /// eˣ. Range reduction x = n·ln2 + r with |r| ≤ ln2/2, a degree-6 polynomial for eʳ, and 2ⁿ built
    /// from exponent bits in two factors so results down to the subnormal range stay correct.
    @inlinable
    package static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let upper: Float = 88.72283, lower: Float = -103.972
        // Clamp with compare-and-blend: `clamped`/`pointwiseMin` are scalarised for IEEE NaN rules.
        var xc = x.replacing(with: upper, where: x .> upper)
        xc.replace(with: lower, where: xc .< lower)
        // Adding 1.5·2²³ rounds x/ln2 to the nearest whole number (|r| ≤ ln2/2, as Cephes's
        // floor(x/ln2 + ½)) and leaves it in the low mantissa bits, in vector registers on every
        // target: `rounded(.down)` needs SSE4.1 and is eight floorf calls on baseline x86-64.
        let shifted = xc * 1.44269504088896341 + 12_582_912
        let fx = shifted - 12_582_912
        var r = xc - fx * 0.693359375
        r = r + fx * 2.12194440e-4
        let r2 = r * r
        var p = SIMD8<Float>(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let y = p * r2 + r + 1
        // fx is a whole number in [−150, 128], held in the low mantissa bits of `shifted`: a
        // conversion that stays in SIMD registers (SIMD8<Int32>(_:rounding:) is scalarised).
        let n = unsafeBitCast(shifted.bits, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let n1 = n &>> 1, n2 = n &- n1
        let scale1 = SIMD8<Float>(bits: SIMD8<UInt32>(truncatingIfNeeded: (n1 &+ 127) &<< 23))
        let scale2 = SIMD8<Float>(bits: SIMD8<UInt32>(truncatingIfNeeded: (n2 &+ 127) &<< 23))
        var result = y * scale1 * scale2
        result.replace(with: SIMD8(repeating: .infinity), where: x .> upper)
        result.replace(with: SIMD8(repeating: 0), where: x .< lower)
        result.replace(with: x, where: x .!= x)
        return result
    }

    /// Natural logarithm. Splits x = m·2ᵉ with m ∈ [√½, √2), then log(m) by a degree-9 polynomial in
    /// m − 1. Non-positive, subnormal, infinite and NaN lanes use the C library.
    @inlinable
    package static func log(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let special = (x .< Float.leastNormalMagnitude) .| (x .> Float.greatestFiniteMagnitude) .| (x .!= x)
        if any(special) {
            var r = SIMD8<Float>()
            for i in 0..<8 { r[i] = Foundation.log(x[i]) }
            return r
        }
        let bits = x.bits
        var e = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: (bits &>> 23) & 0xff) &- 126)
        var m = SIMD8<Float>(bits: (bits & 0x807f_ffff) | 0x3f00_0000)
        let small = m .< 0.707106781186547524
        e.replace(with: e - 1, where: small)
        m.replace(with: m + m - 1, where: small)
        m.replace(with: m - 1, where: .!small)
        let z = m * m
        var y = SIMD8<Float>(repeating: 7.0376836292e-2)
        y = y * m - 1.1514610310e-1
        y = y * m + 1.1676998740e-1
        y = y * m - 1.2420140846e-1
        y = y * m + 1.4249322787e-1
        y = y * m - 1.6668057665e-1
        y = y * m + 2.0000714765e-1
        y = y * m - 2.4999993993e-1
        y = y * m + 3.3333331174e-1
        y = y * m * z
        y = y + e * -2.12194440e-4
        y = y - 0.5 * z
        return m + y + e * 0.693359375
    }
}

extension VectorMath {
    // The standard library's `pointwiseMin`/`pointwiseMax`/`clamped` follow IEEE minNum rules lane by
    // lane and compile to scalar code; these compare-and-blend forms stay in one vector instruction
    // each. (NaN: `maximum`/`minimum` return the second operand, `clamp` keeps NaN.)

    /// √x as one vector instruction (IEEE-exact; the standard library's is eight sqrtf calls).
    @inlinable @inline(__always) package static func squareRoot(_ x: SIMD8<Float>) -> SIMD8<Float> { aprendiz_sqrt8(x) }

    /// |x| by clearing the sign bit.
    @inlinable @inline(__always) package static func absolute(_ x: SIMD8<Float>) -> SIMD8<Float> { SIMD8<Float>(bits: x.bits & 0x7fff_ffff) }
    /// max(a, b) lane by lane.
    @inlinable package static func maximum(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { b.replacing(with: a, where: a .> b) }
    /// min(a, b) lane by lane.
    @inlinable package static func minimum(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { b.replacing(with: a, where: a .< b) }
    /// x limited to [lower, upper].
    @inlinable package static func clamp(_ x: SIMD8<Float>, lower: Float, upper: Float) -> SIMD8<Float> {
        x.replacing(with: lower, where: x .< lower).replacing(with: upper, where: x .> upper)
    }
}

extension SIMD8 where Scalar == Float {
    /// The IEEE-754 bits of each lane.
    @inlinable @inline(__always) var bits: SIMD8<UInt32> { unsafeBitCast(self, to: SIMD8<UInt32>.self) }
    /// Lanes reinterpreted from IEEE-754 bits.
    @inlinable init(bits: SIMD8<UInt32>) { self = unsafeBitCast(bits, to: SIMD8<Float>.self) }
}
