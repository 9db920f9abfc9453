import Foundation

/// The natural logarithm of the absolute value of the gamma function (§5.4: the normalising constants of
/// the Poisson, binomial, gamma and beta distributions).
///
/// ```
/// logGamma(x) = ln |Γ(x)|,   Γ(x) = ∫₀^∞ tˣ⁻¹ e⁻ᵗ dt,   Γ(n + 1) = n!
/// ```
/// Computed by the C library's `lgamma_r` (glibc/Darwin libm, correctly rounded to a few ulps of `Double`),
/// which, unlike `lgamma`, writes the sign of Γ to a local instead of a global, so it is safe from any thread.
/// Poles (x = 0, −1, −2, …) give +∞. Checked against `scipy.special.gammaln` from 1e−10 to 1e10 and at
/// negative non-integers.
public func logGamma(_ x: Double) -> Double {
    var sign: Int32 = 0
    return lgamma_r(x, &sign)
}

/// The logarithm of the beta function, `ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b)` (a, b > 0): the
/// normalising constant of the beta distribution and of the regularised incomplete beta function.
public func logBeta(_ a: Double, _ b: Double) -> Double {
    logGamma(a) + logGamma(b) - logGamma(a + b)
}
