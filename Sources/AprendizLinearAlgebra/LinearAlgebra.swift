import AprendizTensor

/// Dense linear algebra on tensors (book chapter 4): solving systems, factorisations, eigenvalues,
/// singular values, determinants and norms, like `numpy.linalg` / `torch.linalg`.
///
/// ```swift
/// let a = Tensor([[4, 1], [1, 3]]), b = Tensor([1, 2])
/// let x = LinearAlgebra.solve(a, b)                 // A·x = b
/// let e = LinearAlgebra.eigh(a)                    // e.eigenvalues ascending, e.eigenvectors orthonormal
/// let svd = LinearAlgebra.svd(a)                    // a = svd.u · diag(svd.singularValues) · svd.vt
/// ```
///
/// Every function takes float32 tensors of shape `[..., m, n]` and works on each matrix of the
/// leading (batch) dimensions, like NumPy. The work runs in LAPACK (`sgesv`-style routines found
/// at run time in the loaded BLAS, e.g. OpenBLAS) when present, otherwise in a pure-Swift fallback
/// that computes in Double so both agree to float32 precision (`APRENDIZ_BLAS=none` forces it).
/// Wrong shapes, a singular matrix in ``solve(_:_:)-(Tensor,Tensor)`` or ``inverse(_:)-(Tensor)``, a matrix that is not
/// positive definite in ``cholesky(_:)-(Tensor)`` and non-finite input stop the program with a message that
/// names the operation and the shape (they are programmer errors, like an index out of range).
public enum LinearAlgebra {}

/// Which implementation runs the factorisations.
package enum LinearAlgebraBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    /// LAPACK from the BLAS loaded at run time.
    case lapack
    /// The pure-Swift fallback (Double).
    case swift

    /// The backend of the current task: LAPACK when it was found, else Swift. Tests run one body under
    /// each backend with `LinearAlgebraBackend.$current.withValue(.swift) { … }`.
    @TaskLocal package static var current: LinearAlgebraBackend = LAPACK.shared != nil ? .lapack : .swift

    /// The backends this process can run: Swift always, LAPACK when the loaded BLAS provides it.
    package static var available: [LinearAlgebraBackend] { LAPACK.shared != nil ? [.lapack, .swift] : [.swift] }

    /// LAPACK, when it is the current backend.
    static var activeLAPACK: LAPACK? { current == .lapack ? LAPACK.shared : nil }

    /// The name used by `aprendiz bench linalg --backends` and in test names.
    package var description: String { rawValue }
}
