import Foundation

/// scikit-learn's `_gradient_descent` for t-SNE: momentum, per-coordinate gains (delta-bar-delta,
/// Jacobs 1988) and the progress checks (§16.4.2).
///
/// ```
/// gain ← gain + 0.2 where update·gradient < 0, else gain·0.8;   gain ← max(gain, 0.01)
/// update ← momentum·update − η·gain·gradient;   y ← y + update
/// ```
/// The KL divergence is evaluated every 50 iterations and at the last one; the phase ends when it has not
/// improved for `patience` iterations or ‖gain·gradient‖ ≤ 1e-7.
struct TSNEGradientDescent {
    let objective: any TSNEObjective
    let learningRate: Double
    private var update: [Double] = []
    private var gains: [Double] = []

    init(objective: any TSNEObjective, learningRate: Double) {
        self.objective = objective
        self.learningRate = learningRate
    }

    /// Runs iterations `start..<end`; returns the last KL divergence evaluated and the last iteration run.
    mutating func run(_ y: inout [Double], from start: Int, to end: Int, momentum: Double, exaggeration: Double,
                      patience: Int) -> (error: Double, iteration: Int) {
        if update.count != y.count { update = [Double](repeating: 0, count: y.count); gains = [Double](repeating: 1, count: y.count) }
        var gradient = [Double](repeating: 0, count: y.count)
        var (error, bestError, bestIteration, iteration) = (Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude, start, start)
        for i in start..<max(end, start) {
            iteration = i
            let check = (i + 1) % 50 == 0
            let value = objective.evaluate(y, exaggeration: exaggeration, computeError: check || i == end - 1, gradient: &gradient)
            if check || i == end - 1 { error = value }
            var squaredNorm = 0.0
            for m in 0..<y.count {
                gains[m] = update[m] * gradient[m] < 0 ? gains[m] + 0.2 : gains[m] * 0.8
                gains[m] = max(gains[m], 0.01)
                let step = gains[m] * gradient[m]
                squaredNorm += step * step
                update[m] = momentum * update[m] - learningRate * step
                y[m] += update[m]
            }
            if check {
                if error < bestError { (bestError, bestIteration) = (error, i) } else if i - bestIteration > patience { break }
                if squaredNorm.squareRoot() <= 1e-7 { break }
            }
        }
        return (error, iteration)
    }
}
