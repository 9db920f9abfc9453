import AprendizMetrics
import AprendizTensor

/// A fitted model: the values an estimator learnt, ready to predict. There is no unfitted state — a
/// model exists only as the result of ``Estimator/fit(_:_:)`` (or of loading a saved one), so
/// "predict before fit" does not compile (scikit-learn raises `NotFittedError` at run time instead).
public protocol FittedModel: Sendable {
    /// The number of input features the model was fitted on.
    var featureCount: Int { get }
    /// Predictions for the rows of `x` (`[count, featureCount]`): `[count]` values, or class labels.
    func predict(_ x: Tensor) -> Tensor
    /// The model's default score on `(x, y)`: R² for regression, accuracy for classification.
    func score(_ x: Tensor, _ y: Tensor) -> Float
}

/// A supervised learning algorithm: a value holding hyper-parameters only (scikit-learn's
/// `BaseEstimator`), validated on creation and again by `fit`, which returns a new fitted model and
/// changes nothing in the estimator.
public protocol Estimator: Sendable {
    /// The fitted model this estimator produces.
    associatedtype Model: FittedModel
    /// The estimator's name in messages and model files.
    static var name: String { get }
    /// Throws ``ClassicError/invalidHyperParameter(estimator:name:value:requirement:)`` for the first bad one.
    func validate() throws(ClassicError)
    /// Learns from the rows of `x` (`[count, features]`, finite) and their targets `y` (`[count]`).
    func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> Model
}

/// A fitted model of a real-valued target; its score is R² (scikit-learn's `RegressorMixin`).
public protocol RegressionModel: FittedModel {}

extension RegressionModel {
    /// R² of the predictions on `x` against `y` (`r2Score(predictions:targets:)`).
    public func score(_ x: Tensor, _ y: Tensor) -> Float { r2Score(predictions: predict(x), targets: y) }
}

/// A fitted classifier; labels are any integers, kept sorted in ``classes`` (scikit-learn's
/// `ClassifierMixin`). `predict` returns labels, the score is accuracy.
public protocol ClassificationModel: FittedModel {
    /// The sorted distinct labels seen in fitting; column k of the probabilities is `classes[k]`.
    var classes: [Int] { get }
    /// P(class k | xᵢ) for each row, `[count, classes.count]`, rows summing to 1.
    func predictProbabilities(_ x: Tensor) -> Tensor
}

extension ClassificationModel {
    /// The most probable class label of each row (as `Float`s), `[count]`.
    public func predict(_ x: Tensor) -> Tensor {
        Tensor(predictProbabilities(x).argmax(axis: 1).scalars.map { Float(classes[Int($0)]) })
    }

    /// The fraction of rows of `x` whose predicted label equals `y`.
    public func score(_ x: Tensor, _ y: Tensor) -> Float {
        let predicted = predict(x).scalars, actual = y.scalars
        require(predicted.count == actual.count, "score: \(predicted.count) predictions for \(actual.count) labels")
        return actual.isEmpty ? 0 : Float(zip(predicted, actual).filter { $0 == $1 }.count) / Float(actual.count)
    }
}
