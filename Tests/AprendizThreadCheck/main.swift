import Dispatch
import Foundation
import AprendizTensor
import AprendizAutodiff
import AprendizNN
import AprendizData

// The thread pool and the parallel kernels, driven from several threads, for ThreadSanitizer.
//
// `.ci/run` builds this executable with `swift build --sanitize=thread --product aprendiz-thread-check` and runs
// it on every submission: it needs the tensor core, autodiff, the layers and the CSV reader only, so the TSan
// build skips the test bundle (the whole suite under TSan is the README's *Reliability* section). Each check
// runs a kernel on one thread and on the pool and compares: element-wise results and per-row reductions
// bit for bit (one element is computed by one thread either way), products and convolutions against a
// Double reference (the split changes the blocking, not the sums' terms). A wrong result exits 1; a data race
// is ThreadSanitizer's report (`TSAN_OPTIONS=halt_on_error=1` makes it exit non-zero too).

/// Checks that failed, printed at the end.
nonisolated(unsafe) var failures: [String] = []

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { failures.append(message()) }
}

/// `body` with `Parallel.threadCount` set to `threads`, restored afterwards.
func withThreads<T>(_ threads: Int, _ body: () throws -> T) rethrows -> T {
    let saved = Parallel.threadCount
    Parallel.threadCount = threads
    defer { Parallel.threadCount = saved }
    return try body()
}

/// Largest relative difference |a − b| / (1 + |b|) between two tensors' scalars.
func worstDifference(_ a: [Float], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { max($0, abs(Double($1.0) - $1.1) / (1 + abs($1.1))) }
}

/// Parallel.forEach from four caller threads at once while the thread count changes, and nested calls:
/// every index runs exactly once.
func checkPoolFromManyCallers() {
    let callers = 4, rounds = 200, width = 37
    let counts = UnsafeMutablePointer<Int>.allocate(capacity: callers * width)
    counts.initialize(repeating: 0, count: callers * width)
    defer { counts.deallocate() }
    nonisolated(unsafe) let shared = counts
    withThreads(2) {
        DispatchQueue.concurrentPerform(iterations: callers) { caller in
            for round in 0..<rounds {
                if caller == 0 && round % 50 == 0 { Parallel.threadCount = round % 100 == 0 ? 1 : 2 }
                Parallel.forEach(width) { i in
                    Parallel.forEach(2) { _ in }   // nested: runs inline
                    shared[caller * width + i] += 1
                }
            }
        }
    }
    check((0..<(callers * width)).allSatisfy { counts[$0] == rounds }, "Parallel.forEach: an index ran other than once")
}

/// Element-wise kernels and a per-row reduction over 2²⁰ elements: pool = one thread, bit for bit.
func checkElementwise() {
    var generator = RandomGenerator(seed: 3)
    let a = Tensor.randomUniform([1024, 1024], in: -2...2, using: &generator)
    let b = Tensor.randomUniform([1024, 1024], in: -2...2, using: &generator)
    func run() -> [[Float]] { [(a + b).scalars, (a * b).exp().scalars, a.sum(axis: 1).scalars] }
    let serial = withThreads(1, run), parallel = withThreads(2, run)
    for (index, name) in ["a + b", "exp(a·b)", "sum(axis: 1)"].enumerated() {
        check(serial[index].map(\.bitPattern) == parallel[index].map(\.bitPattern), "\(name): two threads differ from one")
    }
}

/// The matrix product (packed Swift GEMM, and the dispatch that splits a BLAS call over the pool) on two
/// threads against a Double triple loop; sizes cross the packed blocks (m > MC, k > KC).
func checkMatrixProduct() {
    var generator = RandomGenerator(seed: 5)
    let (m, n, k) = (150, 90, 300)
    let a = Tensor.randomUniform([m, k], in: -1...1, using: &generator)
    let b = Tensor.randomUniform([k, n], in: -1...1, using: &generator)
    let (x, y) = (a.scalars, b.scalars)
    var reference = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
        for p in 0..<k {
            let aip = Double(x[i * k + p])
            for j in 0..<n { reference[i * n + j] += aip * Double(y[p * n + j]) }
        }
    }
    /// The Swift GEMM of the first `rows` rows of A by B on two threads, B packed here or beforehand.
    func swiftProduct(rows: Int, prepacked: Bool) -> [Float] {
        var c = [Float](repeating: .nan, count: rows * n)
        withThreads(2) {
            x.withUnsafeBufferPointer { pa in
                y.withUnsafeBufferPointer { pb in
                    let packedB = prepacked ? PackedOperand(pb.baseAddress!, ldb: n, transposed: false, k: k, n: n) : nil
                    c.withUnsafeMutableBufferPointer { pc in
                        SwiftGEMM.sgemm(transposeA: false, transposeB: false, m: rows, n: n, k: k, alpha: 1, a: pa.baseAddress!, lda: k,
                                        b: pb.baseAddress!, ldb: n, beta: 0, c: pc.baseAddress!, ldc: n, prepacked: packedB)
                    }
                }
            }
        }
        return c
    }
    let packed = swiftProduct(rows: m, prepacked: false)
    check(worstDifference(packed, reference) < 1e-4, "Swift GEMM on two threads: error \(worstDifference(packed, reference))")
    let dispatched = withThreads(2) { a.matmul(b).scalars }
    check(worstDifference(dispatched, reference) < 1e-4,
          "matmul (\(MatrixMultiply.backendName)) on two threads: error \(worstDifference(dispatched, reference))")
    // Few rows (the threads split the columns, each packing its own panels), then the same B packed once
    // beforehand and shared by the two threads.
    let rows = 13
    let columnSplit = swiftProduct(rows: rows, prepacked: false), prepared = swiftProduct(rows: rows, prepacked: true)
    let firstRows = Array(reference.prefix(rows * n))
    check(worstDifference(columnSplit, firstRows) < 1e-4, "Swift GEMM, columns split: error \(worstDifference(columnSplit, firstRows))")
    check(worstDifference(prepared, firstRows) < 1e-4, "Swift GEMM, B packed beforehand: error \(worstDifference(prepared, firstRows))")
}

/// An LSTM (37 sequences: the cells' passes in 16-row chunks on the pool, W_hh pre-packed) and a batch
/// normalisation (channel sums in fixed row chunks), forward and backward: two threads give one thread's
/// results bit for bit, since every sum has the same terms in the same order at any thread count.
func checkRecurrentAndBatchNorm() {
    func run() -> [[Float]] {
        var generator = RandomGenerator(seed: 13)
        let x = Variable(Tensor.randomUniform([37, 6, 48], in: -1...1, using: &generator), requiresGradient: true)
        let w = Variable(Tensor.randomUniform([12, 48], in: -0.5...0.5, using: &generator), requiresGradient: true)
        let b = Variable(Tensor.randomUniform([48], in: -1...1, using: &generator), requiresGradient: true)
        let p = Variable(Tensor.randomUniform([3, 12], in: -0.5...0.5, using: &generator), requiresGradient: true)
        let h = recurrentSequence(x, hiddenWeight: w, hiddenBias: b, peepholes: p, cell: .lstm(peepholes: true),
                                  lengths: (0..<37).map { 1 + $0 % 6 })
        let images = Variable(Tensor.randomUniform([40, 9, 9, 20], in: -1...1, using: &generator), requiresGradient: true)
        let normalized = BatchNorm(20)(images)
        h.backward(Tensor.randomUniform(h.shape, in: -1...1, using: &generator))
        normalized.backward(Tensor.randomUniform(normalized.shape, in: -1...1, using: &generator))
        return [h.value.scalars, x.grad!.scalars, w.grad!.scalars, b.grad!.scalars, p.grad!.scalars,
                normalized.value.scalars, images.grad!.scalars]
    }
    let serial = withThreads(1, run), parallel = withThreads(2, run)
    for (index, name) in ["LSTM h", "∂/∂x", "∂/∂W_hh", "∂/∂b", "∂/∂peepholes", "BatchNorm y", "BatchNorm ∂/∂x"].enumerated() {
        check(serial[index].map(\.bitPattern) == parallel[index].map(\.bitPattern), "\(name): two threads differ from one")
    }
}

/// The blocked convolution (blocks of images lowered in parallel) and max pooling, forward and backward:
/// two threads against one.
func checkConvolutionAndPooling() {
    func run() -> [[Float]] {
        var generator = RandomGenerator(seed: 11)
        let x = Variable(Tensor.randomUniform([5, 28, 28, 2], in: -1...1, using: &generator), requiresGradient: true)
        let w = Variable(Tensor.randomUniform([5, 5, 2, 4], in: -1...1, using: &generator), requiresGradient: true)
        let bias = Variable(Tensor.randomUniform([4], in: -1...1, using: &generator), requiresGradient: true)
        let convolved = conv2d(x, filter: w, bias: bias, padding: .same)
        let pooled = maxPool2D(convolved, size: (2, 2))
        pooled.backward(Tensor.randomUniform(pooled.shape, in: -1...1, using: &generator))
        return [pooled.value.scalars, x.grad!.scalars, w.grad!.scalars, bias.grad!.scalars]
    }
    let serial = withThreads(1, run), parallel = withThreads(2, run)
    for (index, name) in ["maxPool(conv2d(x))", "∂/∂x", "∂/∂w", "∂/∂b"].enumerated() {
        let difference = worstDifference(parallel[index], serial[index].map(Double.init))
        check(difference < 1e-4, "convolution and pooling, \(name): two threads differ from one by \(difference)")
    }
}

/// The CSV reader's parallel chunks (a 1.4 MB table in several chunks, quoted cells and text columns):
/// two threads give the table one thread gives.
func checkCSVChunks() {
    var text = "x,y,name\n"
    for row in 0..<60_000 { text += "\(row),\(Double(row) * 0.25),\"n \(row % 7)\"\n" }
    func read(_ threads: Int) -> Table? { try? Table.readCSV(text: text, options: CSVReadOptions(threads: threads)) }
    let serial = read(1), parallel = read(2)
    check(serial != nil && serial?.rowCount == 60_000, "CSV: the one-thread read failed")
    check(serial == parallel, "CSV: two threads read another table than one")
}

let started = Date()
for (name, run) in [("thread pool from 4 callers", checkPoolFromManyCallers), ("element-wise and reductions", checkElementwise),
                    ("matrix products", checkMatrixProduct), ("convolution and pooling", checkConvolutionAndPooling),
                    ("recurrent time loop and batch normalisation", checkRecurrentAndBatchNorm),
                    ("CSV chunks", checkCSVChunks)] {
    let before = failures.count
    run()
    print("\(failures.count == before ? "ok  " : "FAIL") \(name)")
}
for failure in failures { print("  \(failure)") }
print("aprendiz-thread-check: \(failures.isEmpty ? "all passed" : "\(failures.count) failed") in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
exit(failures.isEmpty ? 0 : 1)
