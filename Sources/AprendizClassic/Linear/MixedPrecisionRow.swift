/// The two inner loops of a fused pass over `Float` data with `Double` parameters (the logistic loss's
/// rows): each `Float` is widened exactly to `Double` in registers (`vcvtps2pd`), never stored as a copy.
/// ```
/// dot(x, w)             = Σⱼ xⱼ·wⱼ          (Double products and sums, 8 lanes, then the tail)
/// addScaled(r, x, to g):  gⱼ ← gⱼ + r·xⱼ
/// ```
/// The lane sums are combined in a fixed order, so a result depends only on the inputs.
enum MixedPrecisionRow {
    /// Σⱼ xⱼ·wⱼ for j < `count`.
    @inline(__always)
    static func dot(_ x: UnsafePointer<Float>, _ w: UnsafePointer<Double>, count: Int) -> Double {
        let xs = UnsafeRawPointer(x), ws = UnsafeRawPointer(w)
        var s0 = SIMD4<Double>(), s1 = SIMD4<Double>(), j = 0
        while j + 8 <= count {
            s0 += SIMD4<Double>(xs.loadUnaligned(fromByteOffset: j * 4, as: SIMD4<Float>.self))
                * ws.loadUnaligned(fromByteOffset: j * 8, as: SIMD4<Double>.self)
            s1 += SIMD4<Double>(xs.loadUnaligned(fromByteOffset: j * 4 + 16, as: SIMD4<Float>.self))
                * ws.loadUnaligned(fromByteOffset: j * 8 + 32, as: SIMD4<Double>.self)
            j += 8
        }
        if j + 4 <= count {
            s0 += SIMD4<Double>(xs.loadUnaligned(fromByteOffset: j * 4, as: SIMD4<Float>.self))
                * ws.loadUnaligned(fromByteOffset: j * 8, as: SIMD4<Double>.self)
            j += 4
        }
        var sum = (s0 + s1).sum()
        while j < count { sum += Double(x[j]) * w[j]; j += 1 }
        return sum
    }

    /// gⱼ ← gⱼ + r·xⱼ for j < `count`.
    @inline(__always)
    static func addScaled(_ r: Double, _ x: UnsafePointer<Float>, to g: UnsafeMutablePointer<Double>, count: Int) {
        let xs = UnsafeRawPointer(x), gs = UnsafeMutableRawPointer(g), scale = SIMD4<Double>(repeating: r)
        var j = 0
        while j + 4 <= count {
            let sum = gs.loadUnaligned(fromByteOffset: j * 8, as: SIMD4<Double>.self)
                + scale * SIMD4<Double>(xs.loadUnaligned(fromByteOffset: j * 4, as: SIMD4<Float>.self))
            gs.storeBytes(of: sum, toByteOffset: j * 8, as: SIMD4<Double>.self)
            j += 4
        }
        while j < count { g[j] += r * Double(x[j]); j += 1 }
    }
}
