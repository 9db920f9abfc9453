import AprendizTensor
import Foundation

/// A kernel with its parameters resolved (γ a number): the function k(x, z) of ``KernelKind`` evaluated
/// from the dot product x·z (and, for RBF, ‖x‖² + ‖z‖² − 2x·z = ‖x − z‖²), so that a block of kernel values
/// is one matrix product (float64 BLAS through `DenseMatrix`, blocks of rows on the `Parallel` pool)
/// followed by an elementwise map — libsvm evaluates one pair at a time; the values agree to rounding.
/// ```
/// K(A, B) = f(A·Bᵀ)   [rows of A, rows of B]
/// ```
/// Defaults as scikit-learn: degree 3, coef0 0.
public struct Kernel: Equatable, Sendable {
    /// Which function.
    public let kind: KernelKind
    /// γ > 0 (unused by linear and precomputed).
    public let gamma: Double
    /// The polynomial degree (poly only).
    public let degree: Int
    /// The constant term coef0 (poly and sigmoid).
    public let coef0: Double

    /// A kernel from its parameters.
    public init(kind: KernelKind, gamma: Double, degree: Int = 3, coef0: Double = 0) {
        self.kind = kind
        self.gamma = gamma
        self.degree = degree
        self.coef0 = coef0
    }

    /// k from the dot product x·z and the squared norms ‖x‖², ‖z‖².
    @inline(__always)
    func value(dot: Double, _ normX: Double, _ normZ: Double) -> Double {
        switch kind {
        case .linear, .precomputed: return dot
        case .poly: return power(gamma * dot + coef0, degree)
        case .rbf: return exp(-gamma * max(normX + normZ - 2 * dot, 0))
        case .sigmoid: return tanh(gamma * dot + coef0)
        }
    }

    /// The kernel between each row of `a` and each row of `b`: `[a.rows, b.rows]` row-major. For
    /// `precomputed`, `a`'s rows are Gram rows and the result is their columns `columns` (indices into the
    /// training rows), `b` unused.
    func matrix(_ a: DenseMatrix, _ b: KernelRows, columns: [Int]) -> [Double] {
        if kind == .precomputed {
            var out = [Double](repeating: 0, count: a.rows * columns.count)
            for i in 0..<a.rows { for (c, j) in columns.enumerated() { out[i * columns.count + c] = a.values[i * a.columns + j] } }
            return out
        }
        var out = a.times(b.transposedValues, k: b.matrix.rows)
        let normsA = kind == .rbf ? KernelRows.squaredNorms(a) : []
        let m = b.matrix.rows
        for i in 0..<a.rows {
            let normX = kind == .rbf ? normsA[i] : 0
            for j in 0..<m { out[i * m + j] = value(dot: out[i * m + j], normX, kind == .rbf ? b.norms[j] : 0) }
        }
        return out
    }
}

/// xⁿ by repeated squaring (libsvm's `powi`).
@inline(__always)
func power(_ base: Double, _ times: Int) -> Double {
    var result = 1.0, t = base, n = times
    while n > 0 {
        if n & 1 == 1 { result *= t }
        t *= t
        n >>= 1
    }
    return result
}

/// The rows a kernel is evaluated against (training rows, support vectors) in `Double`, with their
/// squared norms and their transpose ready for ``Kernel/matrix(_:_:columns:)``; training rows also keep a
/// `Float` copy for the solver's kernel rows (``values(_:_:columns:)``, ``MixedPrecisionProducts``).
struct KernelRows: Sendable {
    let matrix: DenseMatrix
    let norms: [Double]
    /// Bᵀ row-major `[features, rows]`, the right operand of A·Bᵀ (empty for training rows).
    let transposedValues: [Double]
    /// The rows as `Float` (row-major) for training rows whose values are all `Float`s (then exact); else empty.
    let singles: [Float]

    /// `training`: rows the solver asks ``values(_:_:columns:)`` of, which keep a `Float` copy instead of the transpose
    /// (they are never the right operand of ``Kernel/matrix(_:_:columns:)``).
    init(_ matrix: DenseMatrix, training: Bool = false) {
        self.matrix = matrix
        norms = Self.squaredNorms(matrix)
        transposedValues = training ? [] : matrix.transposed().values
        let singles = training ? matrix.values.map { Float($0) } : []
        self.singles = zip(singles, matrix.values).allSatisfy { Double($0) == $1 } ? singles : []
    }

    static func squaredNorms(_ m: DenseMatrix) -> [Double] {
        (0..<m.rows).map { i in
            var s = 0.0
            for j in 0..<m.columns { s += m.values[i * m.columns + j] * m.values[i * m.columns + j] }
            return s
        }
    }

    /// k(xᵢ, x_c) for each row c of `columns` (in that order): one matrix–vector product over those rows (from
    /// the `Float` copy with `Double` sums when there is one, else float64 BLAS over all rows), or those entries
    /// of row i of the Gram matrix when precomputed, then the kernel map in place (RBF's `exp` eight lanes at a
    /// time, ``VectorExponential``).
    func values(_ i: Int, _ kernel: Kernel, columns: ArraySlice<Int>) -> [Double] {
        let p = matrix.columns
        if kernel.kind == .precomputed { return columns.map { matrix.values[i * p + $0] } }
        var out: [Double]
        if singles.isEmpty {
            let all = matrix.times(Array(matrix.values[(i * p)..<((i + 1) * p)]))
            out = columns.map { all[$0] }
        } else {
            out = singles.withUnsafeBufferPointer { MixedPrecisionProducts.times(singles, columns: p, rows: columns, $0.baseAddress! + i * p) }
        }
        let normX = norms[i]
        if kernel.kind == .rbf {
            let gamma = kernel.gamma
            out.withUnsafeMutableBufferPointer { o in
                norms.withUnsafeBufferPointer { n in
                    columns.withContiguousStorageIfAvailable { c in
                        for j in 0..<o.count { o[j] = -gamma * max(normX + n[c[j]] - 2 * o[j], 0) }
                    }
                }
                VectorExponential.exponentiate(o)
            }
        } else {
            for (j, c) in columns.enumerated() { out[j] = kernel.value(dot: out[j], normX, norms[c]) }
        }
        return out
    }

    /// k(xᵢ, xᵢ).
    func diagonal(_ i: Int, _ kernel: Kernel) -> Double {
        kernel.kind == .precomputed ? matrix.values[i * matrix.columns + i] : kernel.value(dot: norms[i], norms[i], norms[i])
    }
}
