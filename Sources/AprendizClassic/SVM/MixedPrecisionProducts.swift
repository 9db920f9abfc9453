import AprendizTensor
import CAprendizSIMD

/// A `Float` matrix times a `Float` vector with every product and sum in `Double`, the product behind the
/// kernel rows of SVM training (one row k(xᵢ, ·) per solver miss):
/// ```
/// outⱼ = Σₖ Double(A_{rⱼ,k}) · Double(vₖ)     A: [rows, columns] row-major, rⱼ the rows asked for
/// ```
/// The training rows come from `Float` tensors, so storing them as `Float` rounds nothing, and the sums
/// accumulate in `Double` as a float64 `dgemv` over the same values would (SPEC "Classic ML — decisions"),
/// but each row reads half the bytes: the product is bound by memory bandwidth (a pair of 1 000-image classes
/// is 6 MB of pixels as `Float`, past the L2 cache), so it runs about twice as fast as `dgemv` (libsvm reads
/// `double`s too). The vector is widened to `Double` once per product, so each step converts the matrix's values only; two
/// 8-wide `Double` accumulators per row, two rows at a time (in C, `aprendiz_svm_dots`, where the CPU has AVX-512:
/// four rows at a time on 8-lane registers, the next rows prefetched; the Swift code is compiled for AVX2); blocks
/// of rows on the ``Parallel`` pool.
enum MixedPrecisionProducts {
    /// Rows per parallel block.
    private static let rowsPerBlock = 2048

    /// `out[r]` ← (row `rows[r]` of A)·v for A row-major with `columns` columns and v (columns), accumulated in
    /// `Double` (the rows a solver asks for: all of them, or the active ones after shrinking). `instructionSet`
    /// picks the loop: the C one at AVX-512 (when the CPU has it), the Swift one below (tests pass `.avx2`).
    static func times(_ a: [Float], columns: Int, rows: ArraySlice<Int>, _ v: UnsafePointer<Float>,
                      instructionSet: KernelInstructionSet = .active) -> [Double] {
        let count = rows.count
        guard count > 0 else { return [] }
        var out = [Double](repeating: 0, count: count)
        let wide = (0..<columns).map { Double(v[$0]) }
        let level = aprendiz_simd_level(rawValue: UInt32(instructionSet.rawValue))
        a.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { o in
                wide.withUnsafeBufferPointer { v in
                    rows.withContiguousStorageIfAvailable { r in
                        let (a, o, v, r) = (UncheckedPointer(a.baseAddress!), UncheckedPointer(o.baseAddress!), UncheckedPointer(v.baseAddress!),
                                            UncheckedPointer(r.baseAddress!))
                        Parallel.forEach(max(1, (count + rowsPerBlock - 1) / rowsPerBlock)) { block in
                            let (first, end) = (block * rowsPerBlock, min(count, (block + 1) * rowsPerBlock))
                            if aprendiz_svm_dots(level, a.base, columns, r.base + first, end - first, v.base, o.base + first) != 0 { return }
                            var j = first
                            while j + 2 <= end {
                                (o.base[j], o.base[j + 1]) = dot2(a.base + r.base[j] * columns, a.base + r.base[j + 1] * columns, v.base, columns)
                                j += 2
                            }
                            if j < end { o.base[j] = dot(a.base + r.base[j] * columns, v.base, columns) }
                        }
                    }
                }
            }
        }
        return out
    }

    /// ``dot(_:_:_:)`` of two rows at once: each 16-element step loads y's halves once for both rows, four
    /// accumulators in flight (as many `SIMD8<Double>` as AVX2's 16 registers hold with the operands); each row's
    /// sums in the same order as ``dot(_:_:_:)``, so the results are the same.
    @inline(__always)
    static func dot2(_ x0: UnsafePointer<Float>, _ x1: UnsafePointer<Float>, _ y: UnsafePointer<Double>, _ count: Int) -> (Double, Double) {
        var a0 = SIMD8<Double>(), b0 = SIMD8<Double>(), a1 = SIMD8<Double>(), b1 = SIMD8<Double>()
        var k = 0
        while k + 16 <= count {
            let (low, high) = (UnsafeRawPointer(y + k).loadUnaligned(as: SIMD8<Double>.self), UnsafeRawPointer(y + k + 8).loadUnaligned(as: SIMD8<Double>.self))
            a0.addProduct(SIMD8<Double>(UnsafeRawPointer(x0 + k).loadUnaligned(as: SIMD8<Float>.self)), low)
            b0.addProduct(SIMD8<Double>(UnsafeRawPointer(x0 + k + 8).loadUnaligned(as: SIMD8<Float>.self)), high)
            a1.addProduct(SIMD8<Double>(UnsafeRawPointer(x1 + k).loadUnaligned(as: SIMD8<Float>.self)), low)
            b1.addProduct(SIMD8<Double>(UnsafeRawPointer(x1 + k + 8).loadUnaligned(as: SIMD8<Float>.self)), high)
            k += 16
        }
        var (s0, s1) = ((a0 + b0).sum(), (a1 + b1).sum())
        while k < count {
            s0 += Double(x0[k]) * y[k]
            s1 += Double(x1[k]) * y[k]
            k += 1
        }
        return (s0, s1)
    }

    /// Σₖ Double(xₖ)·yₖ over `count` elements, 16 at a time in two `SIMD8<Double>` sums (y already widened, so
    /// each step converts one operand only; the products are those of the two `Float`s, exactly).
    @inline(__always)
    static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Double>, _ count: Int) -> Double {
        var s0 = SIMD8<Double>(), s1 = SIMD8<Double>()
        var k = 0
        while k + 16 <= count {
            let (x0, x1) = (UnsafeRawPointer(x + k).loadUnaligned(as: SIMD8<Float>.self), UnsafeRawPointer(x + k + 8).loadUnaligned(as: SIMD8<Float>.self))
            let (y0, y1) = (UnsafeRawPointer(y + k).loadUnaligned(as: SIMD8<Double>.self), UnsafeRawPointer(y + k + 8).loadUnaligned(as: SIMD8<Double>.self))
            s0.addProduct(SIMD8<Double>(x0), y0)
            s1.addProduct(SIMD8<Double>(x1), y1)
            k += 16
        }
        var sum = (s0 + s1).sum()
        while k < count {
            sum += Double(x[k]) * y[k]
            k += 1
        }
        return sum
    }
}
