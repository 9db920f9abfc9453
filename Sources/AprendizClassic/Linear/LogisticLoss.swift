import AprendizTensor
import Foundation

/// The penalised negative log-likelihood that logistic and softmax regression minimise, as scikit-learn
/// writes it divided by n·C (same minimiser), over θ = (W `[features, K]` row-major, b `[K]`):
/// ```
/// f(θ) = (1/n) Σᵢ ℓᵢ + (1 − ρ)/(2nC)·‖W‖²          (+ ρ/(nC)·‖W‖₁, handled by the proximal solver)
/// K = 1 (binary):  ℓᵢ = log(1 + e^{zᵢ}) − yᵢzᵢ,   ∇_W = (1/n) Xᵀ(σ(z) − y)
/// K ≥ 2 (softmax): ℓᵢ = log Σₖ e^{zᵢₖ} − zᵢ,yᵢ,    ∇_W = (1/n) Xᵀ(P − Y)
/// ```
/// The intercept b is not penalised (scikit-learn's convention).
///
/// One evaluation is one fused pass over the `Float` rows, read in place (no `Double` copy of X): for each
/// row, zᵢ = xᵢ·W + b with `Double` products and sums, its loss term and residual rᵢ (σ(zᵢ) − yᵢ or
/// Pᵢ − Yᵢ), then ∇_W += xᵢᵀrᵢ while the row is still in cache. Fixed blocks of rows run on the
/// ``Parallel`` pool, each into its own partial sums, which are then added in block order: the result does
/// not depend on the thread count.
struct LogisticLoss {
    /// The `[rows, features]` data.
    let x: Tensor
    /// Class index of each row (0/1 for the binary case).
    let labels: [Int]
    /// 1 for the sigmoid (two classes), the number of classes for softmax.
    let outputs: Int
    let fitIntercept: Bool
    /// The L2 weight (1 − ρ)/(nC).
    let l2: Double

    /// Rows per block of the parallel pass (a few thousand keep each job well above the pool's cost).
    static let rowsPerBlock = 2048

    var rows: Int { x.shape[0] }
    var features: Int { x.shape[1] }
    var parameterCount: Int { features * outputs + (fitIntercept ? outputs : 0) }

    /// f(θ) and ∇f(θ).
    func evaluate(_ theta: [Double]) -> (value: Double, gradient: [Double]) {
        let k = outputs, p = features, n = rows
        // W class-major ([K, features]) so that each class's weights are contiguous, and b.
        var weights = [Double](repeating: 0, count: k * p)
        for j in 0..<p { for c in 0..<k { weights[c * p + j] = theta[j * k + c] } }
        let bias = fitIntercept ? Array(theta[(p * k)..<(p * k + k)]) : [Double](repeating: 0, count: k)
        let blocks = max(1, (n + Self.rowsPerBlock - 1) / Self.rowsPerBlock)
        let size = k * p + k + 1  // per block: ∇W (class-major), ∇b, Σ ℓᵢ
        var partial = [Double](repeating: 0, count: blocks * size)
        x.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                weights.withUnsafeBufferPointer { w in
                    bias.withUnsafeBufferPointer { b in
                        partial.withUnsafeMutableBufferPointer { s in
                            let rows = LogisticRows(x: UncheckedPointer(x.baseAddress!), labels: UncheckedPointer(y.baseAddress!),
                                                    weights: UncheckedPointer(w.baseAddress!), bias: UncheckedPointer(b.baseAddress!),
                                                    features: p, outputs: k)
                            let sums = UncheckedPointer(s.baseAddress!)
                            Parallel.forEach(blocks) { block in
                                let range = (block * Self.rowsPerBlock)..<min(n, (block + 1) * Self.rowsPerBlock)
                                rows.accumulate(range, into: sums.base + block * size)
                            }
                        }
                    }
                }
            }
        }
        var total = [Double](repeating: 0, count: size)
        for block in 0..<blocks { for m in 0..<size { total[m] += partial[block * size + m] } }
        let scale = 1 / Double(n)
        var gradient = [Double](repeating: 0, count: parameterCount), squares = 0.0
        for j in 0..<p {
            for c in 0..<k {
                let w = theta[j * k + c]
                gradient[j * k + c] = total[c * p + j] * scale + l2 * w
                squares += w * w
            }
        }
        if fitIntercept { for c in 0..<k { gradient[p * k + c] = total[k * p + c] * scale } }
        return (total[size - 1] * scale + 0.5 * l2 * squares, gradient)
    }
}

/// One block of rows of ``LogisticLoss``'s fused pass: adds Σ xᵢᵀrᵢ (class-major), Σ rᵢ and Σ ℓᵢ into
/// `sums` (`[K·features + K + 1]`, zeroed by the caller).
private struct LogisticRows: Sendable {
    let x: UncheckedPointer<Float>
    let labels: UncheckedPointer<Int>
    let weights: UncheckedPointer<Double>
    let bias: UncheckedPointer<Double>
    let features: Int
    let outputs: Int

    func accumulate(_ range: Range<Int>, into sums: UnsafeMutablePointer<Double>) {
        if outputs == 1 { binary(range, into: sums) } else { softmax(range, into: sums) }
    }

    /// One exponential serves both terms: e = e^{−|z|}, log(1 + e^z) = max(z, 0) + log1p(e),
    /// σ(z) = 1/(1 + e) for z ≥ 0 and e/(1 + e) otherwise.
    private func binary(_ range: Range<Int>, into sums: UnsafeMutablePointer<Double>) {
        let p = features, b = bias.base[0]
        var loss = 0.0, interceptGradient = 0.0
        for i in range {
            let row = UnsafePointer(x.base + i * p), y = labels.base[i]
            let z = b + MixedPrecisionRow.dot(row, weights.base, count: p), e = exp(-abs(z))
            loss += max(z, 0) + log1p(e) - (y == 1 ? z : 0)
            let r = (z >= 0 ? 1 : e) / (1 + e) - Double(y)
            MixedPrecisionRow.addScaled(r, row, to: sums, count: p)
            interceptGradient += r
        }
        sums[p] += interceptGradient
        sums[p + 1] += loss
    }

    /// ℓ = max z + log Σₖ e^{zₖ − max z} − z_y,  rₖ = softmax(z)ₖ − [k = y].
    private func softmax(_ range: Range<Int>, into sums: UnsafeMutablePointer<Double>) {
        let p = features, k = outputs
        var loss = 0.0
        withUnsafeTemporaryAllocation(of: Double.self, capacity: k) { z in
            for i in range {
                let row = UnsafePointer(x.base + i * p), y = labels.base[i]
                var top = -Double.infinity
                for c in 0..<k {
                    z[c] = bias.base[c] + MixedPrecisionRow.dot(row, weights.base + c * p, count: p)
                    top = max(top, z[c])
                }
                loss -= z[y]
                var total = 0.0
                for c in 0..<k { z[c] = exp(z[c] - top); total += z[c] }
                loss += top + log(total)
                for c in 0..<k {
                    let r = z[c] / total - (c == y ? 1 : 0)
                    MixedPrecisionRow.addScaled(r, row, to: sums + c * p, count: p)
                    sums[k * p + c] += r
                }
            }
        }
        sums[k * p + k] += loss
    }
}
