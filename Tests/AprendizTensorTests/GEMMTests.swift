import Dispatch
import Foundation
import Testing
@testable import AprendizTensor

/// SwiftGEMM and the BLAS dispatch against a Double-accumulating triple loop.
@Suite("GEMM", .serialized) // some tests set the global Parallel.threadCount
struct GEMMTests {
    /// A small deterministic generator (SplitMix64) so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next() -> Float {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Float(z >> 40) / Float(1 << 24) * 2 - 1
        }
        mutating func matrix(_ count: Int) -> [Float] { (0..<count).map { _ in next() } }
    }

    typealias Kernel = @Sendable (Bool, Bool, Int, Int, Int, Float, UnsafePointer<Float>, Int, UnsafePointer<Float>, Int,
                        Float, UnsafeMutablePointer<Float>, Int) -> Void

    static let swiftKernel: Kernel = {
        SwiftGEMM.sgemm(transposeA: $0, transposeB: $1, m: $2, n: $3, k: $4, alpha: $5, a: $6, lda: $7,
                        b: $8, ldb: $9, beta: $10, c: $11, ldc: $12)
    }
    static let dispatchKernel: Kernel = {
        MatrixMultiply.sgemm(transposeA: $0, transposeB: $1, m: $2, n: $3, k: $4, alpha: $5, a: $6, lda: $7,
                             b: $8, ldb: $9, beta: $10, c: $11, ldc: $12)
    }

    /// Runs one product with padded leading dimensions and checks every element of C (and that the
    /// padding of C is untouched).
    func check(_ kernel: Kernel, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
               alpha: Float, beta: Float, pad: Int, seed: UInt64) {
        var g = Generator(state: seed)
        let (aRows, aCols) = transposeA ? (k, m) : (m, k)
        let (bRows, bCols) = transposeB ? (n, k) : (k, n)
        let lda = aCols + pad, ldb = bCols + pad, ldc = n + pad
        let a = g.matrix(max(1, aRows * lda)), b = g.matrix(max(1, bRows * ldb))
        var c = beta == 0 ? [Float](repeating: .nan, count: max(1, m * ldc)) : g.matrix(max(1, m * ldc))
        let original = c
        func opA(_ i: Int, _ p: Int) -> Double { Double(transposeA ? a[p * lda + i] : a[i * lda + p]) }
        func opB(_ p: Int, _ j: Int) -> Double { Double(transposeB ? b[j * ldb + p] : b[p * ldb + j]) }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    kernel(transposeA, transposeB, m, n, k, alpha, pa.baseAddress!, lda, pb.baseAddress!, ldb,
                           beta, pc.baseAddress!, ldc)
                }
            }
        }
        var worst = 0.0
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k { sum += opA(i, p) * opB(p, j) }
                let expected = Double(alpha) * sum + (beta == 0 ? 0 : Double(beta) * Double(original[i * ldc + j]))
                worst = max(worst, abs(Double(c[i * ldc + j]) - expected) / (1 + abs(expected)))
            }
            for j in n..<ldc { #expect(c[i * ldc + j].bitPattern == original[i * ldc + j].bitPattern) }
        }
        #expect(worst < 1e-5 * Double(max(1, k)).squareRoot() + 1e-6,
                "m=\(m) n=\(n) k=\(k) tA=\(transposeA) tB=\(transposeB) α=\(alpha) β=\(beta) pad=\(pad): error \(worst)")
    }

    static let sizes = [1, 3, 17, 33, 65, 130]
    static let transposes = [(false, false), (false, true), (true, false), (true, true)]

    @Test("Swift kernel, all transposes, odd sizes, α, β, padded leading dimensions",
          arguments: [false, true])
    func swiftKernel(parallel: Bool) {
        let saved = Parallel.threadCount
        Parallel.threadCount = parallel ? max(2, saved) : 1
        defer { Parallel.threadCount = saved }
        var seed: UInt64 = 1
        for (ta, tb) in Self.transposes {
            for m in Self.sizes {
                for n in Self.sizes {
                    for k in [1, 17, 130] {
                        seed += 1
                        check(Self.swiftKernel, transposeA: ta, transposeB: tb, m: m, n: n, k: k,
                              alpha: seed % 2 == 0 ? 1 : -0.75, beta: seed % 3 == 0 ? 0 : 0.5, pad: Int(seed % 3) * 3, seed: seed)
                    }
                }
            }
        }
    }

    @Test("Large products cross several packed blocks (m > MC, k > KC), packed and unpacked A, with threads")
    func blockBoundaries() {
        for (ta, tb) in Self.transposes {
            check(Self.swiftKernel, transposeA: ta, transposeB: tb, m: 301, n: 77, k: 529, alpha: 1.5, beta: 0, pad: 5, seed: 7)
            check(Self.swiftKernel, transposeA: ta, transposeB: tb, m: 150, n: 260, k: 300, alpha: 1, beta: -2, pad: 0, seed: 8)
            // n ≤ 64: A read where it is stored, across k blocks (β then 1) and row blocks.
            check(Self.swiftKernel, transposeA: ta, transposeB: tb, m: 301, n: 40, k: 529, alpha: 0.5, beta: 3, pad: 1, seed: 9)
            // Few rows: the threads split the columns, each packing its own panels of B̃, across k and n blocks.
            check(Self.swiftKernel, transposeA: ta, transposeB: tb, m: 13, n: 300, k: 529, alpha: 1, beta: 0.5, pad: 2, seed: 10)
            check(Self.swiftKernel, transposeA: ta, transposeB: tb, m: 13, n: 1100, k: 300, alpha: -1, beta: 0, pad: 0, seed: 11)
        }
    }

    @Test("Dispatch (BLAS when installed, else Swift) matches the reference")
    func dispatch() {
        var seed: UInt64 = 100
        for (ta, tb) in Self.transposes {
            // The last three exceed MatrixMultiply.parallelThreshold: with BLAS they are split over
            // the pool, by rows (m ≥ n) or by columns, in parts that are not multiples of 16.
            for (m, n, k) in [(1, 1, 1), (3, 17, 33), (65, 130, 17), (130, 65, 130), (1, 130, 65), (130, 1, 65),
                              (301, 50, 40), (40, 301, 70), (17, 1000, 33),
                              (1, 512, 128), (1, 128, 512), (1, 2000, 70)] {   // m = 1: BLAS's GEMV path
                seed += 1
                check(Self.dispatchKernel, transposeA: ta, transposeB: tb, m: m, n: n, k: k,
                      alpha: 0.5, beta: seed % 2 == 0 ? 0 : 1.25, pad: 2, seed: seed)
            }
        }
        if let blas = BLASLibrary.shared {
            // Products n ≥ 16 wide go to the Swift kernel when it runs AVX-512 and the OpenBLAS does not.
            let swiftWhenWide = blas.usesAVX512 == false && KernelInstructionSet.active == .avx512
                && ProcessInfo.processInfo.environment["APRENDIZ_GEMM"]?.lowercased() != "blas"
            #expect(MatrixMultiply.swiftKernelOutrunsBLAS == swiftWhenWide)
            #expect(MatrixMultiply.backendName == (swiftWhenWide ? "Swift AVX-512; n < 16: \(blas.name), \(blas.coreName!)" : blas.name))
        } else {
            #expect(MatrixMultiply.backendName == "Swift")
        }
    }

    static let preparedKernel: Kernel = {
        MatrixMultiply.PreparedOperand(transposeB: $1, k: $4, n: $3, b: $8, ldb: $9)
            .multiply(transposeA: $0, m: $2, alpha: $5, a: $6, lda: $7, beta: $10, c: $11, ldc: $12)
    }

    @Test("A prepared (pre-packed) op(B): every transpose, m ≤ 4 (not packed), n ≤ 4, k and n across blocks, threads")
    func preparedOperand() {
        var seed: UInt64 = 300
        for (ta, tb) in Self.transposes {
            for (m, n, k) in [(3, 40, 17), (64, 1024, 256), (13, 1100, 300), (301, 77, 529), (40, 3, 30), (7, 64, 1)] {
                seed += 1
                check(Self.preparedKernel, transposeA: ta, transposeB: tb, m: m, n: n, k: k,
                      alpha: seed % 2 == 0 ? 1 : 0.5, beta: seed % 3 == 0 ? 0 : 1, pad: Int(seed % 2), seed: seed)
            }
        }
    }

    @Test("k = 0 gives C = βC; β = 0 writes zeros over NaN; m or n = 0 is a no-op")
    func degenerate() {
        let a: [Float] = [1], b: [Float] = [1]
        for kernel in [Self.swiftKernel, Self.dispatchKernel] {
            var c: [Float] = [1, 2, 3, 4]
            c.withUnsafeMutableBufferPointer { kernel(false, false, 2, 2, 0, 1, a, 1, b, 2, 3, $0.baseAddress!, 2) }
            #expect(c == [3, 6, 9, 12])
            var nan = [Float](repeating: .nan, count: 4)
            nan.withUnsafeMutableBufferPointer { kernel(false, false, 2, 2, 0, 1, a, 1, b, 2, 0, $0.baseAddress!, 2) }
            #expect(nan == [0, 0, 0, 0])
            var untouched: [Float] = [7]
            untouched.withUnsafeMutableBufferPointer { kernel(false, false, 0, 1, 1, 1, a, 1, b, 1, 0, $0.baseAddress!, 1) }
            #expect(untouched == [7])
        }
    }

    @Test("Parallel.forEach from several caller threads at once: every index once, no deadlock")
    func parallelForEachFromManyCallers() {
        let saved = Parallel.threadCount
        Parallel.threadCount = max(2, saved)
        defer { Parallel.threadCount = saved }
        let callers = 4, rounds = 300, width = 37
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: callers * width)
        counts.initialize(repeating: 0, count: callers * width)
        defer { counts.deallocate() }
        nonisolated(unsafe) let shared = counts
        DispatchQueue.concurrentPerform(iterations: callers) { caller in
            for round in 0..<rounds {
                // Change the thread count while jobs run: workers beyond it must stay out.
                if caller == 0 && round % 50 == 0 { Parallel.threadCount = round % 100 == 0 ? 1 : 2 }
                Parallel.forEach(width) { i in shared[caller * width + i] += 1 }
            }
        }
        #expect((0..<(callers * width)).allSatisfy { counts[$0] == rounds })
    }

    @Test("Parallel.forEach visits every index once, nests without deadlock")
    func parallelForEach() {
        let saved = Parallel.threadCount
        Parallel.threadCount = max(2, saved)
        defer { Parallel.threadCount = saved }
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 64 * 8)
        counts.initialize(repeating: 0, count: 64 * 8)
        defer { counts.deallocate() }
        nonisolated(unsafe) let shared = counts
        for _ in 0..<200 {
            Parallel.forEach(64) { i in
                Parallel.forEach(8) { j in shared[i * 8 + j] += 1 }   // nested: runs inline
            }
        }
        #expect((0..<(64 * 8)).allSatisfy { counts[$0] == 200 })
    }
}
