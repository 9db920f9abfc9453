import Aprendiz
@testable import AprendizLinearAlgebra
import AprendizTestSupport
import Foundation
import Testing

/// `eigh` above the fallback's divide-and-conquer cut-off against NumPy (Tests/Fixtures/linalg_eigh_large.json,
/// Tools/fixtures/generate_linalg.py): a 300×300 random symmetric matrix and a 120×120 one with a 50-fold
/// eigenvalue, under LAPACK and the Swift fallback.
@Suite struct LargeSymmetricEigenTests {
    nonisolated(unsafe) static let fixture = try! JSONFixture("linalg_eigh_large.json")

    @Test(arguments: LinearAlgebraBackend.available)
    func matchesNumPyAboveTheDivideAndConquerCutoff(backend: LinearAlgebraBackend) {
        using(backend) {
            for c in Self.fixture["eigh"].array {
                let name = c["name"].string, a = c["a"].tensor, n = a.shape[0]
                #expect(n > divideAndConquerCutoff)
                let scale = Swift.max(1, maxAbs(a)) * Float(n)
                let result = LinearAlgebra.eigh(a)
                let values = c["values"].tensor, expected = c["vectors"].tensor
                expectClose(result.eigenvalues, values, absolute: 2e-6 * scale, relative: 0, "eigenvalues of \(name)")
                // Vectors whose eigenvalue is well separated, up to sign: the fallback works in Double, so a
                // relative gap of 1e-6 determines them to 1e-10; float32 LAPACK needs about 3e-3.
                let minimumGap: Float = backend == .swift ? 1e-6 : 3e-3
                let gaps = c["relativeGaps"]["data"].floats
                let aligned = aligningColumnSigns(result.eigenvectors, to: expected).scalars, reference = expected.scalars
                var compared = 0, worst: Float = 0
                for j in 0..<n where gaps[j] >= minimumGap {
                    compared += 1
                    for i in 0..<n { worst = Swift.max(worst, Swift.abs(aligned[i * n + j] - reference[i * n + j])) }
                }
                #expect(compared > 0 && worst <= 1e-4, "\(compared) separated eigenvectors of \(name): max difference \(worst)")
                // A cluster (|λ − 1| < 1e-3): its invariant subspace, through the projector V_c·V_cᵀ.
                let cluster = values.scalars.indices.filter { Swift.abs(values.scalars[$0] - 1) < 1e-3 }
                if cluster.count > 1 {
                    let projector = { (v: Tensor) in
                        let scalars = v.scalars
                        let vc = Tensor(shape: [n, cluster.count], scalars: (0..<n).flatMap { i in cluster.map { scalars[i * n + $0] } })
                        return vc.matmul(vc, transposeOther: true)
                    }
                    expectClose(projector(result.eigenvectors), projector(expected), absolute: 1e-4, relative: 0,
                                "the \(cluster.count)-fold eigenspace of \(name)")
                }
                let rebuilt = (result.eigenvectors * result.eigenvalues.unsqueezed(axis: -2))
                    .matmul(result.eigenvectors, transposeOther: true)
                expectClose(rebuilt, a, absolute: 2e-6 * scale, relative: 0, "V·Λ·Vᵀ = A, \(name)")
                expectOrthonormalColumns(result.eigenvectors, tolerance: 1e-5 * Float(n))
            }
        }
    }
}
