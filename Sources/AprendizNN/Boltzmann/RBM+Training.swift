import AprendizTensor

extension RBM {
    /// How the negative phase of the log-likelihood gradient is estimated.
    ///
    /// Both run a Gibbs chain for `steps` steps; they differ in where the chain starts:
    /// - ``contrastiveDivergence(steps:)`` (CD-k, Hinton 2002): at the minibatch itself, every update;
    /// - ``persistent(steps:)`` (PCD-k, Tieleman 2008; scikit-learn's only method): where the previous
    ///   update left it, so the chain keeps exploring the model's distribution (starting from h = 0).
    public enum GradientEstimator: Sendable, Equatable {
        /// CD-k: the chain starts at h ~ p(h | v⁺) of the minibatch.
        case contrastiveDivergence(steps: Int)
        /// PCD-k: the chain continues from its previous state.
        case persistent(steps: Int)

        var steps: Int {
            switch self { case .contrastiveDivergence(let k), .persistent(let k): k }
        }
    }

    /// The hyper-parameters of ``fit(_:options:using:)``; the defaults are scikit-learn's `BernoulliRBM`.
    public struct TrainingOptions: Sendable, Equatable {
        /// η (default 0.1).
        public var learningRate: Float
        /// Rows per minibatch, also the number of persistent chains (default 10).
        public var batchSize: Int
        /// Passes over the data (default 10).
        public var epochs: Int
        /// CD-k or PCD-k (default PCD-1).
        public var estimator: GradientEstimator

        /// Options with scikit-learn's defaults unless given.
        public init(learningRate: Float = 0.1, batchSize: Int = 10, epochs: Int = 10,
                    estimator: GradientEstimator = .persistent(steps: 1)) {
            self.learningRate = learningRate
            self.batchSize = batchSize
            self.epochs = epochs
            self.estimator = estimator
        }

        func validate() {
            require(learningRate > 0 && learningRate.isFinite, "RBM: learning rate \(learningRate) is not positive")
            require(batchSize > 0, "RBM: batch size \(batchSize) is not positive")
            require(epochs > 0, "RBM: epochs \(epochs) is not positive")
            require(estimator.steps > 0, "RBM: Gibbs steps \(estimator.steps) is not positive")
        }
    }

    /// Trains on the rows of `data` (`[n, visible]`, values in [0, 1]) by stochastic gradient ascent on the
    /// log-likelihood, one update per minibatch, and returns the mean pseudo-likelihood of `data` after each
    /// epoch (scikit-learn's verbose output). Minibatches are contiguous and in order, as scikit-learn cuts
    /// them, so the data should be shuffled beforehand.
    ///
    /// For a minibatch v⁺ of m rows and the chain's negative samples v⁻:
    /// ```
    /// W ← W + η/m (v⁺ᵀ p(h | v⁺) − v⁻ᵀ p(h | v⁻))
    /// b ← b + η/m (Σ v⁺ − Σ v⁻)
    /// c ← c + η/m (Σ p(h | v⁺) − Σ p(h | v⁻))
    /// ```
    @discardableResult
    public mutating func fit(_ data: Tensor, options: TrainingOptions = TrainingOptions(),
                             using generator: inout RandomGenerator) -> [Float] {
        options.validate()
        require(data.rank == 2 && data.shape[1] == visibleCount && data.shape[0] > 0,
                "RBM.fit: data of shape \(data.shape) is not [n, \(visibleCount)]")
        let batches = Self.batches(rows: data.shape[0], batchSize: options.batchSize)
        var chain = Tensor.zeros([options.batchSize, hiddenCount])
        var history: [Float] = []
        for _ in 0..<options.epochs {
            for range in batches {
                let positive = data.slice(axis: 0, range)
                if case .contrastiveDivergence = options.estimator {
                    chain = Self.bernoulli(hiddenProbabilities(given: positive), using: &generator)
                }
                let negative = negativeSamples(from: chain, steps: options.estimator.steps, using: &generator)
                let hiddenNegative = update(positive: positive, negative: negative, learningRate: options.learningRate)
                chain = Self.bernoulli(hiddenNegative, using: &generator)
            }
            history.append(pseudoLikelihood(data, using: &generator).mean().scalar)
        }
        return history
    }

    /// v⁻ after `steps` Gibbs steps from the hidden state `hidden`: v ~ p(v | h), then (h ~ p(h | v),
    /// v ~ p(v | h)) `steps − 1` more times.
    func negativeSamples(from hidden: Tensor, steps: Int, using generator: inout RandomGenerator) -> Tensor {
        var visible = Self.bernoulli(visibleProbabilities(given: hidden), using: &generator)
        for _ in 1..<steps { visible = gibbsStep(visible, using: &generator) }
        return visible
    }

    /// One gradient step from the positive rows v⁺ and the negative samples v⁻ (the update in
    /// ``fit(_:options:using:)``, scikit-learn's `_fit` once its v⁻ is drawn); returns p(h | v⁻), from which
    /// the persistent chain's next hidden state is drawn.
    @discardableResult
    package mutating func update(positive: Tensor, negative: Tensor, learningRate: Float) -> Tensor {
        let hiddenPositive = hiddenProbabilities(given: positive)
        let hiddenNegative = hiddenProbabilities(given: negative)
        let step = learningRate / Float(positive.shape[0])
        let gradient = positive.matmul(hiddenPositive, transposeSelf: true) - negative.matmul(hiddenNegative, transposeSelf: true)
        weights += gradient * step
        visibleBias += (positive.sum(axis: 0) - negative.sum(axis: 0)) * step
        hiddenBias += (hiddenPositive.sum(axis: 0) - hiddenNegative.sum(axis: 0)) * step
        return hiddenNegative
    }

    /// Contiguous batches of `batchSize` rows in order, the last one shorter when `batchSize` does not divide
    /// `rows` (what scikit-learn's `gen_even_slices(⌈n / b⌉ · b, ⌈n / b⌉, n_samples: n)` yields).
    static func batches(rows: Int, batchSize: Int) -> [Range<Int>] {
        stride(from: 0, to: rows, by: batchSize).map { $0..<min($0 + batchSize, rows) }
    }
}
