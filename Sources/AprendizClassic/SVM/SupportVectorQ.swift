/// The matrix Q of the SMO dual `min ½αᵀQα + pᵀα` with its diagonal, served row by row through a
/// ``KernelCache`` (libsvm's `QMatrix`). The solver reorders the variables (shrunk ones to the end, so that
/// its loops run over a contiguous prefix) with ``swap(_:_:)``; rows are asked for by position, in the
/// current order, and only up to the columns the solver needs.
protocol SupportVectorQ: AnyObject {
    /// The number of dual variables.
    var count: Int { get }
    /// Qᵢᵢ, in the original order.
    var diagonal: [Double] { get }
    /// Columns `0..<length` of row i of Q (positions in the current order).
    func row(_ i: Int, length: Int) -> [Float]
    /// Exchanges positions i and j (libsvm's `swap_index`).
    func swap(_ i: Int, _ j: Int)
}

/// C-SVC's Q: Qᵢⱼ = yᵢyⱼ k(xᵢ, xⱼ) (libsvm's `SVC_Q`); the cache follows the solver's order, so the rows it
/// returns need no gather.
final class ClassificationQ: SupportVectorQ {
    let count: Int
    let diagonal: [Double]
    private let data: KernelRows
    private let kernel: Kernel
    /// yᵢ and the row of `data` at each position.
    private var signs: [Double]
    private var order: [Int]
    private let cache: KernelCache

    /// Q over the rows `rows` of `data` (all the training rows, shared by every pair: nothing is copied per
    /// problem), with labels `signs` (±1).
    init(_ data: KernelRows, rows: [Int], _ kernel: Kernel, signs: [Double], cacheMegabytes: Double) {
        self.data = data
        self.kernel = kernel
        self.signs = signs
        count = signs.count
        order = rows
        diagonal = rows.map { data.diagonal($0, kernel) }
        cache = KernelCache(megabytes: cacheMegabytes, count: signs.count)
    }

    func row(_ i: Int, length: Int) -> [Float] {
        cache.row(i, length: length) { row, start in
            let k = data.values(order[i], kernel, columns: order[start..<length]), yi = signs[i]
            for (c, value) in k.enumerated() { row.append(Float(yi * signs[start + c] * value)) }
        }
    }

    func swap(_ i: Int, _ j: Int) {
        cache.swapIndex(i, j)
        signs.swapAt(i, j)
        order.swapAt(i, j)
    }
}

/// ε-SVR's Q over 2l variables (α then α*): Qᵢⱼ = sᵢsⱼ k(x_{i mod l}, x_{j mod l}), s = +1 for α and −1
/// for α* (libsvm's `SVR_Q`); the cache holds the l full kernel rows in the data's order, gathered into the
/// solver's order on each request.
final class RegressionQ: SupportVectorQ {
    let count: Int
    let diagonal: [Double]
    private let data: KernelRows
    private let kernel: Kernel
    private let cache: KernelCache
    private let l: Int
    /// sᵢ and the training row at each position.
    private var signs: [Float]
    private var index: [Int]

    init(_ data: KernelRows, _ kernel: Kernel, cacheMegabytes: Double) {
        self.data = data
        self.kernel = kernel
        l = data.matrix.rows
        count = 2 * l
        let d = (0..<data.matrix.rows).map { data.diagonal($0, kernel) }
        diagonal = d + d
        cache = KernelCache(megabytes: cacheMegabytes, count: l)
        signs = [Float](repeating: 1, count: l) + [Float](repeating: -1, count: l)
        index = Array(0..<l) + Array(0..<l)
    }

    func row(_ i: Int, length: Int) -> [Float] {
        let base = index[i], l = l
        let k = cache.row(base, length: l) { row, start in
            row += data.values(base, kernel, columns: Array(start..<l)[...]).map(Float.init)
        }
        let si = signs[i]
        return (0..<length).map { j in si * signs[j] * k[index[j]] }
    }

    func swap(_ i: Int, _ j: Int) {
        signs.swapAt(i, j)
        index.swapAt(i, j)
    }
}
