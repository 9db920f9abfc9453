import Aprendiz
@testable import AprendizLinearAlgebra
import AprendizTestSupport
import Testing

/// `solve`, `cholesky` and `solvePositiveDefinite` against NumPy (Tests/Fixtures/linalg.json),
/// under LAPACK and the Swift fallback.
@Suite struct SolveTests {
    @Test(arguments: LinearAlgebraBackend.available)
    func solveMatchesNumPy(backend: LinearAlgebraBackend) {
        using(backend) {
            for c in linalgFixture["solve"].array {
                let a = c["a"].tensor, b = c["b"].tensor, expected = c["x"].tensor
                let x = LinearAlgebra.solve(a, b)
                #expect(x.shape == b.shape)
                if c["condition"].float < 1e3 {
                    expectClose(x, expected, absolute: 1e-4, relative: 1e-4, "\(c["name"])")
                } else {
                    // cond 1e6 in float32: the solution is only as good as the condition allows, but the
                    // residual must be small (LU with partial pivoting is backward stable).
                    let residual = a.matmul(x.reshaped([-1, 1])).flattened() - b
                    #expect(maxAbs(residual) < 1e-5 * maxAbs(a) * maxAbs(x) * 10, "\(c["name"])")
                    expectClose(x, expected, absolute: 0, relative: 0.2, "\(c["name"]) (forward error ≲ cond·ε)")
                }
            }
        }
    }

    @Test(arguments: LinearAlgebraBackend.available)
    func choleskyMatchesNumPy(backend: LinearAlgebraBackend) {
        using(backend) {
            for c in linalgFixture["cholesky"].array {
                let a = c["a"].tensor, b = c["b"].tensor
                let l = LinearAlgebra.cholesky(a)
                expectClose(l.matmul(l, transposeOther: true), a, absolute: 2e-6 * maxAbs(a) * Float(a.shape.last!),
                            relative: 0, "L·Lᵀ = A, \(c["name"])")
                let x = LinearAlgebra.solvePositiveDefinite(a, b)
                if c["condition"].float < 1e3 {
                    expectClose(l, c["l"].tensor, absolute: 1e-5, relative: 1e-5, "\(c["name"])")
                    expectClose(x, c["x"].tensor, absolute: 1e-5, relative: 1e-4, "\(c["name"])")
                } else {
                    expectClose(l, c["l"].tensor, absolute: 1e-3 * maxAbs(c["l"].tensor), relative: 0, "\(c["name"])")
                    expectClose(x, c["x"].tensor, absolute: 0, relative: 0.2, "\(c["name"]) (forward error ≲ cond·ε)")
                }
                let upper = l.scalars.enumerated().filter { $0.offset % a.shape.last! > ($0.offset / a.shape.last!) % a.shape.last! }
                #expect(upper.allSatisfy { $0.element == 0 }, "upper triangle of L is zero")
            }
        }
    }

    @Test(arguments: LinearAlgebraBackend.available)
    func solveAndCholeskyOfTheBookExample(backend: LinearAlgebraBackend) {
        // 2x + y = 3, x + 3y = 5 → x = 0.8, y = 1.4 (by hand); [[4, 2], [2, 3]] = L·Lᵀ with
        // L = [[2, 0], [1, √2]] (by hand).
        using(backend) {
            expectClose(LinearAlgebra.solve(Tensor([[2, 1], [1, 3]]), Tensor([3, 5])), Tensor([0.8, 1.4]))
            expectClose(LinearAlgebra.cholesky(Tensor([[4, 2], [2, 3]])), Tensor([[2, 0], [1, 2.0.squareRoot()]].map { $0.map(Float.init) }))
        }
    }

    @Test(arguments: LinearAlgebraBackend.available)
    func checkedSolveThrowsForUserInput(backend: LinearAlgebraBackend) throws {
        try using(backend) {
            #expect(throws: LinearAlgebraError.singularMatrix(operation: "solve", shape: [2, 2])) {
                try LinearAlgebra.checkedSolve(Tensor([[1, 2], [2, 4]]), Tensor([1, 1]))
            }
            #expect(throws: LinearAlgebraError.nonFinite(operation: "solve", shape: [2, 2])) {
                try LinearAlgebra.checkedSolve(Tensor([[1, 0], [0, 1]]), Tensor([1, .infinity]))
            }
            expectClose(try LinearAlgebra.checkedSolve(Tensor([[2, 1], [1, 3]]), Tensor([3, 5])), Tensor([0.8, 1.4]))
        }
    }

    @Test func singularMatrixStopsWithTheShape() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = LinearAlgebra.solve(Tensor([[1, 2], [2, 4]]), Tensor([1, 1]))
        }.map { result in
            #expect(String(decoding: result.standardErrorContent, as: UTF8.self).contains("solve: the matrix of shape [2, 2] is singular"))
        }
    }

    @Test func notPositiveDefiniteStops() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = LinearAlgebra.cholesky(Tensor([[1, 2], [2, 1]]))
        }.map { result in
            #expect(String(decoding: result.standardErrorContent, as: UTF8.self).contains("cholesky: the matrix of shape [2, 2] is not positive definite"))
        }
    }

    @Test func nonSquareAndNonFiniteInputStop() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = LinearAlgebra.solve(Tensor([[1, 2, 3], [2, 4, 5]]), Tensor([1, 1]))
        }.map { result in
            #expect(String(decoding: result.standardErrorContent, as: UTF8.self).contains("solve: expected square matrices, got shape [2, 3]"))
        }
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = LinearAlgebra.eigh(Tensor([[1, .nan], [.nan, 1]]))
        }.map { result in
            #expect(String(decoding: result.standardErrorContent, as: UTF8.self).contains("eigh: the matrix of shape [2, 2] contains NaN or infinity"))
        }
    }
}
