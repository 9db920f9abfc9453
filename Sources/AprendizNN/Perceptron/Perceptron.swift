import AprendizTensor

/// Rosenblatt's perceptron (§18; Rosenblatt 1958) with its learning rule: a single neuron with the
/// Heaviside step (``heaviside(_:)``), trained one example at a time by correcting its errors.
///
/// ```
/// ŷ = H(w·x + b),   H(z) = 1 for z ≥ 0, 0 otherwise
/// for each example (x, y), in order:   w ← w + η(y − ŷ)x,   b ← b + η(y − ŷ)
/// ```
/// Only mistakes change the weights. On linearly separable data the rule stops after a finite number
/// of mistakes (Novikoff 1962); on data no line separates, such as XOR, it never stops — the limit
/// that the multi-layer perceptron and back-propagation (§6.2) overcome. Weights and bias start at 0;
/// η defaults to 1.
public struct Perceptron: Sendable {
    /// w, shape `[features]`.
    public private(set) var weights: Tensor
    /// b.
    public private(set) var bias: Float
    /// η, the learning rate.
    public let learningRate: Float

    /// An untrained perceptron over `features` inputs (w = 0, b = 0).
    public init(features: Int, learningRate: Float = 1) {
        require(features > 0, "Perceptron: invalid feature count \(features)")
        require(learningRate > 0, "Perceptron: learning rate \(learningRate) is not positive")
        weights = Tensor.zeros([features])
        bias = 0
        self.learningRate = learningRate
    }

    /// H(w·x + b) for each row of `inputs` (`[n, features]` → `[n]`, values 0 or 1).
    public func predict(_ inputs: Tensor) -> Tensor {
        require(inputs.shape.count == 2 && inputs.shape[1] == weights.count,
                "Perceptron: inputs of shape \(inputs.shape) are not [n, \(weights.count)]")
        let w = weights.scalars, x = inputs.scalars, features = w.count
        return Tensor((0..<inputs.shape[0]).map { row in
            var z = bias
            for j in 0..<features { z += w[j] * x[row * features + j] }
            return z >= 0 ? 1 : 0
        })
    }

    /// The outcome of ``fit(_:targets:maxEpochs:)``.
    public struct Training: Sendable, Equatable {
        /// The number of mistakes in each pass over the data.
        public var errorsPerEpoch: [Int]
        /// Whether a pass made no mistake (the data were separated).
        public var converged: Bool { errorsPerEpoch.last == 0 }
    }

    /// Applies the learning rule over the examples in order, pass after pass, until a pass makes no
    /// mistake or `maxEpochs` passes have run.
    /// - Parameters:
    ///   - inputs: `[n, features]`.
    ///   - targets: `[n]`, each 0 or 1.
    ///   - maxEpochs: the most passes over the data (default 100).
    public mutating func fit(_ inputs: Tensor, targets: Tensor, maxEpochs: Int = 100) -> Training {
        require(inputs.shape.count == 2 && inputs.shape[1] == weights.count && targets.shape == [inputs.shape[0]],
                "Perceptron: inputs \(inputs.shape) and targets \(targets.shape) are not [n, \(weights.count)] and [n]")
        require(targets.scalars.allSatisfy { $0 == 0 || $0 == 1 }, "Perceptron: targets must be 0 or 1")
        require(maxEpochs > 0, "Perceptron: maxEpochs \(maxEpochs) is not positive")
        let x = inputs.scalars, y = targets.scalars, features = weights.count
        var w = weights.scalars
        var training = Training(errorsPerEpoch: [])
        for _ in 0..<maxEpochs {
            var errors = 0
            for row in 0..<y.count {
                var z = bias
                for j in 0..<features { z += w[j] * x[row * features + j] }
                let error = y[row] - (z >= 0 ? 1 : 0)
                guard error != 0 else { continue }
                errors += 1
                for j in 0..<features { w[j] += learningRate * error * x[row * features + j] }
                bias += learningRate * error
            }
            training.errorsPerEpoch.append(errors)
            if errors == 0 { break }
        }
        weights = Tensor(w)
        return training
    }
}
