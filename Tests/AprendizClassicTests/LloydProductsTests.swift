import Aprendiz
import Testing
@testable import AprendizClassic

/// The SIMD products of Lloyd's iterations for k ≤ 16 centres (`LloydIterations.laneProducts`) against the
/// dot products x_r·c_j computed directly in `Double`, for row counts that exercise the four-row loop and its
/// remainder, and for 1, 10 and 16 centres.
@Suite struct LloydProductsTests {
    @Test(arguments: [(1, 1), (7, 10), (37, 16), (64, 10)])
    func laneProductsAreTheDotProducts(rows: Int, clusters k: Int) {
        var generator = RandomGenerator(seed: 11)
        let p = 64
        let x = (0..<(rows * p)).map { _ in 2 * generator.nextUniform() - 1 }
        let centres = (0..<(k * p)).map { _ in 2 * generator.nextUniform() - 1 }
        let lanes = LloydIterations.transposedLanes(centres, clusters: k, columns: p)
        var products = [Float](repeating: .nan, count: rows * LloydIterations.laneCount)
        x.withUnsafeBufferPointer { x in
            products.withUnsafeMutableBufferPointer { out in
                LloydIterations.laneProducts(x.baseAddress!, rows: rows, columns: p, lanes: lanes, into: out.baseAddress!)
            }
        }
        for r in 0..<rows {
            for j in 0..<LloydIterations.laneCount {
                let got = products[r * LloydIterations.laneCount + j]
                if j >= k { #expect(got == 0, "row \(r), unused lane \(j): \(got)"); continue }
                let exact = (0..<p).reduce(0.0) { $0 + Double(x[r * p + $1]) * Double(centres[j * p + $1]) }
                #expect(abs(Double(got) - exact) <= 1e-5 * Double(p), "row \(r), centre \(j): \(got) against \(exact)")
            }
        }
    }
}
