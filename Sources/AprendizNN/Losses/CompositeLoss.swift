import AprendizAutodiff
import AprendizTensor

/// A weighted sum of loss values (§10.5, eq. 10.18), e.g. a detector's regression and
/// classification heads trained together.
///
/// ```
/// L_total = Σₖ λₖ Lₖ          (10.18: λ_reg·L_regression + L_classification)
/// ∂L_total/∂θ = Σₖ λₖ ∂Lₖ/∂θ
/// ```
/// Use when one model has several objectives; the weights λₖ balance their scales (tune them so
/// no term dominates the gradient).
/// - Parameter terms: (weight λₖ, scalar loss Lₖ) pairs; at least one, every loss a scalar.
public func compositeLoss(_ terms: [(weight: Float, loss: Variable)]) -> Variable {
    require(!terms.isEmpty, "compositeLoss: needs at least one term")
    for (k, term) in terms.enumerated() {
        require(term.loss.shape.isEmpty, "compositeLoss: term \(k) has shape \(term.loss.shape), not a scalar")
    }
    return terms.dropFirst().reduce(terms[0].loss * terms[0].weight) { $0 + $1.loss * $1.weight }
}

extension Loss {
    /// A weighted sum of losses applied to the same predictions and targets (§10.5, eq. 10.18):
    /// `L = Σₖ λₖ Lₖ(ŷ, y)`, named `composite(λ₁·name₁ + …)`. Its ``validate(predictions:targets:)``
    /// runs every term's check.
    public static func composite(_ terms: [(weight: Float, loss: Loss)]) -> Loss {
        require(!terms.isEmpty, "Loss.composite: needs at least one term")
        let name = "composite(" + terms.map { "\($0.weight)·\($0.loss.name)" }.joined(separator: " + ") + ")"
        let parts = terms.map { (weight: $0.weight, loss: $0.loss) }
        return Loss(name: name, validate: { predictions, targets throws(LossError) in
            for part in parts { try part.loss.validate(predictions: predictions, targets: targets) }
        }) { predictions, targets in
            compositeLoss(parts.map { (weight: $0.weight, loss: $0.loss(predictions, targets)) })
        }
    }
}
