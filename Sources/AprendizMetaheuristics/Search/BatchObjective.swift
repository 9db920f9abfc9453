import AprendizAutodiff
import AprendizOptimizers
import AprendizTensor

/// A function over ℝⁿ that a population-based minimizer calls once per generation with every
/// candidate: a population `[count, n]` in, the values `[count]` out.
///
/// ```
/// f: ℝ^(count×n) → ℝ^count,   f(X)ᵢ = f(Xᵢ,:)
/// ```
/// Scoring the population in one call lets the objective use SIMD over a whole row
/// (`ScalableTestFunction`), spread rows over the thread pool (``pointwise(dimensions:_:)``), or run
/// one forward pass of a network per candidate (``NeuroevolutionTrainer``). `differentiable`, when
/// present, is the same function written with `Variable` operations, so the gradient methods of
/// chapter 6 can run on it (``GradientSearch``). A value that is NaN counts as +∞ (never the best).
public struct BatchObjective {
    /// n, the number of variables.
    public let dimensions: Int
    /// f(x) for one point of shape [n] as a differentiable scalar, when available.
    public let differentiable: ((Variable) -> Variable)?
    private let evaluate: (Tensor) -> Tensor

    /// An objective from a batch function (`[count, n]` → `[count]`).
    public init(dimensions: Int, differentiable: ((Variable) -> Variable)? = nil,
                evaluate: @escaping (_ population: Tensor) -> Tensor) {
        require(dimensions >= 1, "BatchObjective: invalid number of dimensions \(dimensions) (expected ≥ 1)")
        self.dimensions = dimensions
        self.differentiable = differentiable
        self.evaluate = evaluate
    }

    /// A test function of `ScalableTestFunction.all` in `dimensions` dimensions (SIMD batch kernel;
    /// differentiable for the gradient methods).
    public init(_ function: ScalableTestFunction, dimensions: Int) {
        require(dimensions >= function.minimumDimensions,
                "BatchObjective: \(function.name) needs at least \(function.minimumDimensions) dimensions, got \(dimensions)")
        self.init(dimensions: dimensions, differentiable: { function($0) }, evaluate: function.values)
    }

    /// An objective from a function of one point, called for every row with the rows spread over
    /// the thread pool (`Parallel.forEach(_:_:)`); `f` must be safe to call concurrently.
    public static func pointwise(dimensions: Int,
                                 _ f: @escaping @Sendable (_ point: UnsafeBufferPointer<Float>) -> Float) -> BatchObjective {
        BatchObjective(dimensions: dimensions) { population in
            let count = population.shape[0]
            var values = [Float](repeating: 0, count: count)
            population.withUnsafeBufferPointer { rows in
                values.withUnsafeMutableBufferPointer { out in
                    let (source, target) = (rows.baseAddress!, out.baseAddress!)
                    Parallel.forEach(count) { row in
                        target[row] = f(UnsafeBufferPointer(start: source + row * dimensions, count: dimensions))
                    }
                }
            }
            return Tensor(values)
        }
    }

    /// f of every row of `population` (shape `[count, n]`); the result has shape `[count]`.
    public func callAsFunction(_ population: Tensor) -> Tensor {
        require(population.rank == 2 && population.shape[1] == dimensions,
                "BatchObjective: expected a population of shape [count, \(dimensions)], got \(population.shape)")
        let values = evaluate(population)
        require(values.shape == [population.shape[0]],
                "BatchObjective: a population of shape \(population.shape) gave values of shape \(values.shape), expected [\(population.shape[0])]")
        return values
    }
}
