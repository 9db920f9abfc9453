import AprendizTensor
import Foundation

/// t-distributed stochastic neighbour embedding (§16.4.2; van der Maaten & Hinton 2008; Barnes–Hut:
/// van der Maaten 2014), with scikit-learn 1.9's `TSNE` defaults and optimiser.
///
/// ```
/// p_ij: perplexity-calibrated Gaussian affinities (``PerplexityCalibration``), symmetrised
/// q_ij = (1 + ‖yᵢ − yⱼ‖²)⁻¹ / Σ_{k≠l} (1 + ‖y_k − y_l‖²)⁻¹          (Student t, one degree of freedom)
/// minimise KL(P‖Q) = Σ p_ij log(p_ij/q_ij) by gradient descent with momentum and gains:
///   gain ← gain + 0.2 if sign(update) ≠ sign(gradient), else gain·0.8;   gain ≥ 0.01
///   update ← momentum·update − η·gain·gradient;   y ← y + update
/// iterations 0…249: P × earlyExaggeration (12), momentum 0.5;  then P, momentum 0.8, up to maxIterations
/// η = "auto": max(n / earlyExaggeration / 4, 50)
/// ```
/// Every 50 iterations the KL divergence is checked: the run stops when it has not improved for 300
/// iterations (250 during the exaggeration phase) or the gradient norm falls below 1e-7.
/// The initial layout is the data's projection on its first principal directions scaled so the first
/// column's standard deviation is 1e-4 (`init="pca"`), or 1e-4·N(0, 1) (`.random`, seeded).
/// Work is split over points on the `Parallel` pool and every sum is taken in point order, so a seed gives
/// the same map for any thread count. Barnes–Hut needs `components == 2` (scikit-learn also allows 3).
public struct TSNE: Sendable {
    /// How the gradient is computed.
    public enum GradientMethod: String, Sendable, CaseIterable {
        /// All n² pairs (scikit-learn's `method="exact"`): small data sets.
        case exact
        /// Attraction over 3·perplexity + 1 nearest neighbours, repulsion by a quad tree (default).
        case barnesHut = "barnes-hut"
    }

    /// The starting layout.
    public enum Initialization: String, Sendable, CaseIterable {
        /// Principal components scaled to standard deviation 1e-4 (default).
        case pca
        /// 1e-4 · N(0, 1) draws from the seed.
        case random
    }

    /// Dimensions of the map (default 2).
    public var components: Int
    /// The effective number of neighbours each point's Gaussian covers (default 30; must be < n).
    public var perplexity: Double
    /// Factor on P during the first 250 iterations (default 12).
    public var earlyExaggeration: Double
    /// Step size η; `nil` is "auto", max(n / earlyExaggeration / 4, 50) (default).
    public var learningRate: Double?
    /// Total iterations, exaggeration phase included (default 1 000; at least 250).
    public var maxIterations: Int
    /// Exact or Barnes–Hut gradient (default Barnes–Hut).
    public var method: GradientMethod
    /// Barnes–Hut opening angle θ (default 0.5).
    public var angle: Double
    /// The starting layout (default PCA).
    public var initialization: Initialization
    /// Seed of the random initialisation.
    public var seed: UInt64

    /// A t-SNE with the given settings (scikit-learn's defaults).
    public init(components: Int = 2, perplexity: Double = 30, earlyExaggeration: Double = 12, learningRate: Double? = nil,
                maxIterations: Int = 1000, method: GradientMethod = .barnesHut, angle: Double = 0.5,
                initialization: Initialization = .pca, seed: UInt64 = 0) {
        self.components = components
        self.perplexity = perplexity
        self.earlyExaggeration = earlyExaggeration
        self.learningRate = learningRate
        self.maxIterations = maxIterations
        self.method = method
        self.angle = angle
        self.initialization = initialization
        self.seed = seed
    }

    /// The estimator's name in messages.
    public static let name = "TSNE"

    /// Iterations with exaggerated P (scikit-learn's `_EXPLORATION_MAX_ITER`).
    static let explorationIterations = 250

    /// Embeds the rows of `x` (`[count, features]`).
    public func fit(_ x: Tensor) throws(ClassicError) -> TSNEEmbedding {
        try InputValidation.features(x, for: Self.name)
        let n = x.shape[0]
        try validate(count: n)
        let rate = learningRate ?? max(Double(n) / earlyExaggeration / 4, 50)
        let objective: any TSNEObjective
        switch method {
        case .exact:
            let p = PerplexityCalibration.joint(squaredDistances: PairwiseDistances.squared(x), count: n, perplexity: perplexity)
            objective = ExactTSNEObjective(count: n, components: components, p: p)
        case .barnesHut:
            let k = min(n - 1, Int(3 * perplexity + 1))
            let neighbors = PairwiseDistances.nearestNeighbors(x, k: k)
            objective = BarnesHutTSNEObjective(p: PerplexityCalibration.joint(neighbors: neighbors, perplexity: perplexity), angle: angle)
        }
        var optimizer = TSNEGradientDescent(objective: objective, learningRate: rate)
        var y = initialLayout(x)
        let exploration = optimizer.run(&y, from: 0, to: Self.explorationIterations, momentum: 0.5,
                                        exaggeration: earlyExaggeration, patience: Self.explorationIterations)
        var result = exploration
        if maxIterations > Self.explorationIterations {
            result = optimizer.run(&y, from: exploration.iteration + 1, to: maxIterations, momentum: 0.8, exaggeration: 1, patience: 300)
        }
        return TSNEEmbedding(embedding: Tensor(shape: [n, components], scalars: y.map { Float($0) }),
                             klDivergence: result.error, iterations: result.iteration + 1, learningRate: rate)
    }

    private func validate(count n: Int) throws(ClassicError) {
        try checkHyperParameter(components >= 1, Self.name, "components", components, "at least 1")
        try checkHyperParameter(method == .exact || components == 2, Self.name, "components", components,
                                "2 with the Barnes–Hut method (use method exact for other dimensions)")
        try checkHyperParameter(perplexity > 0, Self.name, "perplexity", perplexity, "positive")
        try checkHyperParameter(earlyExaggeration >= 1, Self.name, "earlyExaggeration", earlyExaggeration, "at least 1")
        try checkHyperParameter((learningRate ?? 1) > 0, Self.name, "learningRate", learningRate ?? 0, "positive")
        try checkHyperParameter(maxIterations >= Self.explorationIterations, Self.name, "maxIterations", maxIterations, "at least 250")
        try checkHyperParameter((0...1).contains(angle), Self.name, "angle", angle, "in [0, 1]")
        guard perplexity < Double(n) else {
            throw .invalidData(estimator: Self.name, reason: "perplexity (\(perplexity)) must be less than the number of samples (\(n))")
        }
    }

    /// The starting layout, row-major `count × components`.
    func initialLayout(_ x: Tensor) -> [Double] {
        let n = x.shape[0]
        switch initialization {
        case .pca:
            var y = PrincipalProjection.project(x, components: components)
            let first = (0..<n).map { y[$0 * components] }
            let mean = first.reduce(0, +) / Double(n)
            let std = (first.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)).squareRoot()
            if std > 0 { y = y.map { $0 / std * 1e-4 } }
            return y
        case .random:
            var generator = RandomGenerator(seed: seed)
            return (0..<(n * components)).map { _ in 1e-4 * generator.nextNormal() }
        }
    }
}

/// The result of ``TSNE/fit(_:)``.
public struct TSNEEmbedding: Sendable {
    /// The map, `[count, components]`.
    public let embedding: Tensor
    /// KL(P‖Q) at the end (scikit-learn's `kl_divergence_`; over the neighbour graph for Barnes–Hut).
    public let klDivergence: Double
    /// Iterations run (scikit-learn's `n_iter_`).
    public let iterations: Int
    /// The step size used (scikit-learn's `learning_rate_`).
    public let learningRate: Double
}
