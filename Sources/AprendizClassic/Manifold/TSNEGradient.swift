import AprendizTensor
import Foundation

/// The t-SNE objective and its gradient (§16.4.2; van der Maaten & Hinton 2008; scikit-learn's
/// `_kl_divergence` and `_kl_divergence_bh`), with ν = max(components − 1, 1) degrees of freedom:
///
/// ```
/// w_ij = (1 + ‖yᵢ − yⱼ‖²/ν)^(−(ν+1)/2),   Z = Σ_{k≠l} w_kl,   q_ij = w_ij / Z
/// KL(P‖Q) = Σ_{i≠j} p_ij log(p_ij / q_ij)
/// ∂KL/∂yᵢ = (2(ν+1)/ν) Σ_j (p_ij − q_ij) w_ij (yᵢ − yⱼ)
/// ```
/// (4·Σ (p − q)·w·(yᵢ − yⱼ) for ν = 1). P may be exaggerated (multiplied by `exaggeration`).
protocol TSNEObjective: Sendable {
    /// Fills `gradient` for the layout `y` (row-major, `count × components`) and returns the KL divergence
    /// when `computeError` is set (else 0).
    func evaluate(_ y: [Double], exaggeration: Double, computeError: Bool, gradient: inout [Double]) -> Double
}

/// The exact O(n²) objective on a dense P.
struct ExactTSNEObjective: TSNEObjective {
    let count: Int
    let components: Int
    /// The `count × count` joint probabilities.
    let p: [Double]

    func evaluate(_ y: [Double], exaggeration: Double, computeError: Bool, gradient: inout [Double]) -> Double {
        let (n, d) = (count, components)
        let nu = Double(max(d - 1, 1))
        var w = [Double](repeating: 0, count: n * n)
        w.withUnsafeMutableBufferPointer { w in
            Parallel.forEach(n) { i in
                for j in 0..<n where j != i {
                    var s = 0.0
                    for c in 0..<d { let t = y[i * d + c] - y[j * d + c]; s += t * t }
                    w[i * n + j] = nu == 1 ? 1 / (1 + s) : pow(1 + s / nu, -(nu + 1) / 2)
                }
            }
        }
        let z = w.reduce(0, +)
        let factor = 2 * (nu + 1) / nu
        var rowErrors = [Double](repeating: 0, count: n)
        gradient.withUnsafeMutableBufferPointer { g in
            rowErrors.withUnsafeMutableBufferPointer { errors in
                Parallel.forEach(n) { i in
                    for c in 0..<d { g[i * d + c] = 0 }
                    var error = 0.0
                    for j in 0..<n where j != i {
                        let pij = exaggeration * p[i * n + j], q = max(w[i * n + j] / z, Double.ulpOfOne)
                        let strength = factor * (pij - q) * w[i * n + j]
                        for c in 0..<d { g[i * d + c] += strength * (y[i * d + c] - y[j * d + c]) }
                        if computeError { error += pij * log(max(pij, Double.ulpOfOne) / q) }
                    }
                    errors[i] = error
                }
            }
        }
        return rowErrors.reduce(0, +)
    }
}

/// The Barnes–Hut objective (van der Maaten 2014) in two dimensions: attraction over the sparse P of the
/// nearest neighbours, repulsion −(1/Z)Σ_j w²_ij (yᵢ − yⱼ) summarised by a quad tree (a cell of size s at
/// distance r from yᵢ stands for its points when s/r < θ). KL is evaluated over the nonzero p_ij.
struct BarnesHutTSNEObjective: TSNEObjective {
    let p: SparseAffinities
    /// θ, scikit-learn's `angle` (default 0.5).
    let angle: Double

    func evaluate(_ y: [Double], exaggeration: Double, computeError: Bool, gradient: inout [Double]) -> Double {
        let n = p.count
        let tree = QuadTree(points: y)
        var repulsion = [Double](repeating: 0, count: 2 * n), zParts = [Double](repeating: 0, count: n)
        repulsion.withUnsafeMutableBufferPointer { force in
            zParts.withUnsafeMutableBufferPointer { zParts in
                Parallel.forEach((n + 63) / 64) { block in
                    tree.repulsion(onTreeOrder: (block * 64)..<min(block * 64 + 64, n), angle: angle) { i, fx, fy, z in
                        (force[2 * i], force[2 * i + 1], zParts[i]) = (fx, fy, z)
                    }
                }
            }
        }
        let z = zParts.reduce(0, +)
        var rowErrors = [Double](repeating: 0, count: n)
        gradient.withUnsafeMutableBufferPointer { g in
            rowErrors.withUnsafeMutableBufferPointer { errors in
                Parallel.forEach((n + 63) / 64) { block in
                    for i in (block * 64)..<min(block * 64 + 64, n) {
                        var (ax, ay, error) = (0.0, 0.0, 0.0)
                        for e in p.rowStart[i]..<p.rowStart[i + 1] {
                            let j = p.columns[e]
                            let (dx, dy) = (y[2 * i] - y[2 * j], y[2 * i + 1] - y[2 * j + 1])
                            let w = 1 / (1 + dx * dx + dy * dy), pij = exaggeration * p.values[e]
                            ax += pij * w * dx
                            ay += pij * w * dy
                            if computeError { error += pij * log(max(pij, Double.ulpOfOne) / max(w / z, Double.ulpOfOne)) }
                        }
                        g[2 * i] = 4 * (ax - repulsion[2 * i] / z)
                        g[2 * i + 1] = 4 * (ay - repulsion[2 * i + 1] / z)
                        errors[i] = error
                    }
                }
            }
        }
        return rowErrors.reduce(0, +)
    }
}
