/// eˣ on eight `Double` lanes at once, for the RBF kernel rows of SVM training (§14: k(x, z) = e^{−γ‖x−z‖²}),
/// which otherwise call the scalar `exp` once per element (12 % of a digits fit). Cody & Waite's reduction
/// as in Cephes/glibc, with the integer part found by the 1.5·2⁵² rounding trick (no float→int conversion,
/// which AVX2 lacks for 64-bit lanes):
/// ```
/// n = round(x / ln 2),   r = x − n·ln2_hi − n·ln2_lo   (|r| ≤ ln 2 / 2)
/// eˣ = 2ⁿ · Σ_{k=0}^{12} rᵏ/k!       (truncation |r|¹³/13! < 2·10⁻¹⁶ relative)
/// 2ⁿ = the bits (n + 1023) << 52
/// ```
/// x is clamped to [−708, 709] (2ⁿ stays normal): below −708 the result is 3·10⁻³⁰⁸ instead of a smaller
/// number or 0, which the kernel rows round to the same `Float` 0. Within a few ulps of `Foundation.exp`.
enum VectorExponential {
    private static let shifter = 0x1.8p52
    private static let log2e = 1.4426950408889634
    private static let ln2High = 0.693145751953125
    private static let ln2Low = 1.42860682030941723212e-6

    /// eˣ lane by lane.
    @inline(__always)
    static func exp(_ x: SIMD8<Double>) -> SIMD8<Double> {
        // Compare-and-blend: `clamped` is scalarised (IEEE NaN rules), as VectorMath notes.
        var x = x.replacing(with: -708, where: x .< -708)
        x.replace(with: 709, where: x .> 709)
        let shifted = x * log2e + shifter
        let n = shifted - shifter
        let r = (x - n * ln2High) - n * ln2Low
        // Σ rᵏ/k! by Horner, 1/12! first.
        var p = SIMD8<Double>(repeating: 2.08767569878680989792e-9)
        p = p * r + 2.50521083854417187751e-8
        p = p * r + 2.75573192239858906526e-7
        p = p * r + 2.75573192239858906526e-6
        p = p * r + 2.48015873015873015873e-5
        p = p * r + 1.98412698412698412698e-4
        p = p * r + 1.38888888888888888889e-3
        p = p * r + 8.33333333333333333333e-3
        p = p * r + 4.16666666666666666667e-2
        p = p * r + 1.66666666666666666667e-1
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let bits = (unsafeBitCast(shifted, to: SIMD8<UInt64>.self) &+ 1023) &<< 52
        return p * unsafeBitCast(bits, to: SIMD8<Double>.self)
    }

    /// `values[j] ← e^{values[j]}` for every j, eight at a time (the tail through a padded vector).
    static func exponentiate(_ values: UnsafeMutableBufferPointer<Double>) {
        let count = values.count
        guard let base = values.baseAddress else { return }
        var j = 0
        while j + 8 <= count {
            let raw = UnsafeMutableRawPointer(base + j)
            raw.storeBytes(of: exp(raw.loadUnaligned(as: SIMD8<Double>.self)), as: SIMD8<Double>.self)
            j += 8
        }
        if j < count {
            var tail = SIMD8<Double>()
            for k in 0..<(count - j) { tail[k] = base[j + k] }
            let e = exp(tail)
            for k in 0..<(count - j) { base[j + k] = e[k] }
        }
    }
}
