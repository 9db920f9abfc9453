import AprendizAutodiff
import AprendizTensor

/// The target weights Tᵢ꜀ of a cross-entropy written as ℓᵢ = −Σ꜀ Tᵢ꜀ log ŷᵢ꜀, with the divisor
/// that the `.mean` reduction uses. Class indices, one-hot rows, soft targets, class weights and
/// label smoothing all become one matrix, so every cross-entropy shares one computation:
///
/// ```
/// labels yᵢ:        Tᵢ꜀ = w꜀ ((1 − ε)[c = yᵢ] + ε/C),   mean divides by Σᵢ w_yᵢ   (PyTorch, class indices)
/// distributions Y:  Tᵢ꜀ = w꜀ ((1 − ε)Yᵢ꜀ + ε/C),         mean divides by N          (PyTorch, probabilities)
/// ```
struct CrossEntropyTargets {
    /// T, shape (batch, classes).
    let matrix: Tensor
    /// The `.mean` denominator.
    let meanDivisor: Float

    /// From class indices (whole numbers stored as Float, already validated).
    init(labels: Tensor, classCount: Int, classWeights: Tensor?, labelSmoothing: Float) {
        let batch = labels.count
        let off = labelSmoothing / Float(classCount)
        var scalars = [Float](repeating: off, count: batch * classCount)
        let classes = labels.scalars.map { Int($0) }
        for (row, label) in classes.enumerated() { scalars[row * classCount + label] += 1 - labelSmoothing }
        var matrix = Tensor(shape: [batch, classCount], scalars: scalars)
        var divisor = Float(batch)
        if let classWeights {
            matrix = matrix * classWeights
            let w = classWeights.scalars
            divisor = classes.reduce(0) { $0 + w[$1] }
        }
        self.matrix = matrix
        meanDivisor = divisor
    }

    /// From one-hot or soft target rows (already validated).
    init(distributions: Tensor, classWeights: Tensor?, labelSmoothing: Float) {
        let classCount = distributions.shape[1]
        var matrix = labelSmoothing == 0 ? distributions
            : distributions * (1 - labelSmoothing) + labelSmoothing / Float(classCount)
        if let classWeights { matrix = matrix * classWeights }
        self.matrix = matrix
        meanDivisor = Float(distributions.shape[0])
    }

    /// Checks a cross-entropy with class indices: (batch, classes) predictions (probabilities in
    /// [0, 1] unless they are logits), labels in 0..<C, weights, smoothing.
    static func validate(_ loss: String, predictions: Tensor, areLogits: Bool, labels: Tensor,
                         classWeights: Tensor? = nil, labelSmoothing: Float = 0) throws(LossError) {
        try validateCommon(loss, predictions, areLogits: areLogits, classWeights: classWeights, labelSmoothing: labelSmoothing)
        try LossCheck.classIndices(loss, labels, batch: predictions.shape[0], classCount: predictions.shape[1])
    }

    /// Checks a cross-entropy with one-hot or soft target rows.
    static func validate(_ loss: String, predictions: Tensor, areLogits: Bool, targets: Tensor,
                         classWeights: Tensor? = nil, labelSmoothing: Float = 0) throws(LossError) {
        try validateCommon(loss, predictions, areLogits: areLogits, classWeights: classWeights, labelSmoothing: labelSmoothing)
        try LossCheck.sameShape(loss, predictions.shape, targets.shape, names: (areLogits ? "logits" : "probabilities", "targets"))
        try LossCheck.distributions(loss, targets)
    }

    private static func validateCommon(_ loss: String, _ predictions: Tensor, areLogits: Bool, classWeights: Tensor?,
                                       labelSmoothing: Float) throws(LossError) {
        let role = areLogits ? "logits" : "probabilities"
        try LossCheck.rank(loss, predictions, 2, role: role, layout: "(batch, classes)")
        if !areLogits { try LossCheck.probabilities(loss, predictions, role: role) }
        try LossCheck.classWeights(loss, classWeights, classCount: predictions.shape[1])
        try LossCheck.labelSmoothing(loss, labelSmoothing)
    }
}

extension Variable {
    /// max(log x, −100) with derivative 1/max(x, 10⁻¹²): the clamped logarithm of the
    /// cross-entropies on probabilities (PyTorch's convention for `binary_cross_entropy`), finite at 0.
    func clampedLog() -> Variable {
        let x = self
        return Variable.recording(value.log().maximum(Tensor(-100)), inputs: [x], operation: "clampedLog") { g, _ in
            [g / x.maximum(Variable(Tensor(1e-12)))]
        }
    }
}
