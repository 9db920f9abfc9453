import AprendizTensor

/// Transformers followed by an estimator, fitted as one model (scikit-learn's `Pipeline`): each step is
/// fitted on the output of the steps before it, so cross-validation of a pipeline never lets the
/// held-out fold leak into the preprocessing.
/// ```
/// fit:      T₁ = step₁.fit(x),  T₂ = step₂.fit(T₁(x)), …,  model = final.fit(Tₖ(…T₁(x)), y)
/// predict:  model.predict(Tₖ(…T₁(x)))
/// ```
/// Polynomial regression (§12.3) is `Pipeline(steps: [PolynomialFeatures(degree: d)], final: LinearRegression())`.
public struct Pipeline<Final: Estimator>: Estimator {
    public static var name: String { "Pipeline<\(Final.name)>" }
    /// The preprocessing steps, in order.
    public var steps: [any Transformer]
    /// The estimator fitted on the transformed data.
    public var final: Final

    /// A pipeline of `steps` ending in `final`.
    public init(steps: [any Transformer], final: Final) {
        self.steps = steps
        self.final = final
    }

    public func validate() throws(ClassicError) { try final.validate() }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> PipelineModel<Final.Model> {
        var transforms: [any FittedTransform] = [], current = x
        for step in steps {
            let transform = try step.fit(current)
            current = transform.transform(current)
            transforms.append(transform)
        }
        return PipelineModel(transforms: transforms, model: try final.fit(current, y), featureCount: x.shape[1])
    }
}

/// A fitted ``Pipeline``.
public struct PipelineModel<Model: FittedModel>: FittedModel {
    /// The fitted preprocessing steps.
    public let transforms: [any FittedTransform]
    /// The fitted final model.
    public let model: Model
    public let featureCount: Int

    /// `x` through every fitted step.
    public func transform(_ x: Tensor) -> Tensor { transforms.reduce(x) { $1.transform($0) } }
    /// The final model's predictions on the transformed `x`.
    public func predict(_ x: Tensor) -> Tensor { model.predict(transform(x)) }
    /// The final model's score on the transformed `x`.
    public func score(_ x: Tensor, _ y: Tensor) -> Float { model.score(transform(x), y) }
}

extension PipelineModel: RegressionModel where Model: RegressionModel {}

extension PipelineModel: ClassificationModel where Model: ClassificationModel {
    public var classes: [Int] { model.classes }
    public func predictProbabilities(_ x: Tensor) -> Tensor { model.predictProbabilities(transform(x)) }
}
