import Aprendiz
@testable import AprendizLinearAlgebra
import AprendizTestSupport
import Testing

/// det, slogdet, inverse, pseudo-inverse, rank, norms, trace, diag, outer and kron against NumPy
/// (Tests/Fixtures/linalg.json), under LAPACK and the Swift fallback.
@Suite struct MatrixFunctionTests {
    @Test(arguments: LinearAlgebraBackend.available)
    func determinantsMatchNumPy(backend: LinearAlgebraBackend) {
        using(backend) {
            for c in linalgFixture["det"].array {
                let a = c["a"].tensor
                let (sign, logAbs) = LinearAlgebra.slogdet(a)
                expectClose(sign, c["sign"].tensor, absolute: 0, relative: 0, "sign of \(c["name"])")
                expectClose(logAbs, c["logabsdet"].tensor, absolute: 1e-4, relative: 1e-5, "log|det| of \(c["name"])")
                expectClose(LinearAlgebra.det(a), c["det"].tensor, absolute: 1e-5, relative: 1e-4, "det of \(c["name"])")
            }
        }
    }

    @Test(arguments: LinearAlgebraBackend.available)
    func inversesMatchNumPy(backend: LinearAlgebraBackend) {
        using(backend) {
            for c in linalgFixture["inverse"].array {
                expectClose(LinearAlgebra.inverse(c["a"].tensor), c["inverse"].tensor, absolute: 1e-4, relative: 1e-4, "\(c["name"])")
            }
            for c in linalgFixture["pseudoInverse"].array {
                let a = c["a"].tensor
                expectClose(LinearAlgebra.pseudoInverse(a), c["pinv"].tensor, absolute: 1e-4, relative: 1e-4, "\(c["name"])")
                #expect(LinearAlgebra.matrixRank(a).scalar == Float(c["rank"].int), "rank of \(c["name"])")
            }
        }
    }

    @Test(arguments: LinearAlgebraBackend.available)
    func normsMatchNumPy(backend: LinearAlgebraBackend) {
        using(backend) {
            for c in linalgFixture["norm"].array {
                let a = c["a"].tensor
                for kind in MatrixNorm.allCases {
                    expectClose(LinearAlgebra.norm(a, kind).scalar, c[kind.rawValue].float, absolute: 1e-5, relative: 1e-5,
                                "\(kind) norm of \(c["name"])")
                }
            }
        }
        let v = linalgFixture["vectorNorm"]
        let orders: [Float] = [1, 2, 3, 0.5, .infinity, -.infinity, 0]
        for (order, expected) in zip(orders, v["values"].floats) {
            expectClose(LinearAlgebra.vectorNorm(v["x"].tensor, order: order).scalar, expected, relative: 1e-5, "p = \(order)")
        }
    }

    @Test func productsAndDiagonalsMatchNumPy() {
        let p = linalgFixture["products"]
        let a = p["a"].tensor, b = p["b"].tensor, ba = p["ba"].tensor
        expectClose(LinearAlgebra.kron(a, b), p["kron"].tensor)
        expectClose(LinearAlgebra.outer(p["u"].tensor, p["v"].tensor), p["outer"].tensor)
        expectClose(LinearAlgebra.trace(ba).scalar, p["trace"].float, relative: 1e-5)
        expectClose(LinearAlgebra.diag(ba), p["diagOfBA"].tensor, relative: 1e-5)
        expectClose(LinearAlgebra.diag(p["u"].tensor), p["diagMatrix"].tensor)
        expectClose(LinearAlgebra.trace(Tensor.stack([ba, ba * 2])), p["batchedTrace"].tensor, relative: 1e-5)
    }

    @Test(arguments: LinearAlgebraBackend.available)
    func traceIsTheSumOfEigenvaluesAndDetTheirProduct(backend: LinearAlgebraBackend) {
        // §4: tr A = Σλᵢ and det A = ∏λᵢ (identities, checked on a symmetric matrix).
        using(backend) {
            let a = Tensor([[2, -1, 0], [-1, 2, -1], [0, -1, 2]])
            let values = LinearAlgebra.eigh(a).eigenvalues.scalars
            expectClose(LinearAlgebra.trace(a).scalar, values.reduce(0, +), relative: 1e-5)
            expectClose(LinearAlgebra.det(a).scalar, values.reduce(1, *), relative: 1e-5)
            // Eigenvalues of this matrix by hand: 2 − √2, 2, 2 + √2.
            expectClose(Tensor(values), Tensor([2 - 2.0.squareRoot(), 2, 2 + 2.0.squareRoot()].map(Float.init)), relative: 1e-5)
        }
    }
}
