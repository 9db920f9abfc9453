import AprendizTensor

/// A `Float` matrix times a `Float` vector with every product and sum in `Double`, the product behind the
/// kernel rows of SVM training (one row k(xᵢ, ·) per solver miss):
/// ```
/// outⱼ = Σₖ Double(Aⱼₖ) · Double(vₖ)        A: [rows, columns] row-major
/// ```
/// The training rows come from `Float` tensors, so storing them as `Float` rounds nothing, and the sums
/// accumulate in `Double` as a float64 `dgemv` over the same values would (SPEC "Classic ML — decisions"),
/// but each row reads half the bytes: the product is bound by memory bandwidth (a pair of 1 000-image classes
/// is 6 MB of pixels as `Float`, past the L2 cache), so it runs about twice as fast as `dgemv` (libsvm reads
/// `double`s too). Two 8-wide `Double` accumulators per row; blocks of rows on the ``Parallel`` pool.
enum MixedPrecisionProducts {
    /// Rows per parallel block.
    private static let rowsPerBlock = 2048

    /// `out` (rows) ← A·v for A `[rows, columns]` row-major and v (columns), accumulated in `Double`.
    static func times(_ a: [Float], rows: Int, columns: Int, _ v: UnsafePointer<Float>) -> [Double] {
        var out = [Double](repeating: 0, count: rows)
        a.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { o in
                let (a, o, v) = (UncheckedPointer(a.baseAddress!), UncheckedPointer(o.baseAddress!), UncheckedPointer(v))
                Parallel.forEach(max(1, (rows + rowsPerBlock - 1) / rowsPerBlock)) { block in
                    for j in (block * rowsPerBlock)..<min(rows, (block + 1) * rowsPerBlock) {
                        o.base[j] = dot(a.base + j * columns, v.base, columns)
                    }
                }
            }
        }
        return out
    }

    /// Σₖ Double(xₖ)·Double(yₖ) over `count` elements, 16 at a time in two `SIMD8<Double>` sums.
    @inline(__always)
    static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ count: Int) -> Double {
        var s0 = SIMD8<Double>(), s1 = SIMD8<Double>()
        var k = 0
        while k + 16 <= count {
            let (x0, y0) = (UnsafeRawPointer(x + k).loadUnaligned(as: SIMD8<Float>.self), UnsafeRawPointer(y + k).loadUnaligned(as: SIMD8<Float>.self))
            let (x1, y1) = (UnsafeRawPointer(x + k + 8).loadUnaligned(as: SIMD8<Float>.self),
                            UnsafeRawPointer(y + k + 8).loadUnaligned(as: SIMD8<Float>.self))
            s0.addProduct(SIMD8<Double>(x0), SIMD8<Double>(y0))
            s1.addProduct(SIMD8<Double>(x1), SIMD8<Double>(y1))
            k += 16
        }
        var sum = (s0 + s1).sum()
        while k < count {
            sum += Double(x[k]) * Double(y[k])
            k += 1
        }
        return sum
    }
}
