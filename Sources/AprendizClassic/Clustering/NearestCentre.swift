/// The nearest of k centres to one row, from dot products (Lloyd's assignment step, §17; scikit-learn's
/// `_labels_inertia` on float32 chunks):
///
/// ```
/// argmin_j ‖x − c_j‖² = argmin_j (‖c_j‖² − 2·x·c_j)      (‖x‖² is the same for every j)
/// ```
/// For few centres this replaces the block GEMM X_b·Cᵀ: the row is read once (from L1 after the first
/// centre) and the products go straight into the argmin, with no packed copy of the block and no product
/// tile. Each dot product is summed in eight `Float` lanes of two accumulators (as a float32 GEMM does,
/// in its own order), ties to the lower centre.
enum NearestCentre {
    /// Up to this many centres the fused loop is used; above it the block GEMM amortises its packing.
    static let fusedLimit = 32

    /// The nearest centre to the `p` floats at `x` among the `k` row-major centres `c` with squared norms
    /// `norms`, and its ‖c‖² − 2·x·c.
    @inline(__always)
    static func find(_ x: UnsafePointer<Float>, centres c: UnsafePointer<Float>, norms: UnsafePointer<Float>,
                     count k: Int, columns p: Int) -> (index: Int, value: Float) {
        var (best, bestValue) = (0, Float.infinity)
        let row = UnsafeRawPointer(x)
        for j in 0..<k {
            let centre = UnsafeRawPointer(c + j * p)
            var (a0, a1) = (SIMD8<Float>(), SIMD8<Float>())
            var f = 0
            while f + 16 <= p {
                a0 = a0.addingProduct(row.loadUnaligned(fromByteOffset: f * 4, as: SIMD8<Float>.self),
                                      centre.loadUnaligned(fromByteOffset: f * 4, as: SIMD8<Float>.self))
                a1 = a1.addingProduct(row.loadUnaligned(fromByteOffset: f * 4 + 32, as: SIMD8<Float>.self),
                                      centre.loadUnaligned(fromByteOffset: f * 4 + 32, as: SIMD8<Float>.self))
                f += 16
            }
            if f + 8 <= p {
                a0 = a0.addingProduct(row.loadUnaligned(fromByteOffset: f * 4, as: SIMD8<Float>.self),
                                      centre.loadUnaligned(fromByteOffset: f * 4, as: SIMD8<Float>.self))
                f += 8
            }
            var dot = (a0 + a1).sum()
            while f < p { dot += x[f] * c[j * p + f]; f += 1 }
            let value = norms[j] - 2 * dot
            if value < bestValue { (best, bestValue) = (j, value) }
        }
        return (best, bestValue)
    }
}
