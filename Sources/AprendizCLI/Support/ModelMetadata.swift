import Aprendiz
import ArgumentParser

extension LearningTask: ExpressibleByArgument {}

extension ModelMetadata {
    /// The metadata of a model trained by `aprendiz train` on `data` (``ModelMetadata`` itself lives in
    /// AprendizTraining so that `aprendiz-serve` reads model files the same way; it stores the model by name).
    init(data: PreparedData, model: ModelKind, inputShape: [Int], seed: UInt64) {
        self.init(dataset: data.name, model: model.rawValue, task: data.task, classCount: data.classCount,
                  inputShape: inputShape, featureNames: data.featureNames, mean: data.standardizer?.mean.scalars,
                  standardDeviation: data.standardizer?.standardDeviation.scalars, seed: seed,
                  classNames: data.classNames, classLabels: data.classLabels, encoding: data.encoding)
    }

    /// The `ModelKind` named by `model`, or nil when this build knows no model by that name.
    var modelKind: ModelKind? { try? ModelKind.named(model) }
}
