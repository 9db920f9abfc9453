import Foundation

/// The losses histogram gradient boosting minimises, with the gradient and hessian of each sample's loss in
/// its raw score F (scikit-learn's `HalfSquaredError`, `HalfBinomialLoss`, `HalfMultinomialLoss`):
/// ```
/// squared error   ℓ = ½(y − F)²                          g = F − y              h = 1         F₀ = mean(y)
/// binomial        ℓ = log(1 + eᶠ) − y·F                  g = σ(F) − y           h = σ(1 − σ)  F₀ = log(p̄/(1 − p̄))
/// multinomial     ℓ = log Σⱼ e^{Fⱼ} − F_y                gₖ = pₖ − [y = k]      hₖ = pₖ(1 − pₖ)
///                 pₖ = softmax(F)ₖ                        F₀ₖ = log p̄ₖ − mean_j log p̄ⱼ  (p̄ = class frequencies)
/// ```
/// Book §15 (boosting) gives the additive model; the Newton step per leaf is LightGBM's / XGBoost's
/// (Chen & Guestrin 2016, eq. 6) and the baselines are scikit-learn's.
enum BoostingLoss: Sendable, Equatable {
    case squaredError
    case binomial
    case multinomial(classes: Int)

    /// Trees per boosting iteration: one per class for the multinomial loss, else one.
    var treesPerIteration: Int {
        if case let .multinomial(classes) = self { return classes }
        return 1
    }

    /// F₀, one value per tree of an iteration; `y` holds targets, or class indices for the classification losses.
    func baseline(_ y: [Double]) -> [Double] {
        let n = Double(y.count), eps = Double.ulpOfOne
        switch self {
        case .squaredError:
            return [y.reduce(0, +) / n]
        case .binomial:
            let p = min(max(y.reduce(0, +) / n, eps), 1 - eps)
            return [log(p / (1 - p))]
        case let .multinomial(classes):
            var counts = [Double](repeating: 0, count: classes)
            for v in y { counts[Int(v)] += 1 }
            let logs = counts.map { log(min(max($0 / n, eps), 1 - eps)) }
            let mean = logs.reduce(0, +) / Double(classes)
            return logs.map { $0 - mean }
        }
    }

    /// Writes gₖ and hₖ of every sample (`gradients[k][i]`) from the raw scores `raw[i·K + k]`.
    func gradients(raw: [Double], y: [Double], gradients: inout [[Float]], hessians: inout [[Float]]) {
        switch self {
        case .squaredError:
            for i in y.indices { gradients[0][i] = Float(raw[i] - y[i]); hessians[0][i] = 1 }
        case .binomial:
            for i in y.indices {
                let p = 1 / (1 + exp(-raw[i]))
                gradients[0][i] = Float(p - y[i]); hessians[0][i] = Float(p * (1 - p))
            }
        case let .multinomial(classes):
            var p = [Double](repeating: 0, count: classes)
            for i in y.indices {
                softmax(raw, row: i, into: &p)
                for k in 0..<classes {
                    gradients[k][i] = Float(p[k] - (Int(y[i]) == k ? 1 : 0))
                    hessians[k][i] = Float(p[k] * (1 - p[k]))
                }
            }
        }
    }

    /// The mean loss of the raw scores `raw[i·K + k]` (the early-stopping score is its negative).
    func meanLoss(raw: [Double], y: [Double]) -> Double {
        var total = 0.0
        switch self {
        case .squaredError:
            for i in y.indices { total += 0.5 * (y[i] - raw[i]) * (y[i] - raw[i]) }
        case .binomial:
            for i in y.indices {
                let f = raw[i]
                total += (f > 0 ? f + log1p(exp(-f)) : log1p(exp(f))) - y[i] * f
            }
        case let .multinomial(classes):
            for i in y.indices {
                let row = raw[(i * classes)..<((i + 1) * classes)], top = row.max()!
                total += top + log(row.reduce(0) { $0 + exp($1 - top) }) - raw[i * classes + Int(y[i])]
            }
        }
        return total / Double(y.count)
    }

    /// softmax of row `row` of `raw` (K per row) into `p`.
    func softmax(_ raw: [Double], row: Int, into p: inout [Double]) {
        let k = p.count, start = row * k
        var top = raw[start]
        for j in 1..<k { top = max(top, raw[start + j]) }
        var sum = 0.0
        for j in 0..<k { p[j] = exp(raw[start + j] - top); sum += p[j] }
        for j in 0..<k { p[j] /= sum }
    }
}
