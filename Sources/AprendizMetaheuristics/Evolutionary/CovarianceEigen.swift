import AprendizLinearAlgebra
import AprendizTensor

/// C = B·diag(values)·Bᵀ for the symmetric n×n matrix `c` (row-major): eigenvalues and the
/// eigenvectors as the columns of `vectors` (row-major), from `LinearAlgebra.eigh(_:)`. CMA-ES's
/// only use of linear algebra; C is rounded to Float for the decomposition (its eigenvalues are
/// needed to a few digits: they set the sampling shape, not the accuracy of the optimum).
func symmetricEigendecomposition(_ c: [Double], n: Int) -> (values: [Double], vectors: [Double]) {
    let decomposition = LinearAlgebra.eigh(Tensor(shape: [n, n], scalars: c.map { Float($0) }))
    return (decomposition.eigenvalues.scalars.map(Double.init), decomposition.eigenvectors.scalars.map(Double.init))
}
