import Aprendiz

/// Measures ‖∂L/∂W₁‖₂, the norm of the loss gradient with respect to the first layer's weights, on a
/// fixed batch after every epoch — how much signal reaches the bottom of the network (the vanishing
/// gradient of §7.7 and §8.7). The gradient is cleared afterwards, so training is unaffected.
final class GradientProbe: Callback {
    private let batch: Batch
    /// One norm per finished epoch.
    private(set) var norms: [Double] = []

    init(batch: Batch) { self.batch = batch }

    func trainingWillBegin(_ trainer: Trainer) { norms = [] }

    func epochDidEnd(_ logs: EpochLogs, trainer: Trainer) {
        guard let first = trainer.model.parameters().first else { return }
        trainer.model.zeroGrad()
        trainer.loss(trainer.model(batch.inputs), batch.targets).backward()
        norms.append(Double(first.grad.map { ($0 * $0).sum().scalar.squareRoot() } ?? 0))
        trainer.model.zeroGrad()
    }
}
