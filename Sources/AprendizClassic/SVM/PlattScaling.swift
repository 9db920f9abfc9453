import Foundation

/// Platt's sigmoid on a binary SVM's decision values (Platt 2000), fitted as libsvm's `sigmoid_train`
/// (Lin, Lin & Weng 2007, "A note on Platt's probabilistic outputs for support vector machines"):
/// ```
/// P(y = +1 | f) = 1 / (1 + exp(A·f + B))
/// min_{A,B}  Σᵢ −tᵢ log pᵢ − (1 − tᵢ) log(1 − pᵢ),   pᵢ = P(+1 | fᵢ)
/// targets with Platt's prior correction:  tᵢ = (N₊ + 1)/(N₊ + 2) if yᵢ = +1,  1/(N₋ + 2) otherwise
/// start A = 0, B = log((N₋ + 1)/(N₊ + 1))
/// Newton on (A, B) with H + 10⁻¹²I, backtracking (halve the step) until
///   F(new) < F + 10⁻⁴·step·(∇F·d);  stop when |∂F/∂A|, |∂F/∂B| < 10⁻⁵, 100 iterations, or step < 10⁻¹⁰
/// ```
/// F is evaluated in the stable form tf + log(1 + e⁻ᶠ) (f ≥ 0) or (t − 1)f + log(1 + eᶠ), f = A·fᵢ + B.
struct PlattScaling: Equatable, Sendable {
    /// The slope A (negative when larger decision values mean the positive class).
    var a: Double
    /// The offset B.
    var b: Double

    /// Fits (A, B) on decision values `decisions` with labels `positive[i]` (yᵢ = +1).
    init(decisions: [Double], positive: [Bool]) {
        let prior1 = Double(positive.filter { $0 }.count), prior0 = Double(positive.count) - prior1
        let hiTarget = (prior1 + 1) / (prior1 + 2), loTarget = 1 / (prior0 + 2)
        let t = positive.map { $0 ? hiTarget : loTarget }
        var (a, b) = (0.0, log((prior0 + 1) / (prior1 + 1)))
        var value = Self.objective(decisions, t, a, b)
        for _ in 0..<100 {
            var (h11, h22, h21, g1, g2) = (1e-12, 1e-12, 0.0, 0.0, 0.0)
            for (f, ti) in zip(decisions, t) {
                let (p, q) = Self.probabilities(f * a + b)
                let d2 = p * q, d1 = ti - p
                h11 += f * f * d2
                h22 += d2
                h21 += f * d2
                g1 += f * d1
                g2 += d1
            }
            if abs(g1) < 1e-5 && abs(g2) < 1e-5 { break }
            let det = h11 * h22 - h21 * h21
            let dA = -(h22 * g1 - h21 * g2) / det, dB = -(-h21 * g1 + h11 * g2) / det
            let gd = g1 * dA + g2 * dB
            var step = 1.0
            while step >= 1e-10 {
                let (newA, newB) = (a + step * dA, b + step * dB)
                let newValue = Self.objective(decisions, t, newA, newB)
                if newValue < value + 1e-4 * step * gd {
                    (a, b, value) = (newA, newB, newValue)
                    break
                }
                step /= 2
            }
            if step < 1e-10 { break }
        }
        self.a = a
        self.b = b
    }

    /// A sigmoid with the given parameters.
    init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }

    /// (p, 1 − p) for p = 1/(1 + e^z), computed without cancellation (libsvm's branches on the sign of z).
    private static func probabilities(_ z: Double) -> (Double, Double) {
        if z >= 0 {
            let e = exp(-z)
            return (e / (1 + e), 1 / (1 + e))
        }
        let e = exp(z)
        return (1 / (1 + e), e / (1 + e))
    }

    /// The cross-entropy F(A, B) against the targets.
    private static func objective(_ decisions: [Double], _ t: [Double], _ a: Double, _ b: Double) -> Double {
        var sum = 0.0
        for (f, ti) in zip(decisions, t) {
            let z = f * a + b
            sum += z >= 0 ? ti * z + log(1 + exp(-z)) : (ti - 1) * z + log(1 + exp(z))
        }
        return sum
    }

    /// P(y = +1 | f) = 1 / (1 + exp(A·f + B)) (libsvm's `sigmoid_predict`).
    func probability(_ decision: Double) -> Double { Self.probabilities(decision * a + b).0 }
}
