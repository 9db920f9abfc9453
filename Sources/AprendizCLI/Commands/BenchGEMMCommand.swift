import Aprendiz
import ArgumentParser

/// `aprendiz bench gemm`: GFLOP/s of an n×n float32 matrix product for the BLAS path and the Swift fallback.
struct BenchGEMMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm",
        abstract: "GFLOP/s of C = A·B for n = 256, 512, 1024, 2048 (system BLAS and the Swift kernel).",
        discussion: "The first row is the library's dispatch, named after what it runs: where OpenBLAS lacks AVX-512 kernels and the Swift kernel has them, products n ≥ 16 go to the Swift kernel. APRENDIZ_GEMM=blas sends them to the BLAS."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "Matrix sizes n, comma-separated.")
    var sizes = "256,512,1024,2048"

    func run() throws {
        try options.apply()
        var generator = RandomGenerator(seed: 1)
        for n in try IntegerList.parse(sizes, option: "--sizes", example: "512,1024") {
            let a = Tensor.randomUniform([n, n], using: &generator), b = Tensor.randomUniform([n, n], using: &generator)
            var c = Tensor.zeros([n, n])
            let repeats = n <= 512 ? 21 : (n <= 1024 ? 7 : 3)
            let flops = 2 * Double(n) * Double(n) * Double(n)
            for backend in GEMMBackend.available {
                let seconds = a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        c.withUnsafeMutableBufferPointer { pc in
                            Stopwatch.median(repeats: repeats) {
                                backend.multiply(n, pa.baseAddress!, pb.baseAddress!, pc.baseAddress!)
                            }
                        }
                    }
                }
                BenchResult(workload: "gemm n=\(n)", threads: Parallel.threadCount, backend: backend.name,
                            gflops: flops / seconds / 1e9).print(json: options.json)
            }
        }
    }
}

/// The matrix-product implementations the benchmark compares.
struct GEMMBackend {
    let name: String
    let multiply: (Int, UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void

    static var available: [GEMMBackend] {
        var list: [GEMMBackend] = []
        // The library's dispatch (MatrixMultiply, which splits a BLAS call over the pool): named after what it
        // runs, since products n ≥ 16 may go to the Swift kernel (`APRENDIZ_GEMM=blas` sends them to the BLAS).
        if BLASLibrary.shared != nil {
            list.append(GEMMBackend(name: MatrixMultiply.backendName) { n, a, b, c in
                MatrixMultiply.sgemm(transposeA: false, transposeB: false, m: n, n: n, k: n, alpha: 1, a: a, lda: n,
                                     b: b, ldb: n, beta: 0, c: c, ldc: n)
            })
        }
        list.append(GEMMBackend(name: "Swift") { n, a, b, c in
            SwiftGEMM.sgemm(transposeA: false, transposeB: false, m: n, n: n, k: n, alpha: 1, a: a, lda: n,
                            b: b, ldb: n, beta: 0, c: c, ldc: n)
        })
        return list
    }
}
