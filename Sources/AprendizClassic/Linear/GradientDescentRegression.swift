import AprendizAutodiff
import AprendizOptimizers
import AprendizTensor

/// Linear regression fitted by gradient descent on the mean squared error (§12.2.1) with any update rule of
/// chapter 6 (`SGDRule`, `AdamRule`, …), full batch, through automatic differentiation:
/// ```
/// L(w) = (1/n) Σᵢ ((xᵢ − x̄)w − (yᵢ − ȳ))²,   ∇L = (2/n) Xcᵀ(Xc·w − yc),   w ← rule(∇L, w, state),   b = ȳ − x̄ᵀw
/// ```
/// from w = 0, for `epochs` steps: the intercept follows from centring (the minimiser of the MSE in b), so
/// a constant feature becomes a zero column instead of a stiff direction. It reaches the normal equation's solution (``LinearRegression``)
/// when the step size suits the data's scale — standardise the features first
/// (`Pipeline(steps: [StandardScaling()], final: GradientDescentRegression())`).
/// Defaults: plain gradient descent (SGD without momentum), η = 0.1, 1 000 steps. Too large a step for the
/// data's scale diverges, which `fit` reports as an error.
public struct GradientDescentRegression<Rule: UpdateRule>: Estimator {
    public static var name: String { "GradientDescentRegression" }
    /// The chapter-6 update rule.
    public var rule: Rule
    /// η > 0.
    public var learningRate: Float
    /// Full-batch steps (≥ 1).
    public var epochs: Int

    /// Validates and stores the hyper-parameters.
    public init(rule: Rule, learningRate: Float = 0.1, epochs: Int = 1000) throws(ClassicError) {
        self.rule = rule
        self.learningRate = learningRate
        self.epochs = epochs
        try validate()
    }

    public func validate() throws(ClassicError) {
        try checkHyperParameter(learningRate > 0 && learningRate.isFinite, Self.name, "learningRate", learningRate, "a finite number > 0")
        try checkHyperParameter(epochs >= 1, Self.name, "epochs", epochs, "≥ 1")
    }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> LinearModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let w = Variable(Tensor.zeros([x.shape[1], 1]), requiresGradient: true)
        let optimizer = ParameterOptimizer(parameters: [w], learningRate: learningRate, rule: rule)
        let featureMeans = x.mean(axis: 0), targetMean = y.mean().scalar
        let inputs = Variable(x - featureMeans), targets = (y - targetMean).reshaped([-1, 1])
        for _ in 0..<epochs {
            let loss = (inputs.matmul(w) - targets).squared().mean()
            loss.backward()
            optimizer.step()
            optimizer.zeroGrad()
        }
        let coefficients = w.value.reshaped([-1])
        guard coefficients.scalars.allSatisfy(\.isFinite) else {
            throw .invalidData(estimator: Self.name, reason: "gradient descent diverged at learning rate \(learningRate); standardise x or lower it")
        }
        let intercept = targetMean - (featureMeans * coefficients).sum().scalar
        return LinearModel(coefficients: coefficients, intercept: intercept, estimator: Self.name,
                           hyperParameters: ["rule": "\(Rule.self)", "learningRate": "\(learningRate)", "epochs": "\(epochs)"])
    }
}

extension GradientDescentRegression where Rule == SGDRule {
    /// Plain gradient descent (SGD without momentum).
    public init(learningRate: Float = 0.1, epochs: Int = 1000) throws(ClassicError) {
        try self.init(rule: SGDRule(), learningRate: learningRate, epochs: epochs)
    }
}
