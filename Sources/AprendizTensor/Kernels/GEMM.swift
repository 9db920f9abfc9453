import CAprendizSIMD

// Pure-Swift single-precision matrix product (SGEMM), the fallback when no system BLAS is found.
//
//     C ← α·op(A)·op(B) + β·C,   row-major,  op(X) = X or Xᵀ,  op(A): m×k,  op(B): k×n,  C: m×n
//
// Algorithm (Goto & van de Geijn, "Anatomy of high-performance matrix multiplication", 2008; the
// BLIS loop structure):
//
//     for jc in 0..<n step NC                      columns of C and op(B)
//       for pc in 0..<k step KC                    the shared dimension
//         pack op(B)[pc.., jc..] into B̃            KC×NC, as NR-wide column panels (L3-resident)
//         for ic in 0..<m step MC                  rows of C and op(A), split over threads
//           pack op(A)[ic.., pc..] into Ã          MC×KC, as MR-tall row panels (L2-resident)
//           for jr, ir:  C[ir.., jr..] += Ã_ir · B̃_jr   the MR×NR micro-kernel (B̃ panel in L1)
//
// Packing copies each operand block once into contiguous, 64-byte-aligned memory in exactly the
// order the micro-kernel reads it, whatever the transposes and leading dimensions are, and pads
// partial panels with zeros, so the micro-kernel has a single branch-free form. The macro- and
// micro-kernel are C (CAprendizSIMD, Variants/KernelBodies.h), compiled for AVX-512, AVX2 + FMA and
// the baseline and chosen at run time: under AVX2 the micro-kernel keeps a 6×16 block of C in 12 ymm
// accumulators and per step of k does 2 loads of B̃, 6 broadcasts of Ã and 12 fused multiply-adds.
//
// Products at most four NR-wide panels wide (n ≤ 64: a convolution's im2col products, whose n is the
// number of output channels) do not pack A: the same micro-kernel reads element (i, p) of A at
// a[i·rs + p·cs] where it is stored (`gemm_macro_kernel_strided`), since each element would be used by
// at most four panels of B̃.
//
// Products with m ≤ 4 or n ≤ 4 (a batch of one, a matrix-vector product) skip packing: every
// element of B would be packed to be used at most four times, so a streaming matrix-vector loop
// (`SmallGEMM`) is faster. Small products run on the calling thread; threads only start once a
// product has enough work to repay the hand-off.

/// Blocked, packed, multi-threaded single-precision GEMM in Swift (row-major).
package enum SwiftGEMM {
    /// Rows of C per micro-kernel call.
    static let mr = Int(APRENDIZ_GEMM_MR)
    /// Columns of C per micro-kernel call (two AVX2 vectors, one AVX-512 vector).
    static let nr = Int(APRENDIZ_GEMM_NR)
    /// Depth of a packed block: a KC×NR panel of B̃ (16 KiB) stays in L1.
    static let kc = Int(APRENDIZ_GEMM_KC)
    /// Rows of a packed Ã block: MC×KC floats (72 KiB) stay in L2.
    static let mc = 72
    /// Columns of a packed B̃ block: KC×NC floats (1 MiB) stay in L2 (2 MiB per core here).
    static let nc = 1024
    /// Multiply-adds (m·n·k) below which a product runs on the calling thread only.
    static let parallelThreshold = 1 << 19
    /// Products at most this many NR-wide column panels wide (n ≤ 64) are not packed on the A side: the
    /// micro-kernel reads A where it is stored. Each element of A then meets at most 4 panels of B, so a
    /// packed copy does not pay back; in a convolution's im2col products (n = output channels) packing A
    /// took 40 % as long as the multiply-adds.
    static let unpackedAPanels = 4

    /// C ← α·op(A)·op(B) + β·C  (row-major; op(X) = X or Xᵀ).
    ///
    /// `lda`, `ldb`, `ldc` are the row strides of A, B and C as stored (before the transpose).
    /// With β = 0, C is not read (it may hold NaN or be uninitialised). With k = 0, C ← β·C.
    /// `prepacked`, op(B) packed beforehand (``PackedOperand``), spares the blocked products packing it.
    package static func sgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                             a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                             beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int, prepacked: PackedOperand? = nil) {
        if m <= 0 || n <= 0 { return }
        if k <= 0 || alpha == 0 {
            scale(c, ldc: ldc, m: m, n: n, beta: beta)
            return
        }
        let threads = m * n * k < parallelThreshold ? 1 : Parallel.threadCount
        let left = Operand(base: a, ld: lda, transposed: transposeA)
        let right = Operand(base: b, ld: ldb, transposed: transposeB)
        if m <= 4 {
            SmallGEMM.rows(m: m, n: n, k: k, alpha: alpha, a: left, b: right, beta: beta,
                           c: c, rowStride: ldc, columnStride: 1, threads: threads)
        } else if n <= 4 {
            // Cᵀ = op(B)ᵀ·op(A)ᵀ: the same routine with the operands swapped and C read by columns.
            SmallGEMM.rows(m: n, n: m, k: k, alpha: alpha, a: right.flipped, b: left.flipped, beta: beta,
                           c: c, rowStride: 1, columnStride: ldc, threads: threads)
        } else {
            blocked(m: m, n: n, k: k, alpha: alpha, a: left, b: right, beta: beta, c: c, ldc: ldc, threads: threads,
                    prepacked: prepacked)
        }
    }

    /// C ← β·C (β = 0 writes zeros without reading C).
    static func scale(_ c: UnsafeMutablePointer<Float>, ldc: Int, m: Int, n: Int, beta: Float) {
        for i in 0..<m {
            let row = c + i * ldc
            if beta == 0 { row.update(repeating: 0, count: n) } else if beta != 1 { for j in 0..<n { row[j] *= beta } }
        }
    }

    // MARK: - Blocked driver

    /// The Goto loop nest above. When the threads split the rows of C, per (jc, pc) block B̃ is packed by
    /// all threads together, then each computes its rows. When they split only the columns (always the
    /// case for one thread), each task packs its own panels of B̃ and runs the whole loop nest on them:
    /// one hand-off to the pool per product instead of two per block of k (an LSTM step's products
    /// are a few tens of microseconds each).
    ///
    /// With `prepacked` (op(B) packed beforehand, ``PackedOperand``), no B̃ is packed here.
    static func blocked(m: Int, n: Int, k: Int, alpha: Float, a: Operand, b: Operand, beta: Float,
                        c: UnsafeMutablePointer<Float>, ldc: Int, threads: Int, prepacked: PackedOperand? = nil) {
        let kcMax = min(kc, k), ncMax = min(nc, roundUp(n, nr))
        let grid = TaskGrid(m: m, n: ncMax, threads: threads)
        let aSize = mc * kcMax, bSize = kcMax * ncMax
        let workspace = Workspace.take(floats: bSize + grid.tasks * aSize)
        defer { Workspace.give(workspace) }
        let packedB = workspace.pointer

        /// C[rows, jc + first·NR…] ← α·op(A)[rows, pc..<pc+kcb]·B̃ + β·C for the `count` panels of B̃ at
        /// `panels` (panel q at panels + q·NR·kcb, the first being panel `first` of the block).
        func multiply(rows: Range<Int>, first: Int, count: Int, panels: UnsafePointer<Float>, jc: Int, ncb: Int,
                      pc: Int, kcb: Int, beta: Float, packedA: UnsafeMutablePointer<Float>) {
            guard count > 0 else { return }
            let width = ncb - first * nr
            let unpacked = (ncb + nr - 1) / nr <= unpackedAPanels
            var ic = rows.lowerBound
            while ic < rows.upperBound {
                let mcb = min(mc, rows.upperBound - ic)
                let target = c + ic * ldc + jc + first * nr
                if unpacked {
                    // Element (i, p) of op(A) is at base[i·rs + p·cs].
                    let (rs, cs) = a.transposed ? (1, a.ld) : (a.ld, 1)
                    aprendiz_gemm_macro_kernel_strided(mcb, width, kcb, 0, count, a.base + ic * rs + pc * cs, rs, cs,
                                                       panels, alpha, beta, target, ldc)
                } else {
                    packA(a, row: ic, column: pc, height: mcb, depth: kcb, into: packedA)
                    aprendiz_gemm_macro_kernel(mcb, width, kcb, 0, count, packedA, panels, alpha, beta, target, ldc)
                }
                ic += mcb
            }
        }

        if grid.rowsSplit == 1 {
            Parallel.forEach(grid.tasks) { t in
                let packedA = packedB + bSize + t * aSize
                var jc = 0
                while jc < n {
                    let ncb = min(nc, n - jc)
                    let (rows, own) = grid.range(task: t, m: m, panels: (ncb + nr - 1) / nr)
                    var pc = 0
                    while pc < k {
                        let kcb = min(kc, k - pc)
                        let panels: UnsafeMutablePointer<Float>
                        if let prepacked {
                            panels = prepacked.block(column: jc, row: pc, width: ncb) + own.lowerBound * nr * kcb
                        } else {
                            panels = packedB + own.lowerBound * nr * kcMax   // this task's part of B̃
                            for (q, p) in own.enumerated() {
                                packB(b, row: pc, column: jc + p * nr, depth: kcb, width: min(nr, ncb - p * nr), into: panels + q * nr * kcb)
                            }
                        }
                        multiply(rows: rows, first: own.lowerBound, count: own.count, panels: panels, jc: jc, ncb: ncb,
                                 pc: pc, kcb: kcb, beta: pc == 0 ? beta : 1, packedA: packedA)
                        pc += kcb
                    }
                    jc += ncb
                }
            }
            return
        }
        var jc = 0
        while jc < n {
            let ncb = min(nc, n - jc)
            var pc = 0
            while pc < k {
                let kcb = min(kc, k - pc)
                let panels = (ncb + nr - 1) / nr
                let block = prepacked?.block(column: jc, row: pc, width: ncb) ?? packedB
                if prepacked == nil {
                    Parallel.forEach(min(grid.tasks, panels)) { t in
                        let chunk = (panels + grid.tasks - 1) / grid.tasks
                        for p in (t * chunk)..<min(panels, (t + 1) * chunk) {
                            packB(b, row: pc, column: jc + p * nr, depth: kcb, width: min(nr, ncb - p * nr),
                                  into: packedB + p * nr * kcb)
                        }
                    }
                }
                Parallel.forEach(grid.tasks) { t in
                    let (rows, own) = grid.range(task: t, m: m, panels: panels)
                    multiply(rows: rows, first: own.lowerBound, count: own.count, panels: block + own.lowerBound * nr * kcb,
                             jc: jc, ncb: ncb, pc: pc, kcb: kcb, beta: pc == 0 ? beta : 1, packedA: packedB + bSize + t * aSize)
                }
                pc += kcb
            }
            jc += ncb
        }
    }

    // MARK: - Packing

    /// Copies op(A)[row..<row+height, column..<column+depth] as MR-row panels: panel r holds, for each
    /// p, the MR values op(A)[row + r·MR + i, column + p] contiguously (zero past the last row).
    static func packA(_ a: Operand, row: Int, column: Int, height: Int, depth: Int, into out: UnsafeMutablePointer<Float>) {
        var r = 0
        while r < height {
            let rows = min(mr, height - r)
            let panel = out + r * depth
            if rows < mr { panel.update(repeating: 0, count: mr * depth) }
            if a.transposed {
                // op(A)[i, p] = A[p, i]: the MR values for one p are contiguous in A.
                let source = a.base + column * a.ld + row + r
                for p in 0..<depth {
                    let s = source + p * a.ld, d = panel + p * mr
                    for i in 0..<rows { d[i] = s[i] }
                }
            } else {
                for i in 0..<rows {
                    let s = a.base + (row + r + i) * a.ld + column, d = panel + i
                    for p in 0..<depth { d[p * mr] = s[p] }
                }
            }
            r += mr
        }
    }

    /// Copies op(B)[row..<row+depth, column..<column+width] (width ≤ NR) as one NR-wide panel: for
    /// each p, the NR values op(B)[row + p, column + j] contiguously (zero past the last column).
    static func packB(_ b: Operand, row: Int, column: Int, depth: Int, width: Int, into out: UnsafeMutablePointer<Float>) {
        if b.transposed {
            // op(B)[p, j] = B[j, p]: walk each row of B contiguously.
            if width < nr { out.update(repeating: 0, count: nr * depth) }
            for j in 0..<width {
                let s = b.base + (column + j) * b.ld + row, d = out + j
                for p in 0..<depth { d[p * nr] = s[p] }
            }
        } else if width == nr {
            for p in 0..<depth {
                let s = UnsafeRawPointer(b.base + (row + p) * b.ld + column)
                let d = UnsafeMutableRawPointer(out + p * nr)
                d.storeBytes(of: s.loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
                d.storeBytes(of: s.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self), toByteOffset: 32, as: SIMD8<Float>.self)
            }
        } else {
            for p in 0..<depth {
                let s = b.base + (row + p) * b.ld + column, d = out + p * nr
                for j in 0..<width { d[j] = s[j] }
                for j in width..<nr { d[j] = 0 }
            }
        }
    }

    static func roundUp(_ x: Int, _ multiple: Int) -> Int { (x + multiple - 1) / multiple * multiple }
}

/// op(B) (k×n) packed once in the layout `SwiftGEMM.blocked` multiplies from, for many products with the same
/// B and different A (a recurrent layer's W_hh at every step of a sequence): block (jc, pc) of B̃ holds the
/// NR-wide panels of op(B)[pc..<pc+KC, jc..<jc+NC] and starts at jc·k + roundUp(ncb, NR)·pc.
package final class PackedOperand: @unchecked Sendable {
    /// The rows (k) and columns (n) of op(B).
    let k: Int, n: Int
    private let storage: UnsafeMutablePointer<Float>

    /// Packs op(B), k×n, of B stored with row stride `ldb` (`transposed`: op(B) = Bᵀ).
    package init(_ b: UnsafePointer<Float>, ldb: Int, transposed: Bool, k: Int, n: Int) {
        (self.k, self.n) = (k, n)
        let b = Operand(base: b, ld: ldb, transposed: transposed)
        let (nr, kc, nc) = (SwiftGEMM.nr, SwiftGEMM.kc, SwiftGEMM.nc)
        let count = max(1, SwiftGEMM.roundUp(n, nr) * k)
        storage = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.size, alignment: 64)
            .bindMemory(to: Float.self, capacity: count)
        let panels = (n + nr - 1) / nr
        Parallel.forEach(panels) { p in
            let column = p * nr, jc = column / nc * nc, ncb = min(nc, n - jc)
            var pc = 0
            while pc < k {
                let kcb = min(kc, k - pc)
                SwiftGEMM.packB(b, row: pc, column: column, depth: kcb, width: min(nr, n - column),
                                into: block(column: jc, row: pc, width: ncb) + (column - jc) * kcb)
                pc += kcb
            }
        }
    }

    deinit { storage.deallocate() }

    /// The first panel of block (jc, pc), `width` (ncb) columns wide.
    @inline(__always) func block(column jc: Int, row pc: Int, width: Int) -> UnsafeMutablePointer<Float> {
        storage + jc * k + SwiftGEMM.roundUp(width, SwiftGEMM.nr) * pc
    }
}

/// One GEMM operand as stored: base pointer, row stride, and whether the product uses its transpose.
struct Operand {
    let base: UnsafePointer<Float>
    let ld: Int
    let transposed: Bool
    /// The same storage read as the transpose of this operand.
    var flipped: Operand { Operand(base: base, ld: ld, transposed: !transposed) }
}

/// How the threads of one blocked product share C: a tm×tn grid of row ranges × column-panel ranges.
struct TaskGrid: Sendable {
    let rowsSplit: Int
    let columnsSplit: Int
    var tasks: Int { rowsSplit * columnsSplit }

    /// Picks the factorisation tm·tn = threads whose largest task (in micro-tiles) is smallest;
    /// ties prefer splitting rows, where each thread packs only its own rows of A.
    init(m: Int, n: Int, threads: Int) {
        let rowPanels = (m + SwiftGEMM.mr - 1) / SwiftGEMM.mr, columnPanels = (n + SwiftGEMM.nr - 1) / SwiftGEMM.nr
        var best = (cost: Int.max, tm: 1, tn: 1)
        for tm in 1...max(1, threads) where threads % tm == 0 {
            let tn = threads / tm
            let cost = ((rowPanels + tm - 1) / tm) * ((columnPanels + tn - 1) / tn) * 16 + (tn - 1)
            if cost < best.cost { best = (cost, tm, tn) }
        }
        rowsSplit = best.tm
        columnsSplit = best.tn
    }

    /// The rows of C (MR-aligned) and the B̃ column panels that task `t` computes.
    func range(task t: Int, m: Int, panels: Int) -> (rows: Range<Int>, panels: Range<Int>) {
        let ti = t / columnsSplit, tj = t % columnsSplit
        let rowPanels = (m + SwiftGEMM.mr - 1) / SwiftGEMM.mr
        let r0 = rowPanels * ti / rowsSplit, r1 = rowPanels * (ti + 1) / rowsSplit
        let p0 = panels * tj / columnsSplit, p1 = panels * (tj + 1) / columnsSplit
        return (min(m, r0 * SwiftGEMM.mr)..<min(m, r1 * SwiftGEMM.mr), p0..<p1)
    }
}
