import Foundation

/// The digamma function ψ(x) = d/dx ln Γ(x) (§5.5: the likelihood equations of the gamma and beta
/// distributions, ln k − ψ(k) = ln x̄ − mean ln x).
///
/// ```
/// ψ(x + 1) = ψ(x) + 1/x                                           (recurrence up to x ≥ 10)
/// ψ(x) ≈ ln x − 1/(2x) − Σₖ B₂ₖ / (2k·x²ᵏ)                         (asymptotic series, k = 1…6)
/// ψ(x) = ψ(1 − x) − π / tan(πx)                                    (reflection, x < 0)
/// ```
/// Poles at 0, −1, −2, … give NaN. Checked against `scipy.special.digamma` from 1e−8 to 1e8 and at negative
/// non-integers.
public func digamma(_ x: Double) -> Double {
    if x.isNaN || (x <= 0 && x == x.rounded()) { return .nan }
    if x < 0 { return digamma(1 - x) - Double.pi / tan(Double.pi * x) }
    var x = x, result = 0.0
    while x < 10 {
        result -= 1 / x
        x += 1
    }
    let inverseSquare = 1 / (x * x)
    // B₂ₖ/(2k): 1/12, −1/120, 1/252, −1/240, 1/132, −691/32760
    let series = inverseSquare * (1.0 / 12 - inverseSquare * (1.0 / 120 - inverseSquare * (1.0 / 252
        - inverseSquare * (1.0 / 240 - inverseSquare * (1.0 / 132 - inverseSquare * 691.0 / 32760)))))
    return result + log(x) - 0.5 / x - series
}

/// The trigamma function ψ′(x) = d²/dx² ln Γ(x), the slope of ``digamma(_:)`` (Newton steps of the gamma
/// and beta maximum-likelihood fits), for x > 0.
///
/// ```
/// ψ′(x) = ψ′(x + 1) + 1/x²                                                      (recurrence up to x ≥ 10)
/// ψ′(x) ≈ 1/x + 1/(2x²) + Σₖ B₂ₖ / x²ᵏ⁺¹ = 1/x + 1/(2x²) + 1/(6x³) − 1/(30x⁵) + 1/(42x⁷) − 1/(30x⁹) + 5/(66x¹¹)
/// ```
/// Checked against `scipy.special.polygamma(1, x)` from 1e−8 to 1e8.
public func trigamma(_ x: Double) -> Double {
    if x.isNaN || x <= 0 { return .nan }
    var x = x, result = 0.0
    while x < 10 {
        result += 1 / (x * x)
        x += 1
    }
    let inverse = 1 / x, inverseSquare = inverse * inverse
    let series = inverse * inverseSquare * (1.0 / 6 - inverseSquare * (1.0 / 30 - inverseSquare * (1.0 / 42
        - inverseSquare * (1.0 / 30 - inverseSquare * 5.0 / 66))))
    return result + inverse + 0.5 * inverseSquare + series
}
