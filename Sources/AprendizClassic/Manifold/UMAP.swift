import AprendizTensor
import Foundation

/// Uniform manifold approximation and projection (§16.4.2; McInnes, Healy & Melville 2018), following
/// umap-learn 0.5's `UMAP` defaults:
///
/// ```
/// 1. k-nearest-neighbour graph (k = nNeighbors, the point itself included), Euclidean
/// 2. fuzzy simplicial set: vᵢⱼ = exp(−max(0, dᵢⱼ − ρᵢ)/σᵢ), Σⱼ vᵢⱼ = log₂ k;  w = v + vᵀ − v∘vᵀ
/// 3. spectral initialisation (normalised Laplacian), scaled to [0, 10] per axis
/// 4. SGD on the fuzzy cross-entropy with low-dimensional similarity 1/(1 + a·d^(2b)),
///    (a, b) fitted to minDist and spread, 5 negative samples per positive, α = 1 decaying linearly
/// ```
/// nEpochs `nil` is 500 for up to 10 000 points, else 200. The neighbour graph is exact by default (k-NN
/// search over all pairs); `neighborSearch: .nnDescent` builds it approximately by NN-descent (`NNDescent`),
/// and `.auto` does so from 4 096 points up, as umap-learn does.
/// Deterministic for a seed and any thread count (see `UMAPLayoutOptimizer`).
public struct UMAP: Sendable {
    /// How the k-nearest-neighbour graph is found.
    public enum NeighborSearch: String, Sendable, CaseIterable {
        /// Exact neighbours (default).
        case exact
        /// Approximate neighbours by NN-descent (Dong, Moses & Li 2011).
        case nnDescent = "nn-descent"
        /// NN-descent from 4 096 points up, exact below (umap-learn's rule).
        case auto
    }

    /// The starting layout.
    public enum Initialization: String, Sendable, CaseIterable {
        /// Normalised-Laplacian eigenvectors (default; random if they cannot be computed).
        case spectral
        /// Uniform in [−10, 10] from the seed.
        case random
        /// Principal components.
        case pca
    }

    /// Neighbours per point, itself included (default 15).
    public var nNeighbors: Int
    /// Dimensions of the map (default 2).
    public var components: Int
    /// The smallest distance between points in the map (default 0.1).
    public var minDist: Double
    /// The scale of the map's distances (default 1).
    public var spread: Double
    /// Epochs of SGD; `nil` is 500 (≤ 10 000 points) or 200 (default).
    public var nEpochs: Int?
    /// Initial SGD step α (default 1).
    public var learningRate: Double
    /// Negative samples per positive sample (default 5).
    public var negativeSampleRate: Int
    /// Weight γ of the repulsive term (default 1).
    public var repulsionStrength: Double
    /// The starting layout (default spectral).
    public var initialization: Initialization
    /// Seed of the negative sampling and random parts.
    public var seed: UInt64
    /// Exact or NN-descent neighbours (default exact).
    public var neighborSearch: NeighborSearch = .exact

    /// A UMAP with the given settings (umap-learn's defaults).
    public init(nNeighbors: Int = 15, components: Int = 2, minDist: Double = 0.1, spread: Double = 1, nEpochs: Int? = nil,
                learningRate: Double = 1, negativeSampleRate: Int = 5, repulsionStrength: Double = 1,
                initialization: Initialization = .spectral, seed: UInt64 = 0, neighborSearch: NeighborSearch = .exact) {
        self.neighborSearch = neighborSearch
        self.nNeighbors = nNeighbors
        self.components = components
        self.minDist = minDist
        self.spread = spread
        self.nEpochs = nEpochs
        self.learningRate = learningRate
        self.negativeSampleRate = negativeSampleRate
        self.repulsionStrength = repulsionStrength
        self.initialization = initialization
        self.seed = seed
    }

    /// The estimator's name in messages.
    public static let name = "UMAP"

    /// Embeds the rows of `x` (`[count, features]`); returns the `[count, components]` map.
    public func fit(_ x: Tensor) throws(ClassicError) -> Tensor {
        try InputValidation.features(x, for: Self.name)
        let n = x.shape[0]
        try checkHyperParameter(nNeighbors >= 2, Self.name, "nNeighbors", nNeighbors, "at least 2")
        try checkHyperParameter(components >= 1, Self.name, "components", components, "at least 1")
        try checkHyperParameter(minDist >= 0 && minDist <= spread, Self.name, "minDist", minDist, "in [0, spread]")
        try checkHyperParameter((nEpochs ?? 1) >= 1, Self.name, "nEpochs", nEpochs ?? 0, "at least 1")
        try checkHyperParameter(learningRate > 0, Self.name, "learningRate", learningRate, "positive")
        try checkHyperParameter(negativeSampleRate >= 1, Self.name, "negativeSampleRate", negativeSampleRate, "at least 1")
        guard nNeighbors < n else {
            throw .invalidData(estimator: Self.name, reason: "nNeighbors (\(nNeighbors)) must be less than the number of samples (\(n))")
        }
        let fuzzy = fuzzyGraph(x)
        var y = initialLayout(x, graph: fuzzy)
        let epochs = nEpochs ?? (n > 10_000 ? 200 : 500)
        UMAPLayoutOptimizer(graph: fuzzy, curve: UMAPCurve(spread: spread, minDist: minDist), epochs: epochs,
                            learningRate: learningRate, negativeSampleRate: negativeSampleRate,
                            repulsionStrength: repulsionStrength, seed: seed).optimize(&y, dimensions: components)
        return Tensor(shape: [n, components], scalars: y.map { Float($0) })
    }

    /// The symmetric fuzzy graph of `x` from its nearest neighbours (each point first, at distance 0).
    func fuzzyGraph(_ x: Tensor) -> SparseAffinities {
        let n = x.shape[0], k = nNeighbors
        let approximate = neighborSearch == .nnDescent || (neighborSearch == .auto && n >= 4096)
        let others = approximate ? NNDescent(k: k - 1, count: n, seed: seed).graph(x) : PairwiseDistances.nearestNeighbors(x, k: k - 1)
        var (indices, distances) = ([Int](), [Double]())
        for i in 0..<n {
            indices.append(i); distances.append(0)
            for m in 0..<(k - 1) {
                indices.append(others.indices[i * (k - 1) + m])
                distances.append(others.squaredDistances[i * (k - 1) + m].squareRoot())
            }
        }
        return FuzzySimplicialSet.graph(neighbors: indices, distances: distances, count: n, k: k).graph
    }

    /// The starting layout, each axis scaled to [0, 10] as umap-learn does after a spectral start.
    func initialLayout(_ x: Tensor, graph: SparseAffinities) -> [Double] {
        let n = x.shape[0]
        var generator = RandomGenerator(seed: seed)
        var y: [Double]
        switch initialization {
        case .spectral:
            y = SpectralLayout.layout(graph, components: components)
                ?? (0..<(n * components)).map { _ in generator.nextUniformDouble() * 20 - 10 }
        case .random:
            return (0..<(n * components)).map { _ in generator.nextUniformDouble() * 20 - 10 }
        case .pca:
            y = PrincipalProjection.project(x, components: components)
        }
        // umap-learn: scale so the largest |coordinate| is 10, add N(0, 10⁻⁴) noise, then map each axis to [0, 10].
        let largest = y.map(abs).max() ?? 1
        y = y.map { $0 * 10 / max(largest, .leastNormalMagnitude) + 1e-4 * generator.nextNormal() }
        for c in 0..<components {
            let column = stride(from: c, to: y.count, by: components).map { y[$0] }
            let (low, high) = (column.min() ?? 0, column.max() ?? 1)
            for i in 0..<n { y[i * components + c] = 10 * (y[i * components + c] - low) / max(high - low, .leastNormalMagnitude) }
        }
        return y
    }
}
