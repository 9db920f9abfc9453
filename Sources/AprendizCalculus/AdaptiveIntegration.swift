import AprendizTensor
import Foundation

/// The definite integral of a closure by adaptive Gauss–Kronrod quadrature (§3.3), with an error estimate.
///
/// ```
/// ∫ₐᵇ f(x) dx ≈ K₁₅ = (b − a)/2 · Σₖ wₖ f(c + (b − a)/2 · ξₖ)     (15-point Kronrod rule, c the midpoint)
/// error ≈ r · min(1, (200 · |K₁₅ − G₇| / r)^1.5),   r = ∫|f − mean f| by the same rule   (QUADPACK qk15)
/// ```
/// The interval with the largest error is bisected until the summed error is below
/// max(absoluteTolerance, relativeTolerance·|value|) or `maximumIntervals` are in use — QUADPACK's `qag`
/// (Piessens et al. 1983), the routine behind `scipy.integrate.quad` without its ε-algorithm
/// extrapolation (so endpoint singularities like log x cost more bisections, not less accuracy).
/// Infinite limits are mapped onto (0, 1] by x = a + (1 − t)/t as in QUADPACK's `qagi`
/// (`from: -.infinity, to: .infinity` folds f(x) + f(−x) onto [0, ∞)); the nodes never touch the ends, so
/// integrable end-point singularities are fine. Defaults are SciPy's: tolerances 1.49e−8, and more
/// intervals (200 against 50) to make up for the missing extrapolation. `to < from` gives −∫ from `to`.
///
/// ```swift
/// integral(of: { exp(-$0 * $0) }, from: -.infinity, to: .infinity).value   // √π = 1.7724538509…
/// ```
public func integral(of function: (Double) -> Double, from lower: Double, to upper: Double,
                     absoluteTolerance: Double = 1.49e-8, relativeTolerance: Double = 1.49e-8,
                     maximumIntervals: Int = 200) -> DefiniteIntegral {
    require(!lower.isNaN && !upper.isNaN, "integral: limits must not be NaN, got \(lower) and \(upper)")
    require(absoluteTolerance >= 0 && relativeTolerance >= 0 && (absoluteTolerance > 0 || relativeTolerance > 0),
            "integral: tolerances must be non-negative and not both zero, got \(absoluteTolerance) and \(relativeTolerance)")
    require(maximumIntervals >= 1, "integral: maximumIntervals must be at least 1, got \(maximumIntervals)")
    if lower == upper { return DefiniteIntegral(value: 0, estimatedError: 0, evaluations: 0, converged: true) }
    if upper < lower {
        let flipped = integral(of: function, from: upper, to: lower, absoluteTolerance: absoluteTolerance,
                               relativeTolerance: relativeTolerance, maximumIntervals: maximumIntervals)
        return DefiniteIntegral(value: -flipped.value, estimatedError: flipped.estimatedError,
                                evaluations: flipped.evaluations, converged: flipped.converged)
    }
    var quadrature = AdaptiveQuadrature(absoluteTolerance: absoluteTolerance, relativeTolerance: relativeTolerance,
                                        maximumIntervals: maximumIntervals)
    switch (lower.isInfinite, upper.isInfinite) {
    case (false, false):
        return quadrature.run(function, lower, upper)
    case (false, true):   // x = a + (1 − t)/t, dx = dt/t²
        return quadrature.run({ t in function(lower + (1 - t) / t) / (t * t) }, 0, 1)
    case (true, false):   // x = b − (1 − t)/t
        return quadrature.run({ t in function(upper - (1 - t) / t) / (t * t) }, 0, 1)
    case (true, true):    // f(x) + f(−x) over [0, ∞)
        return quadrature.run({ t in let x = (1 - t) / t; return (function(x) + function(-x)) / (t * t) }, 0, 1)
    }
}

/// QUADPACK `qag` with the 15-point Gauss–Kronrod rule: keep the subintervals, bisect the worst.
struct AdaptiveQuadrature {
    struct Piece { let lower: Double, upper: Double, value: Double, error: Double }

    let absoluteTolerance: Double, relativeTolerance: Double, maximumIntervals: Int
    var evaluations = 0

    mutating func run(_ f: (Double) -> Double, _ a: Double, _ b: Double) -> DefiniteIntegral {
        var pieces = [rule(f, a, b)]
        var value = pieces[0].value, error = pieces[0].error
        while error > Swift.max(absoluteTolerance, relativeTolerance * Swift.abs(value)), pieces.count < maximumIntervals {
            let worst = pieces.indices.max { pieces[$0].error < pieces[$1].error }!
            let piece = pieces.remove(at: worst)
            let middle = (piece.lower + piece.upper) / 2
            guard middle > piece.lower, middle < piece.upper else { pieces.append(piece); break }   // no room left to bisect
            let left = rule(f, piece.lower, middle), right = rule(f, middle, piece.upper)
            pieces.append(contentsOf: [left, right])
            value = pieces.reduce(0) { $0 + $1.value }
            error = pieces.reduce(0) { $0 + $1.error }
        }
        let converged = error <= Swift.max(absoluteTolerance, relativeTolerance * Swift.abs(value))
        return DefiniteIntegral(value: value, estimatedError: error, evaluations: evaluations, converged: converged)
    }

    /// One 15-point Kronrod estimate with its embedded 7-point Gauss estimate (QUADPACK `qk15`).
    mutating func rule(_ f: (Double) -> Double, _ a: Double, _ b: Double) -> Piece {
        let center = (a + b) / 2, halfLength = (b - a) / 2
        let fc = f(center)
        var gauss = fc * GaussKronrod15.gaussWeights[3], kronrod = fc * GaussKronrod15.kronrodWeights[7]
        var absolute = Swift.abs(kronrod)
        var left = [Double](repeating: 0, count: 7), right = [Double](repeating: 0, count: 7)
        for j in 0..<7 {
            let offset = halfLength * GaussKronrod15.nodes[j]
            left[j] = f(center - offset)
            right[j] = f(center + offset)
            kronrod += GaussKronrod15.kronrodWeights[j] * (left[j] + right[j])
            absolute += GaussKronrod15.kronrodWeights[j] * (Swift.abs(left[j]) + Swift.abs(right[j]))
            if j % 2 == 1 { gauss += GaussKronrod15.gaussWeights[j / 2] * (left[j] + right[j]) }
        }
        evaluations += 15
        let mean = kronrod / 2
        var spread = GaussKronrod15.kronrodWeights[7] * Swift.abs(fc - mean)
        for j in 0..<7 { spread += GaussKronrod15.kronrodWeights[j] * (Swift.abs(left[j] - mean) + Swift.abs(right[j] - mean)) }
        let length = Swift.abs(halfLength)
        absolute *= length
        spread *= length
        var error = Swift.abs((kronrod - gauss) * halfLength)
        if spread != 0, error != 0 { error = spread * Swift.min(1, pow(200 * error / spread, 1.5)) }
        if absolute > Double.leastNormalMagnitude / (50 * Double.ulpOfOne) { error = Swift.max(50 * Double.ulpOfOne * absolute, error) }
        return Piece(lower: a, upper: b, value: kronrod * halfLength, error: error)
    }
}

/// Nodes and weights of the 7-point Gauss and 15-point Kronrod rules on [−1, 1] (QUADPACK `qk15`).
enum GaussKronrod15 {
    /// Kronrod abscissae, largest first; odd indices are the Gauss nodes, index 7 is the centre (0).
    static let nodes: [Double] = [
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0,
    ]
    static let kronrodWeights: [Double] = [
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
    ]
    /// Gauss weights for nodes 1, 3, 5 and the centre.
    static let gaussWeights: [Double] = [
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
    ]
}
