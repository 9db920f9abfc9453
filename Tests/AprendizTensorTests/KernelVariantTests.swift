import CAprendizSIMD
import Foundation
import Testing
@testable import AprendizTensor

/// Every C kernel variant this CPU supports (baseline, AVX2 + FMA, AVX-512), called directly, against
/// Double references: the GEMM macro-kernel on operands packed by `SwiftGEMM`, the vector–matrix
/// products, and exp/log against the C library's double-precision functions. The active variant is
/// not changed, so other suites running at the same time are unaffected.
@Suite("Kernel variants")
struct KernelVariantTests {
    static let variants = KernelInstructionSet.allCases.filter { $0.rawValue <= KernelInstructionSet.supported.rawValue }

    static func table(_ variant: KernelInstructionSet) -> aprendiz_kernel_table {
        aprendiz_kernels_for_level(aprendiz_simd_level(rawValue: UInt32(variant.rawValue)))!.pointee
    }

    /// Deterministic values in [−1, 1).
    static func values(_ count: Int, seed: Int) -> [Float] {
        (0..<count).map { Float(((($0 + seed) &* 7919 + seed &* 104_729) % 2001) - 1000) / 1000 }
    }

    @Test("The active variant is the supported one unless APRENDIZ_SIMD lowers it")
    func activeVariant() {
        if ProcessInfo.processInfo.environment["APRENDIZ_SIMD"] == nil {
            #expect(KernelInstructionSet.active == KernelInstructionSet.supported)
        }
        #expect(Self.variants.contains(.baseline))
        #if arch(x86_64)
        // x86-64 servers and desktops since 2013 have AVX2 + FMA; the CI machine does.
        #expect(KernelInstructionSet.supported.rawValue >= KernelInstructionSet.avx2.rawValue)
        #endif
    }

    @Test("GEMM macro-kernel: full and partial tiles, β = 0 (C not read) and β ≠ 0; A packed, as stored and transposed",
          arguments: variants)
    func macroKernel(variant: KernelInstructionSet) {
        let kernels = Self.table(variant)
        for (m, n, k, beta) in [(6, 16, 1, Float(0)), (13, 37, 29, Float(0.5)), (36, 48, 64, Float(0)), (7, 5, 3, Float(-1))] {
            let a = Self.values(m * k, seed: m), b = Self.values(k * n, seed: n)
            let transposedA = (0..<(k * m)).map { a[($0 % m) * k + $0 / m] }    // Aᵀ stored k×m
            let ldc = n + 3
            let start = beta == 0 ? [Float](repeating: .nan, count: m * ldc) : Self.values(m * ldc, seed: k)
            let panels = (n + SwiftGEMM.nr - 1) / SwiftGEMM.nr
            let rowsPadded = (m + SwiftGEMM.mr - 1) / SwiftGEMM.mr * SwiftGEMM.mr
            var packedA = [Float](repeating: 0, count: rowsPadded * k), packedB = [Float](repeating: 0, count: panels * SwiftGEMM.nr * k)
            a.withUnsafeBufferPointer { pa in
                packedA.withUnsafeMutableBufferPointer {
                    SwiftGEMM.packA(Operand(base: pa.baseAddress!, ld: k, transposed: false), row: 0, column: 0,
                                    height: m, depth: k, into: $0.baseAddress!)
                }
            }
            b.withUnsafeBufferPointer { pb in
                packedB.withUnsafeMutableBufferPointer { out in
                    for p in 0..<panels {
                        SwiftGEMM.packB(Operand(base: pb.baseAddress!, ld: n, transposed: false), row: 0, column: p * SwiftGEMM.nr,
                                        depth: k, width: min(SwiftGEMM.nr, n - p * SwiftGEMM.nr), into: out.baseAddress! + p * SwiftGEMM.nr * k)
                    }
                }
            }
            var packed = start, stored = start, transposed = start
            kernels.gemm_macro_kernel!(m, n, k, 0, panels, packedA, packedB, 1.5, beta, &packed, ldc)
            kernels.gemm_macro_kernel_strided!(m, n, k, 0, panels, a, k, 1, packedB, 1.5, beta, &stored, ldc)
            kernels.gemm_macro_kernel_strided!(m, n, k, 0, panels, transposedA, 1, m, packedB, 1.5, beta, &transposed, ldc)
            for (name, c) in [("packed", packed), ("stored", stored), ("transposed", transposed)] {
                for i in 0..<m {
                    for j in 0..<n {
                        var sum = 0.0
                        for p in 0..<k { sum += Double(a[i * k + p]) * Double(b[p * n + j]) }
                        let expected = 1.5 * sum + (beta == 0 ? 0 : Double(beta) * Double(start[i * ldc + j]))
                        #expect(abs(Double(c[i * ldc + j]) - expected) <= 1e-5 * (1 + abs(expected)) * Double(k).squareRoot(),
                                "\(variant) A \(name) m=\(m) n=\(n) k=\(k) C[\(i), \(j)] = \(c[i * ldc + j]), expected \(expected)")
                    }
                    for j in n..<ldc { #expect(c[i * ldc + j].bitPattern == start[i * ldc + j].bitPattern) }
                }
            }
        }
    }

    @Test("Vector–matrix products, rows and columns of B, every column-block size", arguments: variants)
    func vectorMatrix(variant: KernelInstructionSet) {
        let kernels = Self.table(variant)
        let k = 37, n = 64 + 32 + 8 + 3, ldb = n + 2
        let x = Self.values(k, seed: 1), rowsB = Self.values(k * ldb, seed: 2), columnsB = Self.values(n * (k + 1), seed: 3)
        var y = [Float](repeating: .nan, count: n), z = [Float](repeating: .nan, count: n)
        kernels.gemv_rows!(x, rowsB, ldb, k, 0, n, &y)
        kernels.gemv_columns!(x, columnsB, k + 1, k, 0, n, &z)
        for j in 0..<n {
            var rowSum = 0.0, columnSum = 0.0
            for p in 0..<k {
                rowSum += Double(x[p]) * Double(rowsB[p * ldb + j])
                columnSum += Double(x[p]) * Double(columnsB[j * (k + 1) + p])
            }
            #expect(abs(Double(y[j]) - rowSum) < 1e-5 * (1 + abs(rowSum)), "\(variant) rows j=\(j)")
            #expect(abs(Double(z[j]) - columnSum) < 1e-5 * (1 + abs(columnSum)), "\(variant) columns j=\(j)")
        }
    }

    @Test("exp and log against the C library in Double, special values included", arguments: variants)
    func expLog(variant: KernelInstructionSet) {
        let kernels = Self.table(variant)
        var inputs: [Float] = stride(from: -110, through: 95, by: 0.37).map { Float($0) }
        inputs += [0, -0, .infinity, -.infinity, .nan, 88.72, 88.73, -103.9, -104, 1e-3, -1e-3]
        var e = [Float](repeating: 0, count: inputs.count)
        kernels.exp!(inputs, &e, inputs.count)
        for (x, y) in zip(inputs, e) {
            let expected = Foundation.exp(Double(x))
            if x.isNaN { #expect(y.isNaN); continue }
            if expected > Double(Float.greatestFiniteMagnitude) { #expect(y == .infinity, "exp(\(x))"); continue }
            // A few ulps of Float, relative; absolute near the subnormal range.
            #expect(abs(Double(y) - expected) <= 4e-7 * expected + 1e-44, "\(variant) exp(\(x)) = \(y), expected \(expected)")
        }
        var positives: [Float] = stride(from: -40, through: 38, by: 0.29).map { Float(Foundation.pow(10, $0)) }
        positives += [0, -1, .infinity, .nan, 1, Float.leastNormalMagnitude / 8, Float.leastNormalMagnitude]
        var l = [Float](repeating: 0, count: positives.count)
        kernels.log!(positives, &l, positives.count)
        for (x, y) in zip(positives, l) {
            let expected = Foundation.log(Double(x))
            if expected.isNaN { #expect(y.isNaN, "log(\(x))"); continue }
            if expected.isInfinite { #expect(Double(y) == expected, "log(\(x))"); continue }
            #expect(abs(Double(y) - expected) <= 3e-7 * max(1, abs(expected)), "\(variant) log(\(x)) = \(y), expected \(expected)")
        }
    }

    @Test("+ − · / with both broadcasting fast paths, and x·scale + shift: the bits of one IEEE operation",
          arguments: variants)
    func arithmetic(variant: KernelInstructionSet) {
        let kernels = Self.table(variant)
        // 37 elements: two-vector steps, one-vector steps and a scalar tail at every width.
        let count = 37
        var a = Self.values(count, seed: 4), b = Self.values(count, seed: 9)
        a[3] = .infinity; b[5] = 0; a[5] = 0; b[7] = .nan; b[11] = -0.0; a[13] = Float.leastNonzeroMagnitude
        let operations: [(aprendiz_binary_op, (Float, Float) -> Float)] = [
            (aprendiz_binary_add, { $0 + $1 }), (aprendiz_binary_subtract, { $0 - $1 }),
            (aprendiz_binary_multiply, { $0 * $1 }), (aprendiz_binary_divide, { $0 / $1 }),
        ]
        for (op, scalar) in operations {
            for (sa, sb) in [(1, 1), (1, 0), (0, 1), (0, 0)] {
                var out = [Float](repeating: 42, count: count)
                kernels.binary!(op, a, sa, b, sb, &out, count)
                for i in 0..<count {
                    let expected = scalar(a[i * sa], b[i * sb])
                    #expect(out[i].bitPattern == expected.bitPattern || (out[i].isNaN && expected.isNaN),
                            "\(variant) op \(op.rawValue) strides (\(sa), \(sb)) [\(i)] = \(out[i]), expected \(expected)")
                }
            }
        }
        // In place (out = a), as `+=` runs it.
        var target = a
        target.withUnsafeMutableBufferPointer { kernels.binary!(aprendiz_binary_add, $0.baseAddress!, 1, b, 1, $0.baseAddress!, count) }
        for i in 0..<count where !(a[i] + b[i]).isNaN { #expect(target[i] == a[i] + b[i]) }
        // x·scale + shift rounded twice: 3·fl(1/3) − 1 is 2.98e-8 with a fused multiply-add, 0 without.
        var x = a
        x[0] = 1 / 3
        var y = [Float](repeating: 42, count: count)
        kernels.affine!(x, &y, count, 3, -1)
        #expect(y[0] == 0, "\(variant): x·scale + shift was fused")
        for i in 0..<count {
            let expected = x[i] * 3 - 1
            #expect(y[i].bitPattern == expected.bitPattern || (y[i].isNaN && expected.isNaN), "\(variant) affine [\(i)]")
        }
    }
}
