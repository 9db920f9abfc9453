import Foundation

/// The error function (§5.4: the normal distribution's cumulative probability is ½·erfc(−z/√2)).
///
/// ```
/// erf(x) = 2/√π ∫₀ˣ e^(−t²) dt,   erf(−x) = −erf(x),   erf(±∞) = ±1
/// ```
/// Computed by the C library's `erf` (glibc/Darwin libm, a few ulps of `Double`); named in full so it does
/// not clash with `Foundation.erf`. Checked against `scipy.special.erf`.
public func errorFunction(_ x: Double) -> Double { erf(x) }

/// The complementary error function `erfc(x) = 1 − erf(x)`, accurate in the tail where `1 − erf(x)` would
/// cancel to 0 (erfc(26) ≈ 5.7e−296). Computed by the C library's `erfc`; checked against
/// `scipy.special.erfc` from −5 to 26.
public func complementaryErrorFunction(_ x: Double) -> Double { erfc(x) }

/// The inverse error function: the x with erf(x) = y, for −1 ≤ y ≤ 1 (±1 give ±∞; outside, NaN).
///
/// ```
/// x₀ = Giles' single-precision polynomial in w = −ln((1 − y)(1 + y))
/// x ← x − δ / (1 + x·δ),   δ = (erf(x) − y) / (2/√π · e^(−x²))      (Halley's method, at most four steps)
/// ```
/// For |y| > ½ it returns ±erfc⁻¹(1 − |y|) instead, which keeps full relative accuracy as y → ±1
/// (1 − |y| is exact there). Reference: M. Giles, "Approximating the erfinv function", GPU Computing
/// Gems (2010) for the start; checked against `scipy.special.erfinv` including y = ±(1 − 1e−12).
public func inverseErrorFunction(_ y: Double) -> Double {
    if y.isNaN || Swift.abs(y) > 1 { return .nan }
    if Swift.abs(y) > 0.5 {
        let x = inverseComplementaryErrorFunction(1 - Swift.abs(y))
        return y < 0 ? -x : x
    }
    if y == 0 { return y }
    return InverseErrorFunction.halley(start: InverseErrorFunction.giles(w: -log((1 - y) * (1 + y)), y: y)) { x in erf(x) - y }
}

/// The inverse complementary error function: the x with erfc(x) = z, for 0 ≤ z ≤ 2 (0 gives +∞, 2 gives
/// −∞; outside, NaN). Accurate in relative terms for tiny z (erfc⁻¹(1e−300) = 26.2…), where
/// `inverseErrorFunction(1 − z)` would see 1 − z round to 1.
///
/// ```
/// erfc⁻¹(z) = −erfc⁻¹(2 − z),   and Halley's method on erfc(x) − z = 0 for z ≤ ½
/// ```
/// Checked against `scipy.special.erfcinv`.
public func inverseComplementaryErrorFunction(_ z: Double) -> Double {
    if z.isNaN || z < 0 || z > 2 { return .nan }
    if z == 0 { return .infinity }
    if z == 2 { return -.infinity }
    if z > 1 { return -inverseComplementaryErrorFunction(2 - z) }
    if z > 0.5 { return inverseErrorFunction(1 - z) }
    let w = -log(z * (2 - z))
    // Giles' polynomial is built for single precision (w ≲ 17); far into the tail, start from the
    // asymptotic erfc(x) ≈ e^(−x²)/(x√π) instead, solved for x by two fixed-point steps.
    var start = InverseErrorFunction.giles(w: w, y: 1 - z)
    if w > 25 {
        start = (-log(z)).squareRoot()
        for _ in 0..<2 { start = (-log(z) - log(start * Double.pi.squareRoot())).squareRoot() }
    }
    return InverseErrorFunction.halley(start: start, sign: -1) { x in erfc(x) - z }
}

/// The starting approximation and the refinement behind erf⁻¹ and erfc⁻¹.
enum InverseErrorFunction {
    /// Halley steps on g(x) = 0 where g′(x) = sign · 2/√π · e^(−x²) (sign −1 for erfc) and g″ = −2x·g′.
    static func halley(start: Double, sign: Double = 1, residual: (Double) -> Double) -> Double {
        var x = start
        for _ in 0..<4 {
            let slope = sign * 2 / Double.pi.squareRoot() * exp(-x * x)
            let delta = residual(x) / slope
            guard delta.isFinite, slope != 0 else { break }
            x -= delta / (1 + x * delta)
            if Swift.abs(delta) <= Double.ulpOfOne * Swift.abs(x) { break }
        }
        return x
    }

    /// Giles' (2010) single-precision approximation of erf⁻¹(y), given w = −ln((1 − y)(1 + y)).
    static func giles(w: Double, y: Double) -> Double {
        var w = w, p: Double
        if w < 5 {
            w -= 2.5
            p = 2.81022636e-08
            for c in [3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087, -0.00125372503,
                      -0.00417768164, 0.246640727, 1.50140941] { p = c + p * w }
        } else {
            w = w.squareRoot() - 3
            p = -0.000200214257
            for c in [0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613,
                      0.00943887047, 1.00167406, 2.83297682] { p = c + p * w }
        }
        return p * y
    }
}
