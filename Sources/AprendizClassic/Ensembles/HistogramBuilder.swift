import AprendizTensor

/// The sums of one histogram bin: Σ gradients, Σ hessians and the number of samples whose feature falls in it.
struct HistogramBin: Sendable {
    var gradient = 0.0, hessian = 0.0, count: Int32 = 0
}

/// One sample's gradient and hessian side by side, so the histogram loop reads both with one load.
struct GradientPair {
    var gradient: Float, hessian: Float
}

/// Builds and subtracts the per-node histograms of a boosting tree (scikit-learn's `HistogramBuilder`,
/// LightGBM's feature histograms):
/// ```
/// hist[f][b] = ( Σ_{i ∈ node, bin(xᵢf) = b} gᵢ,  Σ hᵢ,  #{i} )     for every feature f and bin b
/// hist(larger child) = hist(parent) − hist(smaller child)          (histogram subtraction)
/// ```
/// Buffers (`featureCount · 256` bins each) are recycled through a free list, so growing a tree allocates
/// nothing after the first one. A parallel task sums a block of four features in one pass over the node's
/// samples: the sample index and its (g, h) pair are loaded once for the four, and the four bins' updates are
/// independent (runs of equal bins, e.g. the many zero pixels, would otherwise wait on each other's stores).
/// Each feature's sums still run in sample order, so the histograms do not depend on the thread count or
/// the blocking.
final class HistogramBuilder: @unchecked Sendable {
    static let binsPerFeature = 256
    /// Features summed together in one pass.
    static let block = 4
    /// Binned training data, feature-major (`FeatureBinning.binned`): bin of sample i, feature f at `f · n + i`.
    let bins: [UInt8]
    let sampleCount: Int, featureCount: Int
    /// Ordinary bins per feature: only bins `0..<usedBins[f]` and the missing-value bin are written and read.
    let usedBins: [Int]
    private var free: [UnsafeMutablePointer<HistogramBin>] = []
    /// The node's (g, h) pairs in the node's sample order.
    private let pairs: UnsafeMutablePointer<GradientPair>

    init(bins: [UInt8], sampleCount: Int, featureCount: Int, usedBins: [Int]) {
        self.bins = bins
        self.usedBins = usedBins
        self.sampleCount = sampleCount
        self.featureCount = featureCount
        pairs = .allocate(capacity: max(sampleCount, 1))
    }

    deinit {
        for buffer in free { buffer.deallocate() }
        pairs.deallocate()
    }

    /// A histogram buffer (contents undefined) of `featureCount · 256` bins; hand it back with ``recycle(_:)``.
    /// A built histogram is defined on each feature's used bins and its missing-value bin only.
    func take() -> UnsafeMutablePointer<HistogramBin> {
        free.popLast() ?? .allocate(capacity: max(featureCount, 1) * Self.binsPerFeature)
    }

    func recycle(_ buffer: UnsafeMutablePointer<HistogramBin>) {
        free.append(buffer)
    }

    /// The histograms of `samples` (all samples, in order, when `samples.count == sampleCount`) into a new buffer.
    func build(samples: UnsafeBufferPointer<Int32>, gradients: [Float], hessians: [Float]) -> UnsafeMutablePointer<HistogramBin> {
        let m = samples.count, n = sampleCount, d = featureCount, width = Self.binsPerFeature
        let isRoot = m == n, pairs = self.pairs
        gradients.withUnsafeBufferPointer { g in
            hessians.withUnsafeBufferPointer { h in
                for i in 0..<m {
                    let s = isRoot ? i : Int(samples[i])
                    pairs[i] = GradientPair(gradient: g[s], hessian: h[s])
                }
            }
        }
        let out = take(), used = usedBins
        let blocks = (d + Self.block - 1) / Self.block
        let rows = samples.baseAddress
        bins.withUnsafeBufferPointer { bins in
            let data = bins.baseAddress!
            Parallel.forEach(blocks) { block in
                let first = block * Self.block, count = min(Self.block, d - first)
                let histogram = out + first * width
                for f in 0..<count {
                    (histogram + f * width).initialize(repeating: HistogramBin(), count: used[first + f])
                    histogram[f * width + Int(FeatureBinning.missingBin)] = HistogramBin()
                }
                if count == Self.block {
                    let c0 = data + first * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n
                    let h0 = histogram, h1 = h0 + width, h2 = h1 + width, h3 = h2 + width
                    @inline(__always) func add(_ s: Int, _ i: Int) {
                        let p = pairs[i], g = Double(p.gradient), h = Double(p.hessian)
                        let b0 = Int(c0[s]), b1 = Int(c1[s]), b2 = Int(c2[s]), b3 = Int(c3[s])
                        h0[b0].gradient += g; h0[b0].hessian += h; h0[b0].count += 1
                        h1[b1].gradient += g; h1[b1].hessian += h; h1[b1].count += 1
                        h2[b2].gradient += g; h2[b2].hessian += h; h2[b2].count += 1
                        h3[b3].gradient += g; h3[b3].hessian += h; h3[b3].count += 1
                    }
                    if isRoot {
                        for i in 0..<m { add(i, i) }
                    } else {
                        let rows = rows!
                        for i in 0..<m { add(Int(rows[i]), i) }
                    }
                } else {
                    for f in 0..<count {
                        let column = data + (first + f) * n, row = histogram + f * width
                        for i in 0..<m {
                            let b = Int(column[isRoot ? i : Int(rows![i])]), p = pairs[i]
                            row[b].gradient += Double(p.gradient); row[b].hessian += Double(p.hessian); row[b].count += 1
                        }
                    }
                }
            }
        }
        return out
    }

    /// `parent −= child` for every bin: the parent's buffer becomes the larger child's histogram.
    func subtract(_ child: UnsafeMutablePointer<HistogramBin>, from parent: UnsafeMutablePointer<HistogramBin>) {
        let width = Self.binsPerFeature, d = featureCount, used = usedBins
        let blocks = (d + Self.block - 1) / Self.block
        Parallel.forEach(blocks) { block in
            for f in (block * Self.block)..<min(d, (block + 1) * Self.block) {
                for b in 0..<used[f] {
                    parent[f * width + b].gradient -= child[f * width + b].gradient
                    parent[f * width + b].hessian -= child[f * width + b].hessian
                    parent[f * width + b].count -= child[f * width + b].count
                }
                let missing = f * width + Int(FeatureBinning.missingBin)
                parent[missing].gradient -= child[missing].gradient
                parent[missing].hessian -= child[missing].hessian
                parent[missing].count -= child[missing].count
            }
        }
    }
}
