import AprendizTensor
import Foundation

/// Mean negative log-likelihood of the true classes (scikit-learn's `log_loss`), in `Double`:
/// ```
/// log loss = −(1/n) Σᵢ log clip(pᵢ,yᵢ, ε, 1 − ε)      ε = Float64's machine epsilon (2.2·10⁻¹⁶)
/// ```
/// - Parameters: probabilities `[count][classes]`, each row summing to 1; labels class indices.
public func logLoss(probabilities: [[Double]], labels: [Int]) -> Double {
    require(probabilities.count == labels.count, "logLoss: \(probabilities.count) rows for \(labels.count) labels")
    guard !labels.isEmpty else { return 0 }
    let eps = Double.ulpOfOne
    let total = zip(probabilities, labels).reduce(0.0) { sum, pair in
        let (row, label) = pair
        require(row.indices.contains(label), "logLoss: label \(label) is outside 0..<\(row.count)")
        return sum - Foundation.log(min(max(row[label], eps), 1 - eps))
    }
    return total / Double(labels.count)
}
