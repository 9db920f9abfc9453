import AprendizAutodiff
import AprendizTensor

/// A test function defined in any number of dimensions n, with its known global minimum (the
/// benchmarks of chapter 11's metaheuristics; Surjanovic & Bingham, *Virtual Library of Simulation
/// Experiments*; Jamil & Yang 2013, "A literature survey of benchmark functions for global optimisation").
///
/// Each function is written twice, from the same formula: with `Variable` operations over the last
/// axis (for gradients, Hessians and contour grids) and as a SIMD8 kernel that scores a whole
/// population `[count, n]` at once (``values(_:)``, what the metaheuristics call). A test checks the
/// two agree. ``twoDimensional`` gives the ``TestFunction`` of the 2-D catalogue. See
/// ``ScalableTestFunction/all`` for the catalogue.
public struct ScalableTestFunction: Sendable {
    /// The command-line name (kebab-case), e.g. `rastrigin`.
    public let name: String
    /// The formula, for legends and help text.
    public let formula: String
    /// The customary search box, the same for every coordinate (e.g. −5.12…5.12 for Rastrigin).
    public let domain: ClosedRange<Float>
    /// The coordinate shared by every component of the global minimiser (0 for Sphere, 1 for Rosenbrock, …).
    public let minimizerCoordinate: Float
    /// f at the global minimum divided by n when it grows with n (Styblinski–Tang), else the minimum itself.
    private let minimumPerDimension: Float
    private let minimumScalesWithDimension: Bool
    /// Whether contour levels should be spaced logarithmically.
    public let prefersLogarithmicLevels: Bool
    private let expression: @Sendable (Variable) -> Variable
    let kernel: @Sendable (UnsafePointer<Float>, Int) -> Float

    init(name: String, formula: String, domain: ClosedRange<Float>, minimizerCoordinate: Float, minimum: Float,
         minimumScalesWithDimension: Bool = false, prefersLogarithmicLevels: Bool = false,
         expression: @escaping @Sendable (Variable) -> Variable,
         kernel: @escaping @Sendable (UnsafePointer<Float>, Int) -> Float) {
        self.name = name
        self.formula = formula
        self.domain = domain
        self.minimizerCoordinate = minimizerCoordinate
        self.minimumPerDimension = minimum
        self.minimumScalesWithDimension = minimumScalesWithDimension
        self.prefersLogarithmicLevels = prefersLogarithmicLevels
        self.expression = expression
        self.kernel = kernel
    }

    /// The global minimiser in n dimensions: every coordinate equal to ``minimizerCoordinate``.
    public func minimizer(dimensions n: Int) -> Tensor { Tensor(repeating: minimizerCoordinate, shape: [n]) }

    /// f at the global minimum in n dimensions.
    public func minimumValue(dimensions n: Int) -> Float {
        minimumScalesWithDimension ? minimumPerDimension * Float(n) : minimumPerDimension
    }

    /// f of the points along the last axis of `points` (shape `[…, n]`), differentiable; the result
    /// has the leading shape (a scalar for one point of shape [n]).
    public func callAsFunction(_ points: Variable) -> Variable {
        require(points.shape.count >= 1 && points.shape.last! >= minimumDimensions,
                "\(name): expected points of shape [..., n] with n ≥ \(minimumDimensions), got \(points.shape)")
        return expression(points)
    }

    /// f at one point of shape [n].
    public func value(at point: Tensor) -> Float {
        require(point.rank == 1, "\(name).value: expected a point of shape [n], got \(point.shape)")
        return values(point.reshaped([1, point.count])).scalars[0]
    }

    /// f of every row of `population` (shape `[count, n]`) with the SIMD kernel, rows split over the
    /// thread pool when the population is large; the result has shape `[count]`.
    public func values(_ population: Tensor) -> Tensor {
        require(population.rank == 2 && population.shape[1] >= minimumDimensions,
                "\(name).values: expected a population of shape [count, n] with n ≥ \(minimumDimensions), got \(population.shape)")
        let (count, n) = (population.shape[0], population.shape[1])
        var result = [Float](repeating: 0, count: count)
        let kernel = self.kernel
        population.withUnsafeBufferPointer { rows in
            result.withUnsafeMutableBufferPointer { out in
                let (source, target) = (rows.baseAddress!, out.baseAddress!)
                KernelPartition.forEachChunk(count, grain: n) { start, end in
                    for row in start..<end { target[row] = kernel(source + row * n, n) }
                }
            }
        }
        return Tensor(result)
    }

    /// The fewest dimensions the formula accepts (2 for Rosenbrock, which couples neighbours; else 1).
    public var minimumDimensions: Int { name == "rosenbrock" ? 2 : 1 }

    /// This function in two dimensions, for the contour plots and paths of `aprendiz minimize`.
    public var twoDimensional: TestFunction {
        let expression = self.expression
        let minimum = minimizer(dimensions: 2)
        return TestFunction(name: name, formula: formula, minima: [minimum], minimumValue: minimumValue(dimensions: 2),
                            xRange: domain, yRange: domain, start: Tensor([domain.lowerBound, domain.upperBound]) * 0.7,
                            prefersLogarithmicLevels: prefersLogarithmicLevels) { x, y in
            expression(Variable.stack([x, y], axis: x.shape.count))
        }
    }
}
