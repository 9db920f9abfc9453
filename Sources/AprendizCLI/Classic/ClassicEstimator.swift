import Aprendiz

/// A ``ClassicModel`` with its `--param` values as an AprendizClassic `Estimator`, so `compare models`
/// cross-validates it with `crossValidate(_:_:_:splitter:scoring:)` (inside a `Pipeline` that
/// standardises each fold with its own training rows).
struct ClassicEstimator: Estimator {
    /// The fitted model: its score is R² (regression) or accuracy (classification), as `FittedModel` defines.
    struct Fitted: FittedModel {
        let fit: ClassicFit
        let featureCount: Int
        let classCount: Int
        let task: LearningTask

        func predict(_ x: Tensor) -> Tensor { fit.outputs(x, classCount: classCount) }

        func score(_ x: Tensor, _ y: Tensor) -> Float {
            let metric: Metric = task == .classification ? .accuracy : .r2
            return metric(predict(x), task == .classification ? y : y.reshaped([-1, 1]))
        }
    }

    static var name: String { "ClassicEstimator" }

    let model: ClassicModel
    let parameters: ClassicParameters
    /// The class count of the whole data set (a fold may miss a class).
    let classCount: Int
    /// The data's task.
    let task: LearningTask

    func validate() throws(ClassicError) {}

    func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> Fitted {
        do {
            return Fitted(fit: try model.fit(x, y, task: task, parameters: parameters), featureCount: x.shape[1], classCount: classCount, task: task)
        } catch {
            throw .invalidData(estimator: model.rawValue, reason: "\(error)")
        }
    }
}
