import Aprendiz
@testable import AprendizLinearAlgebra
import AprendizTestSupport
import Testing

/// The examples of Docs/LinearAlgebra.md, with their values derived by hand (noted per line), under
/// LAPACK and the Swift fallback.
@Suite struct DocumentationExampleTests {
    @Test(arguments: LinearAlgebraBackend.available)
    func examplesGiveTheDocumentedValues(backend: LinearAlgebraBackend) {
        let root2 = Float(2).squareRoot()
        using(backend) {
            expectClose(LinearAlgebra.vectorNorm(Tensor([3, -4])).scalar, 5)                       // 3-4-5 triangle
            expectClose(LinearAlgebra.vectorNorm(Tensor([3, -4]), order: 1).scalar, 7)
            expectClose(LinearAlgebra.vectorNorm(Tensor([3, -4]), order: .infinity).scalar, 4)
            expectClose(LinearAlgebra.outer(Tensor([1, 2]), Tensor([3, 4, 5])), Tensor([[3, 4, 5], [6, 8, 10]]))
            expectClose(LinearAlgebra.trace(Tensor([[1, 2], [3, 4]])).scalar, 5)
            expectClose(LinearAlgebra.diag(Tensor([1, 2])), Tensor([[1, 0], [0, 2]]))
            expectClose(LinearAlgebra.diag(Tensor([[1, 2], [3, 4]])), Tensor([1, 4]))
            expectClose(LinearAlgebra.det(Tensor([[1, 2], [3, 4]])).scalar, -2)                    // 1·4 − 2·3
            let (sign, logAbs) = LinearAlgebra.slogdet(Tensor.eye(3) * 10)
            expectClose(sign.scalar, 1)
            expectClose(logAbs.scalar, 3 * Tensor(10).log().scalar)
            expectClose(LinearAlgebra.inverse(Tensor([[2, 0], [0, 4]])), Tensor([[0.5, 0], [0, 0.25]]))
            expectClose(LinearAlgebra.norm(Tensor([[1, -2], [3, 4]])).scalar, Float(30).squareRoot())
            expectClose(LinearAlgebra.norm(Tensor([[1, -2], [3, 4]]), .one).scalar, 6)           // column |−2| + |4|
            let block = Tensor([[1, 2], [3, 4]])
            expectClose(LinearAlgebra.kron(Tensor.eye(2), block),
                        Tensor([[1, 2, 0, 0], [3, 4, 0, 0], [0, 0, 1, 2], [0, 0, 3, 4]]))
            expectClose(LinearAlgebra.solvePositiveDefinite(Tensor([[4, 2], [2, 3]]), Tensor([2, 1])), Tensor([0.5, 0]))
            let f = LinearAlgebra.qr(Tensor([[3, 1], [4, 2]]))
            expectClose(f.r[0, 0], -5)                                                            // −sign(3)·‖(3, 4)‖
            expectClose(f.q.matmul(f.r), Tensor([[3, 1], [4, 2]]))
            expectClose(LinearAlgebra.svd(Tensor([[3, 0], [0, -2], [0, 0]])).singularValues, Tensor([3, 2]))
            let fit = LinearAlgebra.leastSquares(Tensor([[1, 0], [1, 1], [1, 2]]), Tensor([1, 2, 4]))
            expectClose(fit.solution, Tensor([7.0 / 3 - 1.5, 1.5].map(Float.init)))                // slope = 3/2, ȳ − slope·x̄
            #expect(fit.rank == 2)
            expectClose(LinearAlgebra.matrixRank(Tensor([[1, 2], [2, 4]])).scalar, 1)
            // Rank one: A⁺ = Aᵀ/‖A‖²_F = Aᵀ/25.
            expectClose(LinearAlgebra.pseudoInverse(Tensor([[1, 2], [2, 4]])), Tensor([[0.04, 0.08], [0.08, 0.16]]))
            expectClose(LinearAlgebra.eigh(Tensor([[2, -1, 0], [-1, 2, -1], [0, -1, 2]])).eigenvalues,
                        Tensor([2 - root2, 2, 2 + root2]))
        }
    }
}
