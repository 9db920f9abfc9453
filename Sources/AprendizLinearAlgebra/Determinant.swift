import AprendizTensor
import Foundation

extension LinearAlgebra {
    /// The determinant of square matrices (§4), from the LU factorisation, like `numpy.linalg.det`.
    ///
    /// ```
    /// P·A = L·U  ⇒  det A = det(P)·∏ᵢ Uᵢᵢ   (det P = ±1, the sign of the row swaps)
    /// ```
    /// Computed as sign·exp(log|det|) in Double, so it overflows only when the result does (it is
    /// 0 for a singular matrix, ±∞ beyond float32's range). Batched: `[..., n, n]` → `[...]`.
    public static func det(_ a: Tensor) -> Tensor {
        let (sign, logAbs) = signAndLogAbsDeterminants(a, "det")
        return Tensor(shape: Array(a.shape.dropLast(2)), scalars: zip(sign, logAbs).map { Float($0 * Foundation.exp($1)) })
    }

    /// The sign and the natural logarithm of the absolute value of the determinant, like
    /// `numpy.linalg.slogdet`: stable where det itself under- or overflows (e.g. log-likelihoods of
    /// Gaussians, §5).
    ///
    /// ```
    /// det A = sign · exp(logAbsDeterminant),   logAbsDeterminant = Σᵢ log|Uᵢᵢ|
    /// ```
    /// For a singular matrix sign = 0 and logAbsDeterminant = −∞. Batched: `[..., n, n]` → `[...]`.
    public static func slogdet(_ a: Tensor) -> (sign: Tensor, logAbsDeterminant: Tensor) {
        let (sign, logAbs) = signAndLogAbsDeterminants(a, "slogdet")
        let shape = Array(a.shape.dropLast(2))
        return (Tensor(shape: shape, scalars: sign.map(Float.init)), Tensor(shape: shape, scalars: logAbs.map(Float.init)))
    }

    private static func signAndLogAbsDeterminants(_ a: Tensor, _ operation: String) -> (sign: [Double], logAbs: [Double]) {
        let batch = MatrixBatch(a, operation, square: true)
        var signs: [Double] = [], logs: [Double] = []
        for index in 0..<batch.count {
            let matrix = batch.matrix(index)
            let result = LinearAlgebraBackend.activeLAPACK?.signAndLogAbsDeterminant(matrix, n: batch.rows)
                ?? SwiftLU(matrix, n: batch.rows).signAndLogAbsDeterminant
            signs.append(result.sign); logs.append(result.logAbs)
        }
        return (signs, logs)
    }
}
