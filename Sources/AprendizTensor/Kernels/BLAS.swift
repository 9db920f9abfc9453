// The system CBLAS, found at run time (the dispatch between it and SwiftGEMM is MatrixMultiply.swift).
//
// Why at run time? Linking a BLAS at build time would make it a hard dependency (a system-library
// target, headers, pkg-config) and break the build where none is installed. Instead the library is
// opened with `dlopen` when first needed and its `cblas_sgemm` looked up with `dlsym`; without one,
// every product runs on the pure-Swift `SwiftGEMM`. OpenBLAS with its AVX-512 kernels (tuned blocking) is
// faster than the Swift kernel on large products, so it is preferred when present; but where it runs
// without them (an old release on a new CPU, or `OPENBLAS_CORETYPE=Haswell`), the Swift kernel's AVX-512
// variant wins and takes the products at least 16 columns wide (see `MatrixMultiply`).

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The system CBLAS found at run time, if any.
package struct BLASLibrary: @unchecked Sendable {
    /// `void cblas_sgemm(order, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc)`.
    typealias SGEMMFunction = @convention(c) (Int32, Int32, Int32, Int32, Int32, Int32, Float,
                                              UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32,
                                              Float, UnsafeMutablePointer<Float>?, Int32) -> Void
    /// `void cblas_sgemv(order, trans, M, N, alpha, A, lda, X, incX, beta, Y, incY)`.
    typealias SGEMVFunction = @convention(c) (Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
                                              UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32) -> Void
    /// `void openblas_set_num_threads(int)`.
    typealias SetThreadsFunction = @convention(c) (Int32) -> Void

    /// A readable name, e.g. "OpenBLAS (libopenblas.so.0)", or the path it was loaded from.
    package let name: String
    private let sgemmFunction: SGEMMFunction
    private let sgemvFunction: SGEMVFunction?
    private let setThreadsFunction: SetThreadsFunction?
    /// OpenBLAS's kernel set (`openblas_get_corename`: "Haswell", "SkylakeX", "Zen", …), or nil for another BLAS.
    package let coreName: String?
    /// Whether the library's kernels use AVX-512: false for an OpenBLAS running a core without them
    /// (Haswell, Zen, …: an old release on a new CPU, or `OPENBLAS_CORETYPE` set so); nil when unknown
    /// (another BLAS).
    package let usesAVX512: Bool?

    /// The library resolved once, on first use. `APRENDIZ_BLAS=none` disables BLAS;
    /// `APRENDIZ_BLAS=/path/lib.so` loads that library only; otherwise the first of the platform's
    /// usual names that exports `cblas_sgemm` (libopenblas.so.0, libopenblas.so, libblas.so.3 on
    /// Linux; Accelerate on macOS). Its own threading is switched off (one thread): `MatrixMultiply`
    /// splits large products over ``Parallel``'s pool instead, so one pool owns the cores and the
    /// library's spinning threads never compete with it (on 2 cores they made training slower).
    package static let shared: BLASLibrary? = {
        let requested = ProcessInfo.processInfo.environment["APRENDIZ_BLAS"]
        if let requested, requested.lowercased() == "none" { return nil }
        let candidates = requested.map { [$0] } ?? defaultCandidates
        hintOpenBLASCoreType()
        return withSingleThreadedOpenBLAS {
            for path in candidates {
                if let library = BLASLibrary(path: path) {
                    library.setThreadCount(1)
                    return library
                }
            }
            return nil
        }
    }()

    /// Runs `load` with `OPENBLAS_NUM_THREADS=1`, then restores the variable. OpenBLAS starts its
    /// worker threads when it is loaded, one per core unless this says otherwise; they would never
    /// get work (`MatrixMultiply` splits products over ``Parallel``'s pool) but still spin and
    /// `sched_yield` for a while after every call, taking the core another thread needs.
    static func withSingleThreadedOpenBLAS<T>(_ load: () -> T) -> T {
        let name = "OPENBLAS_NUM_THREADS"
        let previous = getenv(name).map { String(cString: $0) }
        setenv(name, "1", 1)
        defer { if let previous { setenv(name, previous, 1) } else { unsetenv(name) } }
        return load()
    }

    #if canImport(Darwin)
    static let defaultCandidates = ["/System/Library/Frameworks/Accelerate.framework/Accelerate"]
    #else
    static let defaultCandidates = ["libopenblas.so.0", "libopenblas.so", "libblas.so.3"]
    #endif

    /// Old OpenBLAS releases (e.g. 0.3.21 in Debian 12) do not recognise recent Xeons and fall back
    /// to their SSE3 "Prescott" kernels, 5× slower than this CPU allows (and slower than SwiftGEMM).
    /// OpenBLAS picks its kernels when it is loaded, from `OPENBLAS_CORETYPE` if set, so unless the
    /// user has set it, it is set here, before `dlopen`, from the CPU flags in /proc/cpuinfo:
    /// SkylakeX with AVX-512 (F, BW, DQ, VL), else Haswell with AVX2 + FMA.
    static func hintOpenBLASCoreType() {
        #if os(Linux) && arch(x86_64)
        guard getenv("OPENBLAS_CORETYPE") == nil,
              let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagsLine = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return }
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        if ["avx512f", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains) {
            setenv("OPENBLAS_CORETYPE", "SkylakeX", 0)
        } else if flags.contains("avx2") && flags.contains("fma") {
            setenv("OPENBLAS_CORETYPE", "Haswell", 0)
        }
        #endif
    }

    /// Opens `path` and binds `cblas_sgemm`; nil if the library is missing or lacks the symbol.
    init?(path: String) {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else { return nil }
        guard let sgemm = dlsym(handle, "cblas_sgemm") else {
            dlclose(handle)
            return nil
        }
        // The handle is never closed: the function pointers live for the whole process.
        sgemmFunction = unsafeBitCast(sgemm, to: SGEMMFunction.self)
        sgemvFunction = dlsym(handle, "cblas_sgemv").map { unsafeBitCast($0, to: SGEMVFunction.self) }
        setThreadsFunction = dlsym(handle, "openblas_set_num_threads").map { unsafeBitCast($0, to: SetThreadsFunction.self) }
        typealias CoreNameFunction = @convention(c) () -> UnsafePointer<CChar>?
        coreName = dlsym(handle, "openblas_get_corename")
            .flatMap { unsafeBitCast($0, to: CoreNameFunction.self)() }
            .map { String(cString: $0) }
        usesAVX512 = coreName.map { ["skylakex", "cooperlake", "sapphirerapids"].contains($0.lowercased()) }
        let file = path.split(separator: "/").last.map(String.init) ?? path
        if setThreadsFunction != nil {
            name = "OpenBLAS (\(file))"
        } else if path.contains("Accelerate") {
            name = "Accelerate"
        } else {
            name = "BLAS (\(path))"
        }
    }

    /// C ← α·op(A)·op(B) + β·C through `cblas_sgemm` (row-major; sizes must fit in Int32).
    ///
    /// A one-row product (m = 1: a single token's projections and attention scores while generating)
    /// goes to `cblas_sgemv` instead, c = α·op(B)ᵀ·a + β·c: OpenBLAS's GEMM packs the whole of op(B)
    /// for every call, which was a third of `bench generate`'s time. With β = 0, c is zeroed first so
    /// that NaN in an uninitialised c cannot leak through the library's scaling by β.
    package func sgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                      a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                      beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        let rowMajor: Int32 = 101, noTranspose: Int32 = 111, transpose: Int32 = 112
        if m == 1, let sgemv = sgemvFunction {
            if beta == 0 { c.update(repeating: 0, count: n) }
            // op(A) is one row of k: contiguous, or a column of the stored k×1 A with stride lda.
            let incX = Int32(transposeA ? lda : 1)
            if transposeB {   // B stored n×k: c = B·x
                sgemv(rowMajor, noTranspose, Int32(n), Int32(k), alpha, b, Int32(ldb), a, incX, beta, c, 1)
            } else {          // B stored k×n: c = Bᵀ·x
                sgemv(rowMajor, transpose, Int32(k), Int32(n), alpha, b, Int32(ldb), a, incX, beta, c, 1)
            }
            return
        }
        sgemmFunction(rowMajor, transposeA ? transpose : noTranspose, transposeB ? transpose : noTranspose,
                      Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Sets the library's own thread count (`openblas_set_num_threads`); a no-op for other BLASes.
    package func setThreadCount(_ n: Int) {
        setThreadsFunction?(Int32(max(1, n)))
    }
}
