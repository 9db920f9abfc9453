import AprendizTensor

/// The argument checks shared by the losses. Each throws ``LossError/invalidInput(loss:message:)``
/// naming the loss, the offending index and its value; loss functions turn a throw into a
/// precondition failure with ``require(_:)``, ``Loss/validate(predictions:targets:)`` passes it on.
enum LossCheck {
    /// Runs checks and stops with their message if one fails (bad arguments to a loss function are
    /// programmer errors, like an out-of-range subscript).
    static func require(_ checks: () throws(LossError) -> Void) {
        do throws(LossError) { try checks() } catch { fatalError(error.description) }
    }

    /// Predictions and targets must have the same shape.
    static func sameShape(_ loss: String, _ predictions: [Int], _ targets: [Int],
                          names: (String, String) = ("predictions", "targets")) throws(LossError) {
        guard predictions != targets else { return }
        throw .invalidInput(loss: loss, message: "\(names.0) shape \(predictions) differs from \(names.1) shape \(targets)")
    }

    /// A rank the loss needs, e.g. 2 for (batch, classes).
    static func rank(_ loss: String, _ tensor: Tensor, _ rank: Int, role: String, layout: String) throws(LossError) {
        guard tensor.rank != rank else { return }
        throw .invalidInput(loss: loss, message: "\(role) must be \(layout) (rank \(rank)), got shape \(tensor.shape)")
    }

    /// Every element in [0, 1] (and not NaN).
    static func probabilities(_ loss: String, _ tensor: Tensor, role: String) throws(LossError) {
        let values = tensor.scalars
        if let i = values.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw .invalidInput(loss: loss, message: "\(role)\(position(i, tensor.shape)) = \(values[i]) is not a probability in [0, 1]")
        }
    }

    /// Every element one of `allowed` (hinge labels ±1, pair labels 0/1).
    static func labels(_ loss: String, _ tensor: Tensor, allowed: [Float], role: String = "targets") throws(LossError) {
        let values = tensor.scalars
        if let i = values.firstIndex(where: { !allowed.contains($0) }) {
            let list = allowed.map { String(Int($0)) }.joined(separator: " or ")
            throw .invalidInput(loss: loss, message: "\(role)\(position(i, tensor.shape)) = \(values[i]) is not \(list)")
        }
    }

    /// Class indices: whole numbers in 0..<classCount, one per row of the logits.
    static func classIndices(_ loss: String, _ labels: Tensor, batch: Int, classCount: Int) throws(LossError) {
        guard labels.shape == [batch] else {
            throw .invalidInput(loss: loss, message: "labels shape \(labels.shape) must be [\(batch)], one class index per row")
        }
        let values = labels.scalars
        if let i = values.firstIndex(where: { !($0 >= 0 && $0 < Float(classCount) && $0.rounded() == $0) }) {
            throw .invalidInput(loss: loss, message: "labels[\(i)] = \(values[i]) is not a class index in 0..<\(classCount)")
        }
    }

    /// Rows of a (batch, classes) matrix that are probability distributions: entries in [0, 1]
    /// summing to 1 (within 10⁻³, for one-hot and soft targets alike).
    static func distributions(_ loss: String, _ targets: Tensor, role: String = "targets") throws(LossError) {
        try probabilities(loss, targets, role: role)
        let sums = targets.sum(axes: [1]).scalars
        if let i = sums.firstIndex(where: { Swift.abs($0 - 1) > 1e-3 }) {
            throw .invalidInput(loss: loss, message: "\(role) row \(i) sums to \(sums[i]), not 1 (one-hot or a distribution)")
        }
    }

    /// Class weights: one non-negative weight per class.
    static func classWeights(_ loss: String, _ weights: Tensor?, classCount: Int) throws(LossError) {
        guard let weights else { return }
        guard weights.shape == [classCount] else {
            throw .invalidInput(loss: loss, message: "classWeights shape \(weights.shape) must be [\(classCount)]")
        }
        if let i = weights.scalars.firstIndex(where: { !($0 >= 0) }) {
            throw .invalidInput(loss: loss, message: "classWeights[\(i)] = \(weights.scalars[i]) is negative")
        }
    }

    /// Label smoothing ε ∈ [0, 1].
    static func labelSmoothing(_ loss: String, _ epsilon: Float) throws(LossError) {
        guard !(epsilon >= 0 && epsilon <= 1) else { return }
        throw .invalidInput(loss: loss, message: "labelSmoothing \(epsilon) is not in [0, 1]")
    }

    /// "[i, j]" for flat offset `offset` in `shape`.
    static func position(_ offset: Int, _ shape: [Int]) -> String {
        var rest = offset
        var index = [Int](repeating: 0, count: shape.count)
        for axis in shape.indices.reversed() where shape[axis] > 0 {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return "[\(index.map(String.init).joined(separator: ", "))]"
    }
}
