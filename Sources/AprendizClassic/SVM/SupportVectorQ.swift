/// The matrix Q of the SMO dual `min ½αᵀQα + pᵀα` with its diagonal, served row by row through a
/// ``KernelCache`` (libsvm's `QMatrix`).
protocol SupportVectorQ: AnyObject {
    /// The number of dual variables.
    var count: Int { get }
    /// Qᵢᵢ.
    var diagonal: [Double] { get }
    /// Row i of Q, all `count` columns.
    func row(_ i: Int) -> [Float]
}

/// C-SVC's Q: Qᵢⱼ = yᵢyⱼ k(xᵢ, xⱼ) (libsvm's `SVC_Q`).
final class ClassificationQ: SupportVectorQ {
    let count: Int
    let diagonal: [Double]
    private let data: KernelRows
    private let kernel: Kernel
    private let signs: [Double]
    private let cache: KernelCache

    init(_ data: KernelRows, _ kernel: Kernel, signs: [Double], cacheMegabytes: Double) {
        self.data = data
        self.kernel = kernel
        self.signs = signs
        count = signs.count
        diagonal = (0..<signs.count).map { data.diagonal($0, kernel) }
        cache = KernelCache(megabytes: cacheMegabytes, count: signs.count)
    }

    func row(_ i: Int) -> [Float] {
        cache.row(i) {
            let k = data.row(i, kernel), yi = signs[i]
            return (0..<count).map { Float(yi * signs[$0] * k[$0]) }
        }
    }
}

/// ε-SVR's Q over 2l variables (α then α*): Qᵢⱼ = sᵢsⱼ k(x_{i mod l}, x_{j mod l}), s = +1 for α and −1
/// for α* (libsvm's `SVR_Q`); the cache holds the l kernel rows.
final class RegressionQ: SupportVectorQ {
    let count: Int
    let diagonal: [Double]
    private let data: KernelRows
    private let kernel: Kernel
    private let cache: KernelCache
    private let l: Int

    init(_ data: KernelRows, _ kernel: Kernel, cacheMegabytes: Double) {
        self.data = data
        self.kernel = kernel
        l = data.matrix.rows
        count = 2 * l
        let d = (0..<data.matrix.rows).map { data.diagonal($0, kernel) }
        diagonal = d + d
        cache = KernelCache(megabytes: cacheMegabytes, count: l)
    }

    func row(_ i: Int) -> [Float] {
        let base = i % l
        let k = cache.row(base) { data.row(base, kernel).map(Float.init) }
        let si: Float = i < l ? 1 : -1
        return (0..<count).map { j in (j < l ? si : -si) * k[j % l] }
    }
}
