import AprendizClassic
import AprendizData
import AprendizTensor
import Foundation

/// Any fitted AprendizClassic model as the command line and `aprendiz-serve` drive it: scored like a network
/// (``outputs(_:classCount:)``), saved as its own safetensors archive, loaded back by its `aprendiz.model` kind
/// (``ClassicFit/loaders``). It lives in the library (package access) so that the server loads model files
/// through the same table as `aprendiz predict`.
///
/// Adding a classic model to the tool takes a `ClassicModel` case (AprendizCLI) that fits it into
/// `.model(ClassifierOutputs(model: …))` or `.model(RegressorOutputs(model: …))`, and one line in
/// ``ClassicFit/loaders``.
package protocol CommandLineModel: Sendable {
    /// Regression predictions `[n, 1]`, or class scores `[n, classCount]` whose arg-max is the predicted class.
    func outputs(_ x: Tensor, classCount: Int) -> Tensor
    /// The model's safetensors archive, with its kind in the `aprendiz.model` metadata key.
    func archive() -> SafetensorsArchive
    /// The fitted model itself, for the report's model-specific sections (coefficients, importances).
    var fitted: any FittedModel { get }
}

/// A kind of saved model and how to rebuild it from its archive.
package typealias CommandLineModelLoader = (kind: String, load: @Sendable (SafetensorsArchive) throws -> any CommandLineModel)

/// A classifier on the command line: its outputs are the log-probabilities of its classes, in the columns of
/// the data set's class indices (−1e30 for classes it never saw in fitting).
package struct ClassifierOutputs<Model: ClassificationModel & ArchivableModel>: CommandLineModel {
    package let model: Model

    package init(model: Model) { self.model = model }

    package var fitted: any FittedModel { model }

    /// The loader of `Model`'s archive kind.
    package static var loader: CommandLineModelLoader { (Model.archiveKind, { ClassifierOutputs(model: try Model(archive: $0)) }) }

    package func outputs(_ x: Tensor, classCount: Int) -> Tensor {
        let p = model.predictProbabilities(x).scalars, n = x.shape[0], k = model.classes.count
        var scores = [Float](repeating: -1e30, count: n * classCount)
        for row in 0..<n {
            for (column, label) in model.classes.enumerated() where label >= 0 && label < classCount {
                scores[row * classCount + label] = Foundation.log(max(p[row * k + column], .leastNormalMagnitude))
            }
        }
        return Tensor(shape: [n, classCount], scalars: scores)
    }

    package func archive() -> SafetensorsArchive { archiveWithKind(model) }
}

/// A regressor on the command line: its outputs are its predictions as one column.
package struct RegressorOutputs<Model: RegressionModel & ArchivableModel>: CommandLineModel {
    package let model: Model

    package init(model: Model) { self.model = model }

    package var fitted: any FittedModel { model }

    /// The loader of `Model`'s archive kind.
    package static var loader: CommandLineModelLoader { (Model.archiveKind, { RegressorOutputs(model: try Model(archive: $0)) }) }

    package func outputs(_ x: Tensor, classCount: Int) -> Tensor { model.predict(x).reshaped([-1, 1]) }

    package func archive() -> SafetensorsArchive { archiveWithKind(model) }
}

/// `model`'s archive with its kind in the `aprendiz.model` metadata key (what `ArchivableModel.save(to:)` writes).
private func archiveWithKind<Model: ArchivableModel>(_ model: Model) -> SafetensorsArchive {
    var archive = model.archived()
    archive.metadata["aprendiz.model"] = Model.archiveKind
    return archive
}
