import AprendizTensor
import Foundation

/// The covariance matrix adaptation evolution strategy, (μ/μ_w, λ)-CMA-ES (Hansen & Ostermeier 2001;
/// the algorithm and default constants exactly as Hansen, "The CMA Evolution Strategy: A Tutorial",
/// arXiv:1604.00772, Fig. 6 / Table 1, and his `purecma.py`).
///
/// ```
/// λ = 4 + ⌊3 ln n⌋,  μ = ⌊λ/2⌋,  wᵢ ∝ ln((λ + 1)/2) − ln i (Σwᵢ = 1),  μ_eff = 1/Σwᵢ²
/// c_σ = (μ_eff + 2)/(n + μ_eff + 5),  d_σ = 1 + 2 max(0, √((μ_eff − 1)/(n + 1)) − 1) + c_σ
/// c_c = (4 + μ_eff/n)/(n + 4 + 2μ_eff/n),  c₁ = 2/((n + 1.3)² + μ_eff)
/// c_μ = min(1 − c₁, 2(μ_eff − 2 + 1/μ_eff)/((n + 2)² + μ_eff)),  χₙ = √n (1 − 1/(4n) + 1/(21n²))
/// repeat:
///     yₖ = B·D·zₖ,  zₖ ~ N(0, I);   xₖ = m + σ yₖ                         (k = 1…λ, one batch)
///     sort by f;  y_w = Σᵢ₌₁^μ wᵢ y_{i:λ};  m ← m + σ y_w
///     p_σ ← (1 − c_σ) p_σ + √(c_σ(2 − c_σ)μ_eff) · B·D⁻¹·Bᵀ · y_w          (cumulative step-size adaptation)
///     h_σ = [‖p_σ‖/√(1 − (1 − c_σ)^(2(g+1))) < (1.4 + 2/(n + 1)) χₙ]
///     p_c ← (1 − c_c) p_c + h_σ √(c_c(2 − c_c)μ_eff) · y_w
///     C ← (1 − c₁ − c_μ + (1 − h_σ)c₁c_c(2 − c_c)) C + c₁ p_c p_cᵀ           (rank-one update)
///           + c_μ Σᵢ wᵢ y_{i:λ} y_{i:λ}ᵀ                                     (rank-μ update)
///     σ ← σ · exp(min(1, (c_σ/d_σ)(‖p_σ‖/χₙ − 1)))                          (the cap at 1 as purecma)
///     C = B·D²·Bᵀ  (eigendecomposition, redone every λ/((c₁ + c_μ)·n·10) evaluations)
/// ```
/// The state is kept in Double. Start: m = `initialMean` (`cma`'s x0) or uniform in the box,
/// σ₀ = `initialStepSize` × the widest interval (default 0.3, Hansen's advice of about a third of
/// the range), C = I. Bounds: a
/// candidate is evaluated at its projection onto the box and ranked by that value plus a penalty
/// ‖x − proj(x)‖²/w² · (1 + |median f|) (w: mean interval width), a simplified form of `cma`'s
/// BoundPenalty. The run stops early when σ·√max Cᵢᵢ falls below max(10⁻¹⁴σ₀, 2·10⁻⁷·max|mᵢ|): the
/// samples no longer differ in Float. No restarts (IPOP/BIPOP): one run per call.
public struct CMAES: PopulationMinimizer {
    public var name: String { "cmaes" }
    /// λ, the offspring per generation (nil: 4 + ⌊3 ln n⌋).
    public let populationSize: Int?
    /// σ₀ as a fraction of the widest interval of the box.
    public let initialStepSize: Float
    /// m₀, the first mean (nil: uniform in the box from the seed).
    public let initialMean: [Float]?

    /// CMA-ES with these settings; a bad value stops with a message naming it.
    public init(populationSize: Int? = nil, initialStepSize: Float = 0.3, initialMean: [Float]? = nil) {
        if let populationSize {
            require(populationSize >= 2, "CMAES: invalid population size \(populationSize) (expected ≥ 2)")
        }
        require(initialStepSize > 0 && initialStepSize.isFinite, "CMAES: invalid initial step size \(initialStepSize) (expected > 0)")
        self.populationSize = populationSize
        self.initialStepSize = initialStepSize
        self.initialMean = initialMean
    }

    public func minimize(_ objective: BatchObjective, bounds: SearchBounds, budget: SearchBudget, seed: UInt64,
                         observer: PopulationObserver?) -> SearchResult {
        let n = bounds.dimensions
        let lambda = populationSize ?? 4 + Int(3 * log(Double(n)))
        var loop = SearchLoop("CMAES", objective: objective, bounds: bounds, budget: budget, populationSize: lambda,
                              observer: observer)
        var generator = RandomGenerator(seed: seed)
        if let initialMean {
            require(initialMean.count == n, "CMAES: the initial mean has \(initialMean.count) coordinates, the bounds \(n)")
        }
        let start = initialMean ?? bounds.uniformPopulation(1, using: &generator)
        var state = CMAState(n: n, lambda: lambda, mean: start.map(Double.init),
                             sigma: Double(initialStepSize) * Double((0..<n).map(bounds.width).max()!))
        let initialSigma = state.sigma
        let meanWidth = Double((0..<n).map(bounds.width).reduce(0, +)) / Double(n)
        while loop.allows(lambda) {
            let steps = state.sample(using: &generator)
            var candidates = [Float](repeating: 0, count: lambda * n), penalties = [Double](repeating: 0, count: lambda)
            for k in 0..<lambda {
                for i in 0..<n {
                    let x = state.mean[i] + state.sigma * steps[k * n + i]
                    let projected = Double(bounds.clamped(Float(x), i))
                    candidates[k * n + i] = Float(projected)
                    penalties[k] += (x - projected) * (x - projected) / (meanWidth * meanWidth)
                }
            }
            let values = loop.evaluate(candidates, count: lambda)
            loop.record(candidates, values: values)
            let median = Double(values.sorted()[lambda / 2])
            let scale = 1 + (median.isFinite ? abs(median) : 0)
            let ranked = (0..<lambda).sorted { Double(values[$0]) + penalties[$0] * scale < Double(values[$1]) + penalties[$1] * scale }
            state.update(steps: steps, ranked: ranked, evaluations: loop.evaluations)
            // Stop once the samples no longer differ: below 10⁻¹⁴σ₀ (Hansen's TolX scale) or below
            // Float's resolution at the mean.
            let spread = state.sigma * state.largestStandardDeviation
            let resolution = 2e-7 * state.mean.map { abs($0) }.max()!
            if !state.isUsable || spread < max(1e-14 * initialSigma, resolution) { break }
        }
        return loop.result()
    }
}
