import AprendizTensor

/// The definite integral of sampled values by the trapezoidal rule (§3.3, integrais simples: the area under
/// the curve as a sum of trapezoids).
///
/// ```
/// ∫ y dx ≈ Σᵢ (xᵢ₊₁ − xᵢ) · (yᵢ + yᵢ₊₁) / 2
/// ```
/// Exact for straight lines; error O(h²) for smooth functions. `scipy.integrate.trapezoid(y, x=x)`.
/// - Parameters:
///   - y: the function's values at the samples.
///   - x: the sample positions, increasing or decreasing (same count as `y`).
public func trapezoid(_ y: [Double], x: [Double]) -> Double {
    require(x.count == y.count, "trapezoid: \(y.count) values but \(x.count) sample positions")
    guard y.count > 1 else { return 0 }
    var total = 0.0
    for i in 0..<(y.count - 1) { total += (x[i + 1] - x[i]) * (y[i] + y[i + 1]) / 2 }
    return total
}

/// The trapezoidal rule for samples evenly spaced `dx` apart (default 1): `dx · (y₀/2 + y₁ + … + yₙ₋₁/2)`.
/// `scipy.integrate.trapezoid(y, dx=dx)`.
public func trapezoid(_ y: [Double], dx: Double = 1) -> Double {
    guard y.count > 1 else { return 0 }
    return dx * (y.reduce(0, +) - (y[0] + y[y.count - 1]) / 2)
}

/// The definite integral of sampled values by composite Simpson's rule (§3.3): a parabola through each
/// pair of intervals.
///
/// ```
/// ∫ y dx ≈ Σ over pairs (h₀ + h₁)/6 · [(2 − h₁/h₀)·y₀ + (h₀ + h₁)²/(h₀h₁)·y₁ + (2 − h₀/h₁)·y₂]
/// ```
/// (with h₀ = h₁ = h this is h/3·(y₀ + 4y₁ + y₂)). With an even number of samples (an odd number of
/// intervals) the last interval is added with Cartwright's correction `αyₙ₋₁ + βyₙ₋₂ − ηyₙ₋₃`, exactly as
/// `scipy.integrate.simpson` (SciPy ≥ 1.11) does; two samples fall back to the trapezoid. Exact for cubics
/// on evenly spaced samples, error O(h⁴).
public func simpson(_ y: [Double], x: [Double]) -> Double {
    require(x.count == y.count, "simpson: \(y.count) values but \(x.count) sample positions")
    return SimpsonRule.integrate(y, spacing: (1..<x.count).map { x[$0] - x[$0 - 1] })
}

/// Composite Simpson's rule for samples evenly spaced `dx` apart (default 1). `scipy.integrate.simpson(y, dx=dx)`.
public func simpson(_ y: [Double], dx: Double = 1) -> Double {
    SimpsonRule.integrate(y, spacing: [Double](repeating: dx, count: Swift.max(y.count - 1, 0)))
}

/// The composite rule over arbitrary spacings `h[i] = x[i+1] − x[i]`.
enum SimpsonRule {
    static func integrate(_ y: [Double], spacing h: [Double]) -> Double {
        let n = y.count
        guard n > 1 else { return 0 }
        if n == 2 { return h[0] * (y[0] + y[1]) / 2 }
        let pairsEnd = n % 2 == 1 ? n - 1 : n - 2       // samples 0…pairsEnd are covered by parabolas
        var total = 0.0
        for i in stride(from: 0, to: pairsEnd, by: 2) {
            let (h0, h1) = (h[i], h[i + 1])
            let (sum, product) = (h0 + h1, h0 * h1)
            total += sum / 6 * (y[i] * (2 - h1 / h0) + y[i + 1] * sum * sum / product + y[i + 2] * (2 - h0 / h1))
        }
        if n % 2 == 0 {
            // Cartwright (2017), eq. 8, for the last interval [xₙ₋₂, xₙ₋₁] from the parabola through the last three samples.
            let (h0, h1) = (h[n - 3], h[n - 2])
            let alpha = (2 * h1 * h1 + 3 * h0 * h1) / (6 * (h1 + h0))
            let beta = (h1 * h1 + 3 * h0 * h1) / (6 * h0)
            let eta = h1 * h1 * h1 / (6 * h0 * (h0 + h1))
            total += alpha * y[n - 1] + beta * y[n - 2] - eta * y[n - 3]
        }
        return total
    }
}
