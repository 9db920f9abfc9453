import AprendizAutodiff
import AprendizData
import AprendizNN
import AprendizTensor
import AprendizTraining
import Foundation

/// Trains a network without gradients (chapter 11, "Otimizando Redes Neurais Sem o Gradiente"):
/// a ``PopulationMinimizer`` (GA, DE, CMA-ES, PSO) searches the flattened weights θ
/// (``ParameterVector``) for the smallest training loss.
///
/// ```
/// f(θ) = loss(model_θ(X_train), y_train)         (the whole training set, inference mode, no graph)
/// θ* = minimizer.minimize(f, bounds: [−r, r]ᵈ, budget, seed);   model ← θ*
/// ```
/// Each generation's population is scored in one call of the objective. When the model is a
/// `Sequential` stack of `Dense` layers and parameter-free element-wise activations (and
/// ``batchedForward`` is on, the default), the whole population runs in one batched forward pass
/// (`PopulationForward`: `[P, batch, in]·[P, in, out]` per layer, the weights read in place from
/// the population); otherwise the candidates run one after another through the shared model (a
/// full forward pass each). Both give the same losses (tested to 10⁻⁵). Every `logInterval`-th
/// generation (and the last) the trainer puts the best θ so far into the model and records, as
/// `Trainer` does per epoch, an `EpochLogs` (its `epoch` is the generation) with `loss` and the
/// `Metric`s on the training set, their `val_` forms on the validation set, `evaluations` and
/// `seconds` since the start; `progress` receives each entry. At the end the model holds the best θ
/// found. Default search box: every weight in [−5, 5].
public final class NeuroevolutionTrainer {
    /// The network trained.
    public let model: Module
    /// The objective.
    public let loss: Loss
    /// The gradient-free method.
    public let minimizer: any PopulationMinimizer
    /// Scores reported with each log entry.
    public var metrics: [Metric]
    /// The search box of every weight.
    public let weightRange: ClosedRange<Float>
    /// Log every this many generations (and the last one).
    public var logInterval: Int
    /// Called with each log entry.
    public var progress: ((EpochLogs) -> Void)?
    /// Whether to score a population in one batched forward pass when the model allows it (see
    /// above); false always runs the candidates one by one through the model.
    public var batchedForward = true
    /// The log entries of the last ``fit(_:budget:seed:validation:)``.
    public private(set) var history: [EpochLogs] = []

    /// A trainer for `model` with its loss, method, metrics and search box; bad settings stop with a message.
    public init(model: Module, loss: Loss, minimizer: any PopulationMinimizer, metrics: [Metric] = [],
                weightRange: ClosedRange<Float> = -5...5, logInterval: Int = 1, progress: ((EpochLogs) -> Void)? = nil) {
        require(weightRange.lowerBound < weightRange.upperBound && weightRange.lowerBound.isFinite && weightRange.upperBound.isFinite,
                "NeuroevolutionTrainer: invalid weight range \(weightRange) (expected finite lower < upper)")
        require(logInterval >= 1, "NeuroevolutionTrainer: invalid log interval \(logInterval) (expected ≥ 1)")
        self.model = model
        self.loss = loss
        self.minimizer = minimizer
        self.metrics = metrics
        self.weightRange = weightRange
        self.logInterval = logInterval
        self.progress = progress
    }

    /// Searches the weights within `budget`, leaves the best in the model and returns the search result.
    @discardableResult
    public func fit(_ dataset: some Dataset, budget: SearchBudget, seed: UInt64 = 0,
                    validation: (any Dataset)? = nil) -> SearchResult {
        let vector = ParameterVector(model)
        let training = dataset.all()
        let wasTraining = model.isTraining
        model.eval()
        defer { model.train(wasTraining) }
        history = []
        let start = Date()
        let best = BestCandidate()
        let forward = batchedForward ? PopulationForward(model, vector: vector) : nil
        let objective = BatchObjective(dimensions: vector.count) { [self] population in
            let values = losses(population, on: training, vector: vector, forward: forward)
            population.withUnsafeBufferPointer { rows in
                for row in values.indices where values[row] < best.value {
                    (best.value, best.point) = (values[row], Array(rows[(row * vector.count)..<((row + 1) * vector.count)]))
                }
            }
            return Tensor(values)
        }
        let bounds = SearchBounds(weightRange, dimensions: vector.count)
        let result = minimizer.minimize(objective, bounds: bounds, budget: budget, seed: seed) { [self] record, _ in
            guard record.generation % logInterval == 0, !best.point.isEmpty else { return }
            vector.assign(Tensor(best.point))
            log(record, start: start, training: training, validation: validation)
        }
        vector.assign(result.bestPoint)
        if let last = result.history.last, last.generation % logInterval != 0 {
            log(last, start: start, training: training, validation: validation)
        }
        return result
    }

    /// f(θ_p) = loss(model_θp(X), y) for every row θ_p of `population` ([P, d]) on `batch`: in one
    /// batched forward pass when `forward` is given and takes the batch's inputs, else candidate by
    /// candidate through the model (which is left holding the last candidate).
    func losses(_ population: Tensor, on batch: Batch, vector: ParameterVector, forward: PopulationForward?) -> [Float] {
        let count = population.shape[0]
        return population.withUnsafeBufferPointer { rows in
            if let forward, batch.inputs.rank == 2, batch.inputs.shape[1] == forward.inputCount {
                let outputs = forward.outputs(rows, count: count, inputs: batch.inputs)
                let shape = Array(outputs.shape.dropFirst()), size = shape.reduce(1, *)
                return outputs.withUnsafeBufferPointer { all in
                    (0..<count).map { p in
                        let prediction = Tensor(shape: shape, scalars: Array(all[(p * size)..<((p + 1) * size)]))
                        return withoutGradient { loss(Variable(prediction), batch.targets).value.scalar }
                    }
                }
            }
            return (0..<count).map { p in
                vector.assign(UnsafeBufferPointer(rebasing: rows[(p * vector.count)..<((p + 1) * vector.count)]))
                return withoutGradient { loss(model(batch.inputs), batch.targets).value.scalar }
            }
        }
    }

    /// The loss and metrics of the model (as it is) on `dataset`, in inference mode.
    public func evaluate(_ dataset: any Dataset) -> [String: Float] { scores(dataset.all()) }

    private func scores(_ batch: Batch) -> [String: Float] {
        let wasTraining = model.isTraining
        model.eval()
        defer { model.train(wasTraining) }
        let outputs = withoutGradient { model(batch.inputs).value }
        var logs = ["loss": withoutGradient { loss(Variable(outputs), batch.targets).value.scalar }]
        for metric in metrics { logs[metric.name] = metric(outputs, batch.targets) }
        return logs
    }

    private func log(_ record: GenerationRecord, start: Date, training: Batch, validation: (any Dataset)?) {
        var values = scores(training)
        if let validation { values.merge(scores(validation.all()).map { ("val_\($0.key)", $0.value) }) { $1 } }
        values["evaluations"] = Float(record.evaluations)
        values["seconds"] = Float(Date().timeIntervalSince(start))
        let entry = EpochLogs(epoch: record.generation, values: values)
        history.append(entry)
        progress?(entry)
    }
}

/// The best candidate the objective has scored so far (shared by the objective and the observer).
private final class BestCandidate {
    var value = Float.infinity
    var point: [Float] = []
}
