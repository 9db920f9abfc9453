import Foundation
import Aprendiz

/// Stacks concurrent requests for one model into one forward pass, the way Triton's dynamic batcher
/// and TorchServe's `batch_size`/`max_batch_delay` do:
///
/// ```
/// a request arrives → wait at most maxDelay for others → run rows₁ ⧺ rows₂ ⧺ … (≤ maxBatch rows) once
///                   → answer each request with its own slice of the outputs
/// ```
///
/// The batch runs as soon as it holds `maxBatch` rows, or `maxDelay` after its first request. A
/// request of `maxBatch` rows or more runs alone at once. Forward passes run off the actor, so the
/// next batch fills while the previous one computes. Defaults of `aprendiz-serve`: 64 rows, 2 ms.
public actor DynamicBatcher {
    /// The model the batches run through (the latest one ``replace(with:)`` installed).
    public nonisolated var model: ServedModel { slot.value }
    private nonisolated let slot: ModelSlot
    /// The most rows in one forward pass.
    public nonisolated let maxBatch: Int
    /// The longest a request waits for others.
    public nonisolated let maxDelay: Duration
    private nonisolated let metrics: ServingMetrics

    private struct Pending {
        let features: Tensor
        let continuation: CheckedContinuation<Tensor, Never>
    }
    private var pending: [Pending] = []
    private var pendingRows = 0
    /// Counts flushes, so that a timer set for an earlier batch does nothing.
    private var generation = 0

    /// - Precondition: `maxBatch ≥ 1`.
    public init(model: ServedModel, maxBatch: Int, maxDelay: Duration, metrics: ServingMetrics) {
        require(maxBatch >= 1, "DynamicBatcher: maxBatch must be at least 1, got \(maxBatch)")
        slot = ModelSlot(model)
        self.maxBatch = maxBatch
        self.maxDelay = maxDelay
        self.metrics = metrics
    }

    /// The model's outputs for `features` (`[rows, features]`), computed in a batch with other requests. A request
    /// of `maxBatch` rows or more (every request with `maxBatch` 1: batching off) runs at once in the caller's
    /// task, never on the actor, so that it neither waits for nor holds up the batches being assembled.
    public nonisolated func outputs(_ features: Tensor) async -> Tensor {
        if features.shape[0] >= maxBatch { return Self.run(model, features, metrics: metrics) }
        return await enqueue(features)
    }

    /// Adds a small request to the pending batch and waits for its slice of the batch's outputs.
    private func enqueue(_ features: Tensor) async -> Tensor {
        let rows = features.shape[0]
        return await withCheckedContinuation { continuation in
            pending.append(Pending(features: features, continuation: continuation))
            pendingRows += rows
            if pendingRows >= maxBatch {
                flush()
            } else if pending.count == 1 {
                let expected = generation, delay = maxDelay
                Task { [weak self] in
                    try? await Task.sleep(for: delay)
                    await self?.timerFired(generation: expected)
                }
            }
        }
    }

    /// Serves `replacement` from now on; batches already handed to a forward pass finish on the model they started
    /// with. The new model must read the same rows and answer the same way (input shape, task, classes), so the
    /// requests already decoded for the old one stay valid.
    /// - Throws: ``ServingError`` (422) naming what differs.
    public nonisolated func replace(with replacement: ServedModel) throws(ServingError) {
        let current = model.metadata, next = replacement.metadata
        guard current.inputShape == next.inputShape, current.task == next.task, current.classCount == next.classCount else {
            throw ServingError(.unprocessableContent,
                               "the new file expects shape \(next.inputShape) (\(next.task.rawValue), \(next.classCount) classes); "
                               + "the served model expects \(current.inputShape) (\(current.task.rawValue), \(current.classCount) classes): "
                               + "restart the server to change them")
        }
        slot.value = replacement
    }

    private func timerFired(generation expected: Int) {
        if expected == generation, !pending.isEmpty { flush() }
    }

    /// Hands the pending requests to a forward pass off the actor.
    private func flush() {
        let batch = pending
        pending = []
        pendingRows = 0
        generation += 1
        let model = model, metrics = metrics
        Task.detached {
            let outputs = Self.run(model, Tensor.concatenate(batch.map(\.features), axis: 0), metrics: metrics)
            var start = 0
            for request in batch {
                let rows = request.features.shape[0]
                request.continuation.resume(returning: outputs.slice(axis: 0, start..<start + rows))
                start += rows
            }
        }
    }

    private static func run(_ model: ServedModel, _ features: Tensor, metrics: ServingMetrics) -> Tensor {
        metrics.recordBatch(rows: features.shape[0])
        return model.outputs(features)
    }
}

/// The served model, swapped atomically by a reload and read from any thread.
private final class ModelSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var model: ServedModel

    init(_ model: ServedModel) { self.model = model }

    var value: ServedModel {
        get { lock.withLock { model } }
        set { lock.withLock { model = newValue } }
    }
}
