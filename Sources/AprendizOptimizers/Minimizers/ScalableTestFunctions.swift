import AprendizAutodiff
import AprendizTensor
import Foundation

// The n-dimensional benchmarks of global optimisation (formulas, domains and minima as Surjanovic &
// Bingham's Virtual Library of Simulation Experiments, sfu.ca/~ssurjano).

extension ScalableTestFunction {
    /// Every n-dimensional test function, by command-line name.
    public static let all: [ScalableTestFunction] = [sphere, rastrigin, ackley, rosenbrock, griewank, schwefel, styblinskiTang]

    /// The n-dimensional test function with this command-line name (trimmed, case-insensitive), like
    /// ``TestFunction/named(_:)``.
    /// - Throws: `CatalogueError` listing the valid names.
    public static func named(_ name: String) throws(CatalogueError) -> ScalableTestFunction {
        try CatalogueLookup.member(name, in: all, family: "function", name: \.name)
    }

    /// Sphere: f(x) = Σ xᵢ², convex, minimum 0 at the origin; domain ±5.12.
    public static let sphere = ScalableTestFunction(
        name: "sphere", formula: "Σ xᵢ²", domain: -5.12...5.12, minimizerCoordinate: 0, minimum: 0,
        expression: { $0.squared().sum(axis: -1) }, kernel: TestFunctionKernels.sphere)

    /// Rastrigin: f(x) = 10n + Σ (xᵢ² − 10 cos 2πxᵢ), a grid of local minima around the global 0 at the
    /// origin; domain ±5.12.
    public static let rastrigin = ScalableTestFunction(
        name: "rastrigin", formula: "10n + Σ (xᵢ² − 10 cos 2πxᵢ)", domain: -5.12...5.12, minimizerCoordinate: 0, minimum: 0,
        expression: { x in (x.squared() - (x * (2 * Float.pi)).cos() * 10 + 10).sum(axis: -1) },
        kernel: TestFunctionKernels.rastrigin)

    /// Ackley (a = 20, b = 0.2, c = 2π): f(x) = −a exp(−b √(Σxᵢ²/n)) − exp(Σ cos(cxᵢ)/n) + a + e,
    /// minimum 0 at the origin (a cone's tip: no gradient there); domain ±32.768.
    public static let ackley = ScalableTestFunction(
        name: "ackley", formula: "−20 exp(−0.2 √(Σxᵢ²/n)) − exp(Σ cos(2πxᵢ)/n) + 20 + e", domain: -32.768...32.768,
        minimizerCoordinate: 0, minimum: 0,
        expression: { x in
            let radius = x.squared().mean(axis: -1).sqrt()
            let waves = (x * (2 * Float.pi)).cos().mean(axis: -1)
            return (radius * -0.2).exp() * -20 - waves.exp() + (20 + Float(M_E))
        }, kernel: TestFunctionKernels.ackley)

    /// Rosenbrock: f(x) = Σᵢ₌₁ⁿ⁻¹ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², a curved valley, minimum 0 at (1, …, 1);
    /// domain −5…10 (n ≥ 2).
    public static let rosenbrock = ScalableTestFunction(
        name: "rosenbrock", formula: "Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²", domain: -5...10, minimizerCoordinate: 1, minimum: 0,
        prefersLogarithmicLevels: true,
        expression: { x in
            let n = x.shape.last!, axis = x.shape.count - 1
            let head = x.slice(axis: axis, 0..<(n - 1)), tail = x.slice(axis: axis, 1..<n)
            return ((tail - head.squared()).squared() * 100 + (1 - head).squared()).sum(axis: -1)
        }, kernel: TestFunctionKernels.rosenbrock)

    /// Griewank: f(x) = 1 + Σ xᵢ²/4000 − Π cos(xᵢ/√i), minimum 0 at the origin; domain ±600.
    public static let griewank = ScalableTestFunction(
        name: "griewank", formula: "1 + Σ xᵢ²/4000 − Π cos(xᵢ/√i)", domain: -600...600, minimizerCoordinate: 0, minimum: 0,
        expression: { x in
            let n = x.shape.last!, axis = x.shape.count - 1
            let scale = Variable(Tensor((1...n).map { 1 / Float($0).squareRoot() }))
            let cosines = (x * scale).cos()
            var product = cosines.slice(axis: axis, 0..<1)
            for i in 1..<n { product = product * cosines.slice(axis: axis, i..<(i + 1)) }
            return x.squared().sum(axis: -1) / 4000 - product.sum(axis: -1) + 1
        }, kernel: TestFunctionKernels.griewank)

    /// Schwefel: f(x) = 418.9829n − Σ xᵢ sin √|xᵢ|, minimum ≈ 0 at (420.9687, …), far from the next
    /// best local minima; domain ±500.
    public static let schwefel = ScalableTestFunction(
        name: "schwefel", formula: "418.9829n − Σ xᵢ sin √|xᵢ|", domain: -500...500, minimizerCoordinate: 420.968_75,
        minimum: 0,
        expression: { x in
            let n = Float(x.shape.last!)
            return (x * x.abs().sqrt().sin()).sum(axis: -1) * -1 + 418.982_887_27 * n
        }, kernel: TestFunctionKernels.schwefel)

    /// Styblinski–Tang: f(x) = ½ Σ (xᵢ⁴ − 16xᵢ² + 5xᵢ), minimum −39.16617n at (−2.903534, …); domain ±5.
    public static let styblinskiTang = ScalableTestFunction(
        name: "styblinski-tang", formula: "½ Σ (xᵢ⁴ − 16xᵢ² + 5xᵢ)", domain: -5...5, minimizerCoordinate: -2.903_534,
        minimum: -39.166_166, minimumScalesWithDimension: true,
        expression: { x in
            let x2 = x.squared()
            return (x2.squared() - x2 * 16 + x * 5).sum(axis: -1) * 0.5
        }, kernel: TestFunctionKernels.styblinskiTang)
}
