import Aprendiz
import ArgumentParser

extension LearningTask: ExpressibleByArgument {}

extension ModelMetadata {
    /// The metadata of a model trained by `aprendiz train` on `data` (``ModelMetadata`` itself lives in
    /// AprendizTraining so that `aprendiz-serve` reads model files the same way).
    init(data: PreparedData, model: ModelKind, inputShape: [Int], seed: UInt64) {
        self.init(dataset: data.name, model: model.rawValue, task: data.task, classCount: data.classCount,
                  inputShape: inputShape, featureNames: data.featureNames, mean: data.standardizer?.mean.scalars,
                  standardDeviation: data.standardizer?.standardDeviation.scalars, seed: seed)
    }
}
