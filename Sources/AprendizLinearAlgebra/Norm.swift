import AprendizTensor
import Foundation

/// The matrix norms of ``LinearAlgebra/norm(_:_:)`` (NumPy's `ord` for matrices).
public enum MatrixNorm: String, CaseIterable, Sendable {
    /// ‖A‖_F = √(Σᵢⱼ aᵢⱼ²) (NumPy `'fro'`).
    case frobenius
    /// ‖A‖_* = Σᵢ σᵢ, the sum of singular values (NumPy `'nuc'`).
    case nuclear
    /// ‖A‖₁ = maxⱼ Σᵢ |aᵢⱼ|, the largest absolute column sum (NumPy `1`).
    case one
    /// ‖A‖₂ = σ₀, the largest singular value (NumPy `2`).
    case two
    /// ‖A‖_∞ = maxᵢ Σⱼ |aᵢⱼ|, the largest absolute row sum (NumPy `inf`).
    case infinity
}

extension LinearAlgebra {
    /// A matrix norm (§4.1–4.2), like `numpy.linalg.norm(a, ord)` on matrices. Batched:
    /// `[..., m, n]` → `[...]`.
    ///
    /// ```
    /// ‖A‖_F = √(Σ aᵢⱼ²)   ‖A‖_* = Σ σᵢ   ‖A‖₁ = maxⱼ Σᵢ|aᵢⱼ|   ‖A‖₂ = σ₀   ‖A‖_∞ = maxᵢ Σⱼ|aᵢⱼ|
    /// ```
    /// - Parameter a: the matrix or batch of matrices, `[..., m, n]`.
    /// - Parameter kind: default ``MatrixNorm/frobenius``.
    public static func norm(_ a: Tensor, _ kind: MatrixNorm = .frobenius) -> Tensor {
        require(a.rank >= 2, "norm: expected a matrix or a batch of matrices (shape [..., m, n]), got shape \(a.shape)")
        switch kind {
        case .frobenius: return (a * a).sum(axes: [-2, -1]).sqrt()
        case .nuclear: return singularValues(a).sum(axes: [-1])
        case .two: return singularValues(a).max(axes: [-1])
        case .one: return a.abs().sum(axes: [-2]).max(axes: [-1])
        case .infinity: return a.abs().sum(axes: [-1]).max(axes: [-1])
        }
    }

    /// The vector p-norm along the last axis (§4.1–4.2), like `numpy.linalg.norm(x, ord)` on vectors.
    ///
    /// ```
    /// ‖x‖ₚ = (Σᵢ |xᵢ|ᵖ)^(1/p)     ‖x‖_∞ = maxᵢ |xᵢ|   ‖x‖₋∞ = minᵢ |xᵢ|   ‖x‖₀ = #{i : xᵢ ≠ 0}
    /// ```
    /// Sums run in Double. Shape `[..., n]` → `[...]`.
    /// - Parameter x: the vector or batch of vectors, `[..., n]`.
    /// - Parameter order: p (default 2, the Euclidean length); `.infinity`, `-.infinity` and 0 as above.
    public static func vectorNorm(_ x: Tensor, order: Float = 2) -> Tensor {
        require(x.rank >= 1, "vectorNorm: expected a vector or a batch of vectors, got shape \(x.shape)")
        let n = x.shape[x.rank - 1], values = x.scalars
        var norms: [Float] = []
        for start in stride(from: 0, to: values.count, by: Swift.max(1, n)) {
            let magnitudes = values[start..<(start + n)].map { Double(Swift.abs($0)) }
            let p = Double(order)
            let norm: Double
            switch order {
            case .infinity: norm = magnitudes.max() ?? 0
            case -.infinity: norm = magnitudes.min() ?? 0
            case 0: norm = Double(magnitudes.filter { $0 != 0 }.count)
            case 1: norm = magnitudes.reduce(0, +)
            case 2: norm = magnitudes.reduce(0) { $0 + $1 * $1 }.squareRoot()
            default: norm = Foundation.pow(magnitudes.reduce(0) { $0 + Foundation.pow($1, p) }, 1 / p)
            }
            norms.append(Float(norm))
        }
        return Tensor(shape: Array(x.shape.dropLast()), scalars: n == 0 ? [] : norms)
    }
}
