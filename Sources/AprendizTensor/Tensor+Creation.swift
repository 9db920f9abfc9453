// Creation: constants, ranges, identity and random tensors.

extension Tensor {
    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }
    /// A tensor of ones.
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }
    /// A tensor filled with `value`.
    public static func full(_ shape: [Int], value: Float) -> Tensor { Tensor(repeating: value, shape: shape) }
    /// Zeros with the shape of `other`.
    public static func zeros(like other: Tensor) -> Tensor { zeros(other.shape) }
    /// Ones with the shape of `other`.
    public static func ones(like other: Tensor) -> Tensor { ones(other.shape) }

    /// `start, start + step, …` up to but excluding `end` (NumPy's `arange`; values computed as
    /// start + i·step so they do not drift).
    public static func arange(_ start: Float = 0, _ end: Float, step: Float = 1) -> Tensor {
        require(step != 0, "arange: step must not be 0")
        let n = Swift.max(0, Int((Double(end - start) / Double(step)).rounded(.up)))
        return Tensor(shape: [n], scalars: (0..<n).map { start + Float($0) * step })
    }

    /// `count` evenly spaced values from `start` to `end` inclusive (NumPy's `linspace`).
    public static func linspace(_ start: Float, _ end: Float, count: Int) -> Tensor {
        require(count >= 0, "linspace: count \(count) is negative")
        if count == 1 { return Tensor([start]) }
        let step = (Double(end) - Double(start)) / Double(count - 1)
        return Tensor(shape: [count], scalars: (0..<count).map { i in
            i == count - 1 ? end : Float(Double(start) + Double(i) * step)
        })
    }

    /// The n×n identity matrix (or n×m with ones on the main diagonal).
    public static func eye(_ n: Int, _ m: Int? = nil) -> Tensor {
        let columns = m ?? n
        var result = zeros([n, columns])
        result.withUnsafeMutableBufferPointer { p in
            for i in 0..<Swift.min(n, columns) { p[i * columns + i] = 1 }
        }
        return result
    }

    /// Uniform random values in `range` (lower inclusive).
    public static func randomUniform(_ shape: [Int], in range: ClosedRange<Float> = 0...1,
                                     using generator: inout RandomGenerator) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        let width = range.upperBound - range.lowerBound
        let out = result.storage.pointer
        for i in 0..<result.count { out[i] = range.lowerBound + width * generator.nextUniform() }
        return result
    }

    /// Normal random values with the given mean and standard deviation.
    public static func randomNormal(_ shape: [Int], mean: Float = 0, standardDeviation: Float = 1,
                                    using generator: inout RandomGenerator) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        let out = result.storage.pointer
        for i in 0..<result.count { out[i] = mean + standardDeviation * Float(generator.nextNormal()) }
        return result
    }

    /// Uniform random values drawn from the default generator (see ``RandomGenerator/seedGlobal(_:)``).
    public static func randomUniform(_ shape: [Int], in range: ClosedRange<Float> = 0...1) -> Tensor {
        RandomGenerator.withGlobal { randomUniform(shape, in: range, using: &$0) }
    }

    /// Normal random values drawn from the default generator.
    public static func randomNormal(_ shape: [Int], mean: Float = 0, standardDeviation: Float = 1) -> Tensor {
        RandomGenerator.withGlobal { randomNormal(shape, mean: mean, standardDeviation: standardDeviation, using: &$0) }
    }
}
