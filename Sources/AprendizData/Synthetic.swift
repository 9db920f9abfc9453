import Foundation
import AprendizTensor

/// Small synthetic data sets for seeing a model learn (scikit-learn's `make_*` generators).
///
/// Classification sets return inputs `[count, 2]` (blobs: `[count, features]`) and class indices
/// `[count]`; regression sets return targets `[count, 1]`. Every generator is reproducible from its
/// seed; with `noise: 0` and `shuffle: false`, moons and circles are exactly scikit-learn's points.
public enum Synthetic {
    /// Gaussian clusters (`make_blobs`): `centers` centres drawn uniformly in `centerBox`ᶠᵉᵃᵗᵘʳᵉˢ,
    /// then `count / centers` points around each (the first `count % centers` get one more),
    /// xᵢ ~ N(centre, σ²I).
    public static func blobs(count: Int, centers: Int = 3, features: Int = 2, standardDeviation: Float = 1,
                             centerBox: ClosedRange<Float> = -10...10, shuffle: Bool = true, seed: UInt64 = 0) -> TensorDataset {
        require(count > 0 && centers > 0 && features > 0, "Synthetic.blobs: invalid sizes \(count), \(centers), \(features)")
        var generator = RandomGenerator(seed: seed)
        let centres = Tensor.randomUniform([centers, features], in: centerBox, using: &generator).scalars
        var points: [Float] = [], labels: [Float] = []
        for c in 0..<centers {
            for _ in 0..<(count / centers + (c < count % centers ? 1 : 0)) {
                for f in 0..<features { points.append(centres[c * features + f] + standardDeviation * Float(generator.nextNormal())) }
                labels.append(Float(c))
            }
        }
        return finish(points, labels, features: features, noise: 0, shuffle: shuffle, &generator)
    }

    /// Two interleaving half circles (`make_moons`):
    /// ```
    /// outer (class 0): (cos t, sin t),            t = linspace(0, π, ⌊n/2⌋)
    /// inner (class 1): (1 − cos t, ½ − sin t),    t = linspace(0, π, n − ⌊n/2⌋)
    /// ```
    /// plus N(0, noise²) on each coordinate.
    public static func moons(count: Int, noise: Float = 0, shuffle: Bool = true, seed: UInt64 = 0) -> TensorDataset {
        require(count >= 2, "Synthetic.moons: invalid count \(count)")
        var generator = RandomGenerator(seed: seed)
        let outer = count / 2, inner = count - outer
        var points: [Float] = [], labels: [Float] = []
        for t in linspace(0, .pi, outer, endpoint: true) { points += [Float(cos(t)), Float(sin(t))]; labels.append(0) }
        for t in linspace(0, .pi, inner, endpoint: true) { points += [Float(1 - cos(t)), Float(1 - sin(t) - 0.5)]; labels.append(1) }
        return finish(points, labels, features: 2, noise: noise, shuffle: shuffle, &generator)
    }

    /// A circle inside a larger one (`make_circles`):
    /// ```
    /// outer (class 0): (cos t, sin t),                t = 2πk/⌊n/2⌋
    /// inner (class 1): factor·(cos t, sin t),         t = 2πk/(n − ⌊n/2⌋)
    /// ```
    /// plus N(0, noise²) on each coordinate. `factor` ∈ (0, 1) (default 0.8).
    public static func circles(count: Int, factor: Float = 0.8, noise: Float = 0, shuffle: Bool = true,
                               seed: UInt64 = 0) -> TensorDataset {
        require(count >= 2, "Synthetic.circles: invalid count \(count)")
        require(factor > 0 && factor < 1, "Synthetic.circles: factor \(factor) is not in (0, 1)")
        var generator = RandomGenerator(seed: seed)
        let outer = count / 2, inner = count - outer
        var points: [Float] = [], labels: [Float] = []
        for t in linspace(0, 2 * .pi, outer, endpoint: false) { points += [Float(cos(t)), Float(sin(t))]; labels.append(0) }
        for t in linspace(0, 2 * .pi, inner, endpoint: false) {
            points += [factor * Float(cos(t)), factor * Float(sin(t))]
            labels.append(1)
        }
        return finish(points, labels, features: 2, noise: noise, shuffle: shuffle, &generator)
    }

    /// Interleaved spiral arms, `count / classes` points per arm (the CS231n spiral):
    /// ```
    /// arm j, point i of m:  r = i/(m − 1),  t = 4j + 4i/(m − 1) + N(0, noise²),  x = (r sin t, r cos t)
    /// ```
    /// Not linearly separable: a network needs a hidden layer to classify it.
    public static func spirals(count: Int, classes: Int = 3, noise: Float = 0.2, shuffle: Bool = true,
                               seed: UInt64 = 0) -> TensorDataset {
        require(classes >= 1 && count >= 2 * classes, "Synthetic.spirals: invalid count \(count) for \(classes) classes")
        var generator = RandomGenerator(seed: seed)
        let perArm = count / classes
        var points: [Float] = [], labels: [Float] = []
        for arm in 0..<classes {
            for (i, r) in linspace(0, 1, perArm, endpoint: true).enumerated() {
                let t = 4 * Double(arm) + 4 * Double(i) / Double(perArm - 1) + Double(noise) * generator.nextNormal()
                points += [Float(r * sin(t)), Float(r * cos(t))]
                labels.append(Float(arm))
            }
        }
        return finish(points, labels, features: 2, noise: 0, shuffle: shuffle, &generator)
    }

    /// A linear target with Gaussian noise: xᵢ ~ N(0, I), yᵢ = xᵢ·w + b + N(0, noise²).
    /// Inputs `[count, weights.count]`, targets `[count, 1]`.
    public static func linearRegression(count: Int, weights: [Float], bias: Float = 0, noise: Float = 0,
                                        seed: UInt64 = 0) -> TensorDataset {
        require(count > 0 && !weights.isEmpty, "Synthetic.linearRegression: invalid count \(count) or no weights")
        var generator = RandomGenerator(seed: seed)
        let x = Tensor.randomNormal([count, weights.count], using: &generator)
        let noiseTerm = Tensor.randomNormal([count, 1], standardDeviation: noise, using: &generator)
        let y = x.matmul(Tensor(shape: [weights.count, 1], scalars: weights)) + bias + noiseTerm
        return TensorDataset(inputs: x, targets: y)
    }

    /// A polynomial of one variable with Gaussian noise: x ~ U(range), y = Σₖ cₖ·xᵏ + N(0, noise²)
    /// (`coefficients` = [c₀, c₁, …]). Inputs and targets `[count, 1]`.
    public static func polynomialRegression(count: Int, coefficients: [Float], range: ClosedRange<Float> = -1...1,
                                            noise: Float = 0, seed: UInt64 = 0) -> TensorDataset {
        require(count > 0 && !coefficients.isEmpty, "Synthetic.polynomialRegression: invalid count \(count) or no coefficients")
        var generator = RandomGenerator(seed: seed)
        let x = Tensor.randomUniform([count, 1], in: range, using: &generator)
        var y = Tensor.randomNormal([count, 1], standardDeviation: noise, using: &generator)
        for (power, c) in coefficients.enumerated() { y += x.pow(Float(power)) * c }
        return TensorDataset(inputs: x, targets: y)
    }

    /// NumPy's `linspace` in Double, with or without the end point.
    private static func linspace(_ start: Double, _ end: Double, _ n: Int, endpoint: Bool) -> [Double] {
        guard n > 1 || !endpoint else { return n == 1 ? [start] : [] }
        let step = (end - start) / Double(endpoint ? n - 1 : n)
        return (0..<n).map { start + Double($0) * step }
    }

    /// Adds noise, shuffles and packs points and labels.
    private static func finish(_ points: [Float], _ labels: [Float], features: Int, noise: Float, shuffle: Bool,
                               _ generator: inout RandomGenerator) -> TensorDataset {
        var x = Tensor(shape: [labels.count, features], scalars: points)
        if noise > 0 { x += Tensor.randomNormal(x.shape, standardDeviation: noise, using: &generator) }
        let dataset = TensorDataset(inputs: x, targets: Tensor(labels))
        return shuffle ? dataset.batch(at: generator.permutation(of: labels.count)).dataset : dataset
    }
}

extension Batch {
    /// The batch as a data set of its own.
    public var dataset: TensorDataset { TensorDataset(inputs: inputs, targets: targets) }
}
