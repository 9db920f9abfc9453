import AprendizTensor

/// A Bernoulli–Bernoulli restricted Boltzmann machine (§20; Smolensky 1986, Hinton 2002): binary visible
/// units v and hidden units h joined only across the two layers, so each layer is conditionally independent
/// given the other.
///
/// ```
/// E(v, h)       = −bᵀv − cᵀh − vᵀWh
/// p(hⱼ = 1 | v) = σ(cⱼ + Σᵢ vᵢWᵢⱼ)
/// p(vᵢ = 1 | h) = σ(bᵢ + Σⱼ Wᵢⱼhⱼ)
/// F(v)          = −log Σₕ e^(−E(v, h)) = −bᵀv − Σⱼ softplus(cⱼ + Σᵢ vᵢWᵢⱼ)
/// ```
/// The conventions follow scikit-learn's `BernoulliRBM` (its `components_` is Wᵀ, `intercept_visible_` b,
/// `intercept_hidden_` c), so the same parameters give the same probabilities, free energies and
/// pseudo-likelihoods. Training (``fit(_:options:using:)``) is in `RBM+Training.swift`.
public struct RBM: Sendable, Equatable {
    /// W, shape `[visible, hidden]`.
    public internal(set) var weights: Tensor
    /// b, shape `[visible]`.
    public internal(set) var visibleBias: Tensor
    /// c, shape `[hidden]`.
    public internal(set) var hiddenBias: Tensor

    /// The number of visible units.
    public var visibleCount: Int { weights.shape[0] }
    /// The number of hidden units.
    public var hiddenCount: Int { weights.shape[1] }

    /// A machine with Wᵢⱼ ~ N(0, 0.01²) and zero biases (scikit-learn's and Hinton's 2010 guide's start).
    public init(visible: Int, hidden: Int, using generator: inout RandomGenerator) {
        require(visible > 0 && hidden > 0, "RBM: invalid unit counts visible \(visible), hidden \(hidden)")
        self.init(weights: Tensor.randomNormal([visible, hidden], standardDeviation: 0.01, using: &generator),
                  visibleBias: Tensor.zeros([visible]), hiddenBias: Tensor.zeros([hidden]))
    }

    /// A machine with the given parameters; W is `[visible, hidden]`, b `[visible]`, c `[hidden]`.
    public init(weights: Tensor, visibleBias: Tensor, hiddenBias: Tensor) {
        require(weights.rank == 2 && visibleBias.shape == [weights.shape[0]] && hiddenBias.shape == [weights.shape[1]],
                "RBM: weights \(weights.shape), visible bias \(visibleBias.shape) and hidden bias \(hiddenBias.shape) " +
                    "are not [visible, hidden], [visible] and [hidden]")
        self.weights = weights
        self.visibleBias = visibleBias
        self.hiddenBias = hiddenBias
    }

    /// p(h = 1 | v) for each row of `visible` (`[n, visible]` → `[n, hidden]`): the features the machine
    /// extracts (scikit-learn's `transform`) and the input of the next layer of a ``DeepBeliefNetwork``.
    public func hiddenProbabilities(given visible: Tensor) -> Tensor {
        checkRows(visible, width: visibleCount, "visible")
        return Self.sigmoid(visible.matmul(weights) + hiddenBias)
    }

    /// p(v = 1 | h) for each row of `hidden` (`[n, hidden]` → `[n, visible]`).
    public func visibleProbabilities(given hidden: Tensor) -> Tensor {
        checkRows(hidden, width: hiddenCount, "hidden")
        return Self.sigmoid(hidden.matmul(weights, transposeOther: true) + visibleBias)
    }

    /// F(v) = −bᵀv − Σⱼ softplus(cⱼ + vᵀW₍:,ⱼ₎) for each row of `visible` (`[n, visible]` → `[n]`), with
    /// softplus(x) = max(x, 0) + log(1 + e^(−|x|)) so large inputs do not overflow.
    public func freeEnergy(_ visible: Tensor) -> Tensor {
        checkRows(visible, width: visibleCount, "visible")
        let x = visible.matmul(weights) + hiddenBias
        let softplus = x.clamped(min: 0) + (0 - x.abs()).exp().log1p()
        return (0 - visible.matmul(visibleBias.reshaped([visibleCount, 1])).reshaped([visible.shape[0]]))
            - softplus.sum(axis: 1)
    }

    /// One step of block Gibbs sampling from `visible`: h ~ p(h | v), then v′ ~ p(v | h) (scikit-learn's
    /// `gibbs`). Returns the binary v′, `[n, visible]`.
    public func gibbsStep(_ visible: Tensor, using generator: inout RandomGenerator) -> Tensor {
        let hidden = Self.bernoulli(hiddenProbabilities(given: visible), using: &generator)
        return Self.bernoulli(visibleProbabilities(given: hidden), using: &generator)
    }

    /// `chains` independent Gibbs chains started from uniform random binary visible vectors, each run for
    /// `steps` steps; returns p(v | h) of the last step (`[chains, visible]`), the usual way to show samples.
    public func sample(chains: Int, steps: Int, using generator: inout RandomGenerator) -> Tensor {
        require(chains > 0 && steps > 0, "RBM.sample: chains \(chains) and steps \(steps) must be positive")
        var visible = Self.bernoulli(Tensor.full([chains, visibleCount], value: 0.5), using: &generator)
        for _ in 1..<steps { visible = gibbsStep(visible, using: &generator) }
        let hidden = Self.bernoulli(hiddenProbabilities(given: visible), using: &generator)
        return visibleProbabilities(given: hidden)
    }

    /// The pseudo-likelihood of each row, estimated as scikit-learn's `score_samples` does: one visible unit
    /// i per row, drawn uniformly, is flipped (ṽ) and
    /// ```
    /// PL(v) ≈ D · log σ(F(ṽ) − F(v))        (D = number of visible units)
    /// ```
    /// Higher is better; ``fit(_:options:using:)`` reports its mean after each epoch.
    public func pseudoLikelihood(_ visible: Tensor, using generator: inout RandomGenerator) -> Tensor {
        checkRows(visible, width: visibleCount, "visible")
        let flipped = (0..<visible.shape[0]).map { _ in Int(generator.next() % UInt64(visibleCount)) }
        return pseudoLikelihood(visible, flipping: flipped)
    }

    /// ``pseudoLikelihood(_:using:)`` with the flipped unit of each row given (`flipped[r]` for row r).
    package func pseudoLikelihood(_ visible: Tensor, flipping flipped: [Int]) -> Tensor {
        checkRows(visible, width: visibleCount, "visible")
        require(flipped.count == visible.shape[0] && flipped.allSatisfy { (0..<visibleCount).contains($0) },
                "RBM.pseudoLikelihood: \(flipped.count) flipped indices for \(visible.shape[0]) rows of \(visibleCount) units")
        var corrupted = visible.scalars
        for (row, i) in flipped.enumerated() { corrupted[row * visibleCount + i] = 1 - corrupted[row * visibleCount + i] }
        let difference = freeEnergy(Tensor(shape: visible.shape, scalars: corrupted)) - freeEnergy(visible)
        // D · log σ(d) = −D · softplus(−d)
        let softplus = (0 - difference).clamped(min: 0) + (0 - difference.abs()).exp().log1p()
        return softplus * Float(-visibleCount)
    }

    /// The mean squared difference between each row and its mean-field reconstruction
    /// p(v | p(h | v)): (1 / nD) Σ (v − v̂)².
    public func reconstructionError(_ visible: Tensor) -> Float {
        let reconstruction = visibleProbabilities(given: hiddenProbabilities(given: visible))
        return (visible - reconstruction).squared().mean().scalar
    }

    /// σ(x) = 1 / (1 + e^(−x)), element-wise.
    static func sigmoid(_ x: Tensor) -> Tensor { x.mapped(SigmoidKernel()) }

    /// 1 where a uniform draw u ∈ [0, 1) is below the probability, 0 elsewhere (scikit-learn's `u < p`).
    static func bernoulli(_ probabilities: Tensor, using generator: inout RandomGenerator) -> Tensor {
        Tensor(shape: probabilities.shape, scalars: probabilities.scalars.map { generator.nextUniform() < $0 ? 1 : 0 })
    }

    private func checkRows(_ x: Tensor, width: Int, _ layer: String) {
        require(x.rank == 2 && x.shape[1] == width, "RBM: \(layer) input of shape \(x.shape) is not [n, \(width)]")
    }
}
