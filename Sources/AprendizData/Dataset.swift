import AprendizTensor

/// A batch of examples: inputs with the batch on the first axis, and their targets (class indices as
/// whole-number Floats of shape `[batch]`, or regression values / one-hot rows of shape `[batch, …]`).
public struct Batch: Sendable {
    /// The examples, batch first.
    public var inputs: Tensor
    /// The targets, batch first (class indices or values).
    public var targets: Tensor

    /// A batch (or data set) of examples and their targets; the leading dimensions must agree.
    public init(inputs: Tensor, targets: Tensor) {
        self.inputs = inputs
        self.targets = targets
    }

    /// The number of examples.
    public var count: Int { inputs.shape.first ?? 0 }
}

/// A finite, indexable collection of (input, target) examples — PyTorch's map-style `Dataset`.
///
/// A conformer only says how many examples it has and how to gather a batch of them by index;
/// ``DataLoader`` decides the order and the batch size.
public protocol Dataset {
    /// The number of examples.
    var count: Int { get }
    /// The examples at `indices`, in that order, stacked on the first axis.
    func batch(at indices: [Int]) -> Batch
}

extension Dataset {
    /// Every example in order, as one batch.
    public func all() -> Batch { batch(at: Array(0..<count)) }

    /// The examples at `indices` as a data set of their own (a view; nothing is copied).
    public func subset(_ indices: [Int]) -> SubsetDataset<Self> { SubsetDataset(base: self, indices: indices) }
}

/// A data set held in two tensors whose first axes index the examples (PyTorch's `TensorDataset`).
///
/// Batches are gathered by copying whole rows (one `memcpy` per example), never element by element.
public struct TensorDataset: Dataset, Sendable {
    /// All inputs, shape `[count, …]`.
    public let inputs: Tensor
    /// All targets, shape `[count]` or `[count, …]`.
    public let targets: Tensor

    /// - Precondition: both tensors have the same first dimension.
    public init(inputs: Tensor, targets: Tensor) {
        require(inputs.rank >= 1 && targets.rank >= 1 && inputs.shape[0] == targets.shape[0],
                     "TensorDataset: inputs \(inputs.shape) and targets \(targets.shape) differ in their number of examples")
        self.inputs = inputs
        self.targets = targets
    }

    /// The number of examples.
    public var count: Int { inputs.shape[0] }

    /// The examples at the given positions, stacked into one batch.
    public func batch(at indices: [Int]) -> Batch {
        Batch(inputs: inputs.selecting(indices, axis: 0), targets: targets.selecting(indices, axis: 0))
    }
}

/// The examples of `base` at `indices` (what ``Dataset/subset(_:)`` returns).
public struct SubsetDataset<Base: Dataset>: Dataset {
    /// The data set the subset is drawn from.
    public let base: Base
    /// The positions in `base` that make up the subset, in order.
    public let indices: [Int]

    /// The subset of `base` at `indices`.
    public init(base: Base, indices: [Int]) {
        require(indices.allSatisfy { $0 >= 0 && $0 < base.count },
                     "SubsetDataset: an index is outside 0..<\(base.count)")
        self.base = base
        self.indices = indices
    }

    /// The number of examples in the subset.
    public var count: Int { indices.count }

    /// The examples at the given positions, stacked into one batch.
    public func batch(at positions: [Int]) -> Batch { base.batch(at: positions.map { indices[$0] }) }
}
