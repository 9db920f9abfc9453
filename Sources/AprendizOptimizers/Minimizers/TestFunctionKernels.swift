import AprendizTensor
import Foundation

// SIMD8 kernels for the n-dimensional test functions: each scores one point (a row of n floats), eight
// coordinates per instruction. Tail lanes past n are filled with a value that adds nothing to the
// function's sum (0, or 1 for Rosenbrock's pairs).

/// Row kernels of ``ScalableTestFunction`` (one point of `n` coordinates in, f out).
enum TestFunctionKernels {
    typealias Row = @Sendable (UnsafePointer<Float>, Int) -> Float

    /// Coordinates `start..<start+8` of `row`, lanes at or past `count` set to `padding`.
    @inline(__always)
    static func load(_ row: UnsafePointer<Float>, _ start: Int, _ count: Int, padding: Float = 0) -> SIMD8<Float> {
        if start + 8 <= count { return UnsafeRawPointer(row + start).loadUnaligned(as: SIMD8<Float>.self) }
        var v = SIMD8<Float>(repeating: padding)
        for lane in 0..<(count - start) { v[lane] = row[start + lane] }
        return v
    }

    /// Σ term(xᵢ) over the row, `term` applied eight lanes at a time (term(0) must be 0).
    @inline(__always)
    static func sum(_ row: UnsafePointer<Float>, _ n: Int, _ term: (SIMD8<Float>) -> SIMD8<Float>) -> Float {
        var total = SIMD8<Float>()
        var i = 0
        while i < n {
            total += term(load(row, i, n))
            i += 8
        }
        return total.sum()
    }

    static let sphere: Row = { row, n in sum(row, n) { $0 * $0 } }

    // Rastrigin and Ackley use 1 − cos 2πx = 2 sin² πx, so no term cancels against the constants
    // (10 and 20 + e): in Float the textbook forms bottom out at a few ulps of those constants
    // (Ackley: 4.8·10⁻⁶) instead of reaching 0 at the minimum.

    /// Σ xᵢ² + 20 sin² πxᵢ  (= 10n + Σ xᵢ² − 10 cos 2πxᵢ).
    static let rastrigin: Row = { row, n in
        sum(row, n) { x in
            let s = sine(.pi * x)
            return x * x + 20 * s * s
        }
    }

    /// −20 expm1(−0.2 √(Σxᵢ²/n)) − e·expm1(−(2/n) Σ sin² πxᵢ)  (= the textbook form, rearranged).
    static let ackley: Row = { row, n in
        var squares = SIMD8<Float>(), sines = SIMD8<Float>()
        var i = 0
        while i < n {
            let x = load(row, i, n)
            squares += x * x
            let s = sine(.pi * x)
            sines += s * s
            i += 8
        }
        let count = Float(n)
        let radius = (squares.sum() / count).squareRoot()
        return -20 * Foundation.expm1(-0.2 * radius) - Float(M_E) * Foundation.expm1(-2 * sines.sum() / count)
    }

    static let rosenbrock: Row = { row, n in
        var total = SIMD8<Float>()
        var i = 0
        while i < n - 1 {
            let x = load(row, i, n - 1, padding: 1), next = load(row + 1, i, n - 1, padding: 1)
            let valley = next - x * x, offset = 1 - x
            total += 100 * valley * valley + offset * offset
            i += 8
        }
        return total.sum()
    }

    static let griewank: Row = { row, n in
        var squares = SIMD8<Float>(), product = SIMD8<Float>(repeating: 1)
        let lane = SIMD8<Float>(0, 1, 2, 3, 4, 5, 6, 7)
        var i = 0
        while i < n {
            let x = load(row, i, n)
            let index = lane + Float(i + 1)
            squares += x * x
            product *= cosine(x / VectorMath.squareRoot(index))
            i += 8
        }
        var p: Float = 1
        for k in 0..<8 { p *= product[k] }
        return 1 + squares.sum() / 4000 - p
    }

    static let schwefel: Row = { row, n in
        418.98288727 * Float(n) - sum(row, n) { x in x * sine(VectorMath.squareRoot(VectorMath.absolute(x))) }
    }

    static let styblinskiTang: Row = { row, n in
        0.5 * sum(row, n) { x in
            let x2 = x * x
            return x2 * x2 - 16 * x2 + 5 * x
        }
    }

    // MARK: - sin and cos on eight lanes

    /// x = q·π/2 + r with |r| ≤ π/4 (Cody–Waite: π/2 split in three parts so q·π/2 is exact for
    /// |q| < 2¹²), and q mod 4 as a Float in {0, 1, 2, 3}. Everything stays in Float arithmetic: integer
    /// lanes and lane masks were compiled to scalar code (25–100× slower, measured).
    @inline(__always)
    static func reduce(_ x: SIMD8<Float>) -> (r: SIMD8<Float>, quadrant: SIMD8<Float>) {
        let q = (x * (2 / Float.pi) + 0.5).rounded(.down)
        let r = ((x - q * 1.5703125) - q * 4.837512969970703125e-4) - q * 7.54978995489188216e-8
        let quadrant = q - 4 * (q * 0.25).rounded(.down)
        return (r, quadrant)
    }

    /// sin r and cos r for |r| ≤ π/4 (Cephes `sinf.c` minimax polynomials).
    @inline(__always)
    static func sineCosine(_ r: SIMD8<Float>) -> (sin: SIMD8<Float>, cos: SIMD8<Float>) {
        let z = r * r
        var s = SIMD8<Float>(repeating: -1.9515295891e-4)
        s = s * z + 8.3321608736e-3
        s = s * z - 1.6666654611e-1
        let sin = s * z * r + r
        var c = SIMD8<Float>(repeating: 2.443315711809948e-5)
        c = c * z - 1.388731625493765e-3
        c = c * z + 4.166664568298827e-2
        let cos = c * z * z - 0.5 * z + 1
        return (sin, cos)
    }

    /// cos x on eight lanes (accurate to a few ulps for |x| < 10⁴).
    @inline(__always)
    static func cosine(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let (r, quadrant) = reduce(x)
        let (s, c) = sineCosine(r)
        // cos(qπ/2 + r): q = 0: cos r, 1: −sin r, 2: −cos r, 3: sin r. Selected by arithmetic on
        // 0/1 lanes (odd q; negative for q = 1, 2), which stays branch- and mask-free.
        let odd = quadrant - 2 * (quadrant * 0.5).rounded(.down)
        let shifted = quadrant + 1 - 4 * ((quadrant + 1) * 0.25).rounded(.down)
        let negative = (shifted * 0.5).rounded(.down)
        return (c + odd * (s - c)) * (1 - 2 * negative)
    }

    /// sin x on eight lanes (accurate to a few ulps for |x| < 10⁴).
    @inline(__always)
    static func sine(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let (r, quadrant) = reduce(x)
        let (s, c) = sineCosine(r)
        // sin(qπ/2 + r): q = 0: sin r, 1: cos r, 2: −sin r, 3: −cos r (negative for q ≥ 2).
        let odd = quadrant - 2 * (quadrant * 0.5).rounded(.down)
        let negative = (quadrant * 0.5).rounded(.down)
        return (s + odd * (c - s)) * (1 - 2 * negative)
    }
}
