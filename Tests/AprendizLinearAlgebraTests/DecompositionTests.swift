import Aprendiz
@testable import AprendizLinearAlgebra
import AprendizTestSupport
import Testing

/// `qr`, `eigh` and `svd` against NumPy (Tests/Fixtures/linalg.json), under LAPACK and the Swift
/// fallback: factors compared up to sign where they are unique, and the identities Q·R = A,
/// V·Λ·Vᵀ = A, U·Σ·Vᵀ = A with orthonormal factors always.
@Suite struct DecompositionTests {
    @Test(arguments: LinearAlgebraBackend.available)
    func qrMatchesNumPy(backend: LinearAlgebraBackend) {
        using(backend) {
            for c in linalgFixture["qr"].array {
                let a = c["a"].tensor
                let (q, r) = { let f = LinearAlgebra.qr(a); return (f.q, f.r) }()
                expectClose(q, c["q"].tensor, absolute: 2e-5, relative: 1e-4, "Q of \(c["name"])")
                expectClose(r, c["r"].tensor, absolute: 2e-5, relative: 1e-4, "R of \(c["name"])")
                expectClose(q.matmul(r), a, absolute: 2e-5, relative: 0, "Q·R = A, \(c["name"])")
                expectOrthonormalColumns(q)
            }
        }
    }

    @Test(arguments: LinearAlgebraBackend.available)
    func eighMatchesNumPy(backend: LinearAlgebraBackend) {
        using(backend) {
            for c in linalgFixture["eigh"].array {
                let a = c["a"].tensor, scale = Swift.max(1, maxAbs(a)) * Float(a.shape.last!)
                let decomposition = LinearAlgebra.eigh(a)
                let values = decomposition.eigenvalues, vectors = decomposition.eigenvectors
                expectClose(values, c["values"].tensor, absolute: 2e-6 * scale, relative: 0, "eigenvalues of \(c["name"])")
                #expect(zip(values.scalars.dropLast(), values.scalars.dropFirst()).enumerated().allSatisfy { i, pair in
                    (i + 1) % a.shape.last! == 0 || pair.0 <= pair.1 }, "ascending, \(c["name"])")
                if c["compareVectors"].int == 1 {
                    expectClose(aligningColumnSigns(vectors, to: c["vectors"].tensor), c["vectors"].tensor,
                                absolute: 1e-4, relative: 0, "eigenvectors of \(c["name"])")
                }
                let rebuilt = (vectors * values.unsqueezed(axis: -2)).matmul(vectors, transposeOther: true)
                expectClose(rebuilt, a, absolute: 2e-6 * scale, relative: 0, "V·Λ·Vᵀ = A, \(c["name"])")
                expectOrthonormalColumns(vectors, tolerance: 1e-5 * Float(a.shape.last!))
            }
        }
    }

    @Test(arguments: LinearAlgebraBackend.available, [false, true])
    func svdMatchesNumPy(backend: LinearAlgebraBackend, full: Bool) {
        using(backend) {
            for c in linalgFixture["svd"].array {
                let a = c["a"].tensor, m = a.shape[a.rank - 2], n = a.shape[a.rank - 1], k = Swift.min(m, n)
                let scale = Swift.max(1, maxAbs(a)) * Float(Swift.max(m, n))
                let svd = LinearAlgebra.svd(a, full: full)
                #expect(svd.u.shape.suffix(2) == [m, full ? m : k] && svd.vt.shape.suffix(2) == [full ? n : k, n])
                expectClose(svd.singularValues, c["s"].tensor, absolute: 2e-6 * scale, relative: 0, "σ of \(c["name"])")
                let thinU = full ? svd.u.slice(axis: -1, 0..<k) : svd.u, thinVT = full ? svd.vt.slice(axis: -2, 0..<k) : svd.vt
                if c["compareVectors"].int == 1 {
                    let u = aligningColumnSigns(thinU, to: c["u"].tensor)
                    expectClose(u, c["u"].tensor, absolute: 1e-4, relative: 0, "U of \(c["name"])")
                    // vⱼ flips with uⱼ: align Vᵀ's rows by the same signs, through U·Σ·Vᵀ below.
                }
                let rebuilt = (thinU * svd.singularValues.unsqueezed(axis: -2)).matmul(thinVT)
                expectClose(rebuilt, a, absolute: 2e-6 * scale, relative: 0, "U·Σ·Vᵀ = A, \(c["name"])")
                expectOrthonormalColumns(svd.u, tolerance: 1e-5 * Float(m))
                expectOrthonormalColumns(svd.vt.transposed(), tolerance: 1e-5 * Float(n))
            }
        }
    }

    @Test(arguments: LinearAlgebraBackend.available)
    func leastSquaresMatchesNumPy(backend: LinearAlgebraBackend) {
        using(backend) {
            for c in linalgFixture["leastSquares"].array {
                let result = LinearAlgebra.leastSquares(c["a"].tensor, c["b"].tensor)
                expectClose(result.solution, c["x"].tensor, absolute: 1e-4, relative: 1e-4, "X of \(c["name"])")
                #expect(result.rank == c["rank"].int, "rank of \(c["name"])")
                expectClose(result.singularValues, c["s"].tensor, absolute: 1e-5, relative: 1e-5, "σ of \(c["name"])")
                expectClose(result.residuals, c["residuals"].tensor, absolute: 1e-4, relative: 1e-3, "residuals of \(c["name"])")
            }
        }
    }
}
