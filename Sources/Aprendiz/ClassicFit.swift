import AprendizClassic
import AprendizData
import AprendizTensor
import AprendizTraining
import Foundation

/// A fitted classic model as the command line and `aprendiz-serve` use it: a linear model (optionally on polynomial features),
/// or any other AprendizClassic model through ``CommandLineModel``, with its scores and its safetensors form.
///
/// The file holds AprendizClassic's archive of the model (`LinearModel.archived()`,
/// `LogisticModel.archived()`, …): for the linear models `coefficients` (`[features]`, or `[classes, features]`;
/// one row for two classes) and `intercept`, in the units of the features the model saw — the original units
/// with `--no-standardize`, standardised ones otherwise (the statistics are in ``ModelMetadata``).
///
/// It lives in the library (package access) so that `aprendiz predict`/`evaluate` and `aprendiz-serve` read a
/// saved classic model through one loader (``load(_:)``, ``loaders``).
package enum ClassicFit: Sendable {
    case linear(LinearModel)
    /// A linear model on the `PolynomialFeatures` (no bias column) of degree `degree`.
    case polynomial(LinearModel, degree: Int, expansion: PolynomialExpansion)
    /// Any other fitted model (classifiers and regressors through ``ClassifierOutputs``/``RegressorOutputs``).
    case model(any CommandLineModel)

    /// How to load each saved kind other than `LinearModel`'s (which may carry a polynomial expansion): one
    /// line per kind.
    package static let loaders: [CommandLineModelLoader] = [
        ClassifierOutputs<LogisticModel>.loader,
        ClassifierOutputs<KNeighborsClassifierModel>.loader, RegressorOutputs<KNeighborsRegressorModel>.loader,
        ClassifierOutputs<GaussianNBModel>.loader, ClassifierOutputs<MultinomialNBModel>.loader, ClassifierOutputs<BernoulliNBModel>.loader,
        ClassifierOutputs<SVCModel>.loader, RegressorOutputs<SVRModel>.loader, ClassifierOutputs<LinearSVCModel>.loader,
        RegressorOutputs<LinearSVRModel>.loader,
        // Trees and forests (chapter 13).
        ClassifierOutputs<DecisionTreeClassificationModel>.loader, RegressorOutputs<DecisionTreeRegressionModel>.loader,
        ClassifierOutputs<ForestClassificationModel>.loader, RegressorOutputs<ForestRegressionModel>.loader,
        // Ensembles (chapter 15).
        ClassifierOutputs<HistGradientBoostingClassificationModel>.loader, RegressorOutputs<HistGradientBoostingRegressionModel>.loader,
        ClassifierOutputs<AdaBoostModel>.loader,
        ClassifierOutputs<BaggingClassificationModel<LogisticModel>>.loader, RegressorOutputs<BaggingRegressionModel<LinearModel>>.loader,
        ClassifierOutputs<VotingClassificationModel>.loader, RegressorOutputs<VotingRegressionModel>.loader,
        ClassifierOutputs<StackingClassificationModel>.loader, RegressorOutputs<StackingRegressionModel>.loader,
    ]

    /// Metadata key of the polynomial degree.
    package static let degreeKey = "aprendiz.polynomial-degree"

    /// The inputs the model's coefficients multiply (`x` expanded for polynomial models).
    private func features(_ x: Tensor) -> Tensor {
        guard case .polynomial(_, _, let expansion) = self else { return x }
        return expansion.transform(x)
    }

    /// Regression predictions `[n, 1]`, or class scores `[n, classCount]`: the log-probabilities of the
    /// model's classes in their columns (−∞… in practice −1e30 for classes it never saw).
    package func outputs(_ x: Tensor, classCount: Int) -> Tensor {
        switch self {
        case .linear(let model), .polynomial(let model, _, _):
            return model.predict(features(x)).reshaped([-1, 1])
        case .model(let model):
            return model.outputs(x, classCount: classCount)
        }
    }

    /// The command's metrics on `examples` (targets `[n, 1]` values or `[n]` class indices): accuracy and
    /// macro F1, or MSE, MAE and R² (`Metric`, as for networks).
    package func metrics(_ examples: TensorDataset, task: LearningTask, classCount: Int) -> [String: Float] {
        let outputs = outputs(examples.inputs, classCount: classCount)
        let list: [Metric] = task == .classification ? [.accuracy, .macroF1] : [.meanSquaredError, .meanAbsoluteError, .r2]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0(outputs, examples.targets)) })
    }

    /// The safetensors archive: the model's own tensors and metadata, plus the command's `metadata`.
    package func archive(metadata: ModelMetadata) throws -> SafetensorsArchive {
        var archive: SafetensorsArchive
        switch self {
        case .linear(let model): archive = model.archived(); archive.metadata["aprendiz.model"] = LinearModel.archiveKind
        case .polynomial(let model, let degree, _):
            archive = model.archived()
            archive.metadata["aprendiz.model"] = LinearModel.archiveKind
            archive.metadata[Self.degreeKey] = "\(degree)"
        case .model(let model): archive = model.archive()
        }
        archive.metadata.merge(try metadata.entry()) { $1 }
        return archive
    }

    /// Reads a classic model file; nil when `path` holds a network (a network architecture, or no classic
    /// model kind in its metadata — `--solver gd` writes a network file).
    /// - Throws: ``ClassicModelFileError`` for a missing or malformed file.
    package static func load(_ path: String) throws -> (fit: ClassicFit, metadata: ModelMetadata)? {
        guard FileManager.default.fileExists(atPath: path) else { throw ClassicModelFileError("model file '\(path)' does not exist") }
        let archive: SafetensorsArchive
        do { archive = try SafetensorsArchive(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ClassicModelFileError("model file '\(path)': \(error)")
        }
        guard let json = archive.metadata[ModelMetadata.key],
              let metadata = try? JSONDecoder().decode(ModelMetadata.self, from: Data(json.utf8)),
              archive.metadata[ModelFile.architectureKey] == nil, archive.metadata["aprendiz.model"] != nil else { return nil }
        do {
            let kind = archive.metadata["aprendiz.model"]
            if let loader = loaders.first(where: { $0.kind == kind }) { return (.model(try loader.load(archive)), metadata) }
            switch kind {
            case LinearModel.archiveKind:
                let model = try LinearModel(archive: archive)
                guard let text = archive.metadata[degreeKey] else { return (.linear(model), metadata) }
                guard let degree = Int(text), degree >= 1 else { throw ClassicModelFileError("model file '\(path)': bad polynomial degree '\(text)'") }
                // The expansion depends only on the column count and the degree.
                let columns = metadata.inputShape.reduce(1, *)
                let expansion = try PolynomialFeatures(degree: degree, includeBias: false)
                    .fit(Tensor(shape: [1, columns], scalars: [Float](repeating: 0, count: columns)))
                return (.polynomial(model, degree: degree, expansion: expansion), metadata)
            default:
                throw ClassicModelFileError("model file '\(path)': unknown classic model '\(kind ?? "none")'")
            }
        } catch let error as ClassicModelFileError {
            throw error
        } catch {
            throw ClassicModelFileError("model file '\(path)': \(error)")
        }
    }
}
