import AprendizTensor
import Foundation

/// The evolving state of ``CMAES``: mean, step size, paths, covariance and its eigendecomposition,
/// with the strategy constants of Hansen's tutorial (Table 1), all in Double.
struct CMAState {
    let n: Int, lambda: Int, mu: Int
    let weights: [Double], muEffective: Double
    let cSigma: Double, dSigma: Double, cC: Double, c1: Double, cMu: Double, chiN: Double
    var mean: [Double]
    var sigma: Double
    var pathSigma: [Double], pathC: [Double]
    var covariance: [Double]           // C, row-major n×n
    var basis: [Double]                // B, eigenvectors as columns
    var scales: [Double]               // D, square roots of C's eigenvalues
    var generation = 0
    var decomposedAt = 0

    init(n: Int, lambda: Int, mean: [Double], sigma: Double) {
        self.n = n
        self.lambda = lambda
        mu = lambda / 2
        let raw = (1...mu).map { log(Double(lambda + 1) / 2) - log(Double($0)) }
        let total = raw.reduce(0, +)
        weights = raw.map { $0 / total }
        muEffective = 1 / weights.reduce(0) { $0 + $1 * $1 }
        let nd = Double(n)
        cSigma = (muEffective + 2) / (nd + muEffective + 5)
        dSigma = 1 + 2 * max(0, ((muEffective - 1) / (nd + 1)).squareRoot() - 1) + cSigma
        cC = (4 + muEffective / nd) / (nd + 4 + 2 * muEffective / nd)
        c1 = 2 / ((nd + 1.3) * (nd + 1.3) + muEffective)
        cMu = min(1 - c1, 2 * (muEffective - 2 + 1 / muEffective) / ((nd + 2) * (nd + 2) + muEffective))
        chiN = nd.squareRoot() * (1 - 1 / (4 * nd) + 1 / (21 * nd * nd))
        self.mean = mean
        self.sigma = sigma
        pathSigma = Array(repeating: 0, count: n)
        pathC = Array(repeating: 0, count: n)
        covariance = Array(repeating: 0, count: n * n)
        basis = Array(repeating: 0, count: n * n)
        for i in 0..<n { covariance[i * n + i] = 1; basis[i * n + i] = 1 }
        scales = Array(repeating: 1, count: n)
    }

    /// λ steps yₖ = B·D·zₖ, zₖ ~ N(0, I), row after row.
    func sample(using generator: inout RandomGenerator) -> [Double] {
        var steps = [Double](repeating: 0, count: lambda * n)
        for k in 0..<lambda {
            let z = (0..<n).map { scales[$0] * generator.nextNormal() }
            for i in 0..<n {
                var sum = 0.0
                for j in 0..<n { sum += basis[i * n + j] * z[j] }
                steps[k * n + i] = sum
            }
        }
        return steps
    }

    /// One generation's update from the steps and the candidates' order (best first).
    mutating func update(steps: [Double], ranked: [Int], evaluations: Int) {
        generation += 1
        var yWeighted = [Double](repeating: 0, count: n)
        for (i, k) in ranked.prefix(mu).enumerated() { for d in 0..<n { yWeighted[d] += weights[i] * steps[k * n + d] } }
        for d in 0..<n { mean[d] += sigma * yWeighted[d] }

        // Cumulation for σ: p_σ uses C^(−1/2)·y_w = B·D⁻¹·Bᵀ·y_w.
        let whitened = inverseSquareRoot(yWeighted)
        let sigmaFactor = (cSigma * (2 - cSigma) * muEffective).squareRoot()
        for d in 0..<n { pathSigma[d] = (1 - cSigma) * pathSigma[d] + sigmaFactor * whitened[d] }
        let normSigma = pathSigma.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let correction = (1 - pow(1 - cSigma, 2 * Double(generation))).squareRoot()
        let hSigma: Double = normSigma / correction < (1.4 + 2 / Double(n + 1)) * chiN ? 1 : 0
        let cFactor = (cC * (2 - cC) * muEffective).squareRoot()
        for d in 0..<n { pathC[d] = (1 - cC) * pathC[d] + hSigma * cFactor * yWeighted[d] }

        // Rank-one and rank-μ updates of C.
        let decay = 1 - c1 - cMu + (1 - hSigma) * c1 * cC * (2 - cC)
        for i in 0..<n {
            for j in 0...i {
                var rankMu = 0.0
                for (w, k) in zip(weights, ranked.prefix(mu)) { rankMu += w * steps[k * n + i] * steps[k * n + j] }
                let value = decay * covariance[i * n + j] + c1 * pathC[i] * pathC[j] + cMu * rankMu
                covariance[i * n + j] = value
                covariance[j * n + i] = value
            }
        }
        sigma *= exp(min(1, (cSigma / dSigma) * (normSigma / chiN - 1)))
        if Double(evaluations - decomposedAt) > Double(lambda) / ((c1 + cMu) * Double(n) * 10) {
            decompose()
            decomposedAt = evaluations
        }
    }

    /// B·D⁻¹·Bᵀ·v.
    private func inverseSquareRoot(_ v: [Double]) -> [Double] {
        var projected = [Double](repeating: 0, count: n)
        for j in 0..<n {
            var sum = 0.0
            for i in 0..<n { sum += basis[i * n + j] * v[i] }
            projected[j] = sum / scales[j]
        }
        return (0..<n).map { i in (0..<n).reduce(0) { $0 + basis[i * n + $1] * projected[$1] } }
    }

    /// B and D from C = B·D²·Bᵀ.
    private mutating func decompose() {
        let (values, vectors) = symmetricEigendecomposition(covariance, n: n)
        basis = vectors
        scales = values.map { max($0, 1e-300).squareRoot() }
    }

    /// √(max Cᵢᵢ): times σ, the largest standard deviation of the sampling distribution along a coordinate.
    var largestStandardDeviation: Double { (0..<n).map { covariance[$0 * n + $0] }.max()!.squareRoot() }

    /// Whether the state is still finite and C positive (a numerical failure ends the run).
    var isUsable: Bool { sigma.isFinite && sigma > 0 && scales.allSatisfy { $0.isFinite && $0 > 0 } && mean.allSatisfy(\.isFinite) }
}
