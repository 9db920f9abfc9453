import Foundation
import AprendizAutodiff
import AprendizData
import AprendizTensor

extension Trainer {
    /// One epoch of ``DataParallel`` training: the global batches of the shared order, this rank's
    /// shard of each, gradients averaged over the ranks before the step. The logged `loss` is the
    /// global batches' (it travels with the gradients); the training metrics are this rank's shard's.
    func runParallelEpoch<Source: Dataset>(_ epoch: Int, _ loader: DataLoader<Source>, _ parallel: DataParallel) throws -> [String: Float] {
        model.train()
        let lastGood = model.parameters().map(\.value)
        var accumulator = OutputAccumulator()
        var lossSum: Double = 0, examples = 0
        let order = loader.nextEpochOrder()
        for index in 0..<loader.batchCount {
            let global = order[(index * loader.batchSize)..<min((index + 1) * loader.batchSize, order.count)]
            let (indices, weight) = parallel.shard(of: global)
            // Each rank augments its shard with the draws of (epoch, batch): deterministic, though not the one-process batch.
            let batch = indices.isEmpty ? nil : loader.dataset.batch(at: indices).augmented(by: augmentation, epoch: epoch - 1, index: index)
            let (value, outputs, stop) = try parallelStep(batch, weight: weight, parallel)
            // A rank's callbacks asked to stop after the previous batch: this batch's update was not applied anywhere.
            if stop { stopTraining = true; break }
            guard value.isFinite else {
                for (parameter, saved) in zip(model.parameters(), lastGood) { parameter.value = saved }
                optimizer.zeroGrad()
                throw TrainingError.nonFiniteLoss(epoch: epoch, batch: index + 1, value: value, checkpoint: lastCheckpoint)
            }
            if let batch, let outputs { accumulator.add(outputs: outputs, targets: batch.targets, loss: value) }
            lossSum += Double(value) * Double(global.count)
            examples += global.count
            callbacks.forEach { $0.batchDidEnd(index + 1, examples: global.count, loss: value, trainer: self) }
        }
        var logs = accumulator.logs(metrics)
        logs["loss"] = Float(lossSum / Double(max(examples, 1)))
        return logs
    }

    /// Forward and backward on this rank's shard (nothing when it is empty), the gradients averaged
    /// over the ranks during the backward pass with this rank's pending stop request, then clipping and the step. Returns the
    /// global batch's loss, this rank's outputs and whether some rank asked to stop; the step is
    /// skipped on every rank when the loss is not finite or a stop was asked (the callbacks of the
    /// previous batch set ``stopTraining``: every rank stops there, as one process would).
    private func parallelStep(_ batch: Batch?, weight: Float, _ parallel: DataParallel) throws -> (loss: Float, outputs: Tensor?, stop: Bool) {
        optimizer.zeroGrad()
        var local: Float = 0, outputs: Tensor?, differentiated: Variable?
        if let batch {
            let predictions = model(batch.inputs)
            var objective = loss(predictions, batch.targets)
            for penalty in penalties { objective = objective + penalty(model) }
            local = objective.value.scalar
            outputs = predictions.value
            if local.isFinite { differentiated = objective }
        }
        // The backward pass, with each bucket's all-reduce started as soon as its gradients are final.
        let (value, stop) = try parallel.backward(differentiated, parameters: optimizer.parameters, weight: weight, loss: local,
                                                  stopRequested: stopTraining)
        guard value.isFinite, !stop else {
            if stop { optimizer.zeroGrad() }
            return (value, outputs, stop)
        }
        gradientClipping?.apply(to: optimizer.parameters)
        optimizer.step()
        optimizer.zeroGrad()
        return (value, outputs, false)
    }
}
