import AprendizAutodiff
import AprendizTensor
import Foundation

// The catalogue of test functions: the book's two surfaces of figure 6.2 and the classic
// benchmarks of optimization (Surjanovic & Bingham, Virtual Library of Simulation Experiments).

extension TestFunction {
    /// Every test function, by command-line name: the surfaces below, then the n-dimensional
    /// benchmarks of ``ScalableTestFunction/all`` not already here, in two dimensions.
    public static let all: [TestFunction] = surfaces + ScalableTestFunction.all
        .filter { scalable in !surfaces.contains { $0.name == scalable.name } }
        .map(\.twoDimensional)

    private static let surfaces: [TestFunction] = [bowl, waves, rosenbrock, beale, himmelblau, booth, rastrigin, ackley]

    /// The test function with this command-line name (trimmed, case-insensitive).
    /// - Throws: `CatalogueError` listing the valid names.
    public static func named(_ name: String) throws(CatalogueError) -> TestFunction {
        try CatalogueLookup.member(name, in: all, family: "function", name: \.name)
    }

    /// The convex quadratic bowl of figure 6.2 (left): f = x² + y², minimum 0 at (0, 0).
    public static let bowl = quadratic(name: "bowl", [[2, 0], [0, 2]], xRange: -2...2, yRange: -2...2,
                                       start: Tensor([-1.5, 1.7]))

    /// A convex quadratic f = ½ [x y] A [x y]ᵀ with symmetric positive-definite A (its Hessian),
    /// minimum 0 at (0, 0). An ill-conditioned A (eigenvalues far apart) makes the narrow valley in
    /// which gradient descent zig-zags and heavy-ball momentum helps (§6.3.1).
    public static func quadratic(name: String = "quadratic", _ a: [[Float]], xRange: ClosedRange<Float> = -2...2,
                                 yRange: ClosedRange<Float> = -2...2, start: Tensor = Tensor([-1.5, 1.7])) -> TestFunction {
        require(a.count == 2 && a.allSatisfy { $0.count == 2 } && a[0][1] == a[1][0],
                     "TestFunction.quadratic: A must be a symmetric 2×2 matrix, got \(a)")
        let (a11, a12, a22) = (a[0][0], a[0][1], a[1][1])
        return TestFunction(name: name, formula: "½(\(a11)x² + \(2 * a12)xy + \(a22)y²)", minima: [Tensor([0, 0])],
                            minimumValue: 0, xRange: xRange, yRange: yRange, start: start) { x, y in
            (x.squared() * a11 + x * y * (2 * a12) + y.squared() * a22) * 0.5
        }
    }

    /// The book's non-convex surface (figure 6.2, right): waves on a shallow bowl.
    /// f = (x² + y²)/20 − cos x − cos y + 2; global minimum 0 at (0, 0), local minima near
    /// (±6, 0), (0, ±6), (±6, ±6) where gradient descent gets stuck. (The book shows the surface
    /// without its formula; this one has its look and a known minimum.)
    public static let waves = TestFunction(
        name: "waves", formula: "(x² + y²)/20 − cos x − cos y + 2", minima: [Tensor([0, 0])], minimumValue: 0,
        xRange: -10...10, yRange: -10...10, start: Tensor([-4, 4.5])
    ) { x, y in (x.squared() + y.squared()) / 20 - x.cos() - y.cos() + 2 }

    /// Rosenbrock's banana valley: f = (1 − x)² + 100(y − x²)², minimum 0 at (1, 1); start (−1.2, 1).
    public static let rosenbrock = TestFunction(
        name: "rosenbrock", formula: "(1 − x)² + 100(y − x²)²", minima: [Tensor([1, 1])], minimumValue: 0,
        xRange: -2...2, yRange: -1...3, start: Tensor([-1.2, 1]), prefersLogarithmicLevels: true
    ) { x, y in (1 - x).squared() + (y - x.squared()).squared() * 100 }

    /// Beale: f = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum 0 at (3, 0.5).
    public static let beale = TestFunction(
        name: "beale", formula: "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²", minima: [Tensor([3, 0.5])],
        minimumValue: 0, xRange: -4.5...4.5, yRange: -4.5...4.5, start: Tensor([1, 1.5]), prefersLogarithmicLevels: true
    ) { x, y in
        (1.5 - x + x * y).squared() + (2.25 - x + x * y.squared()).squared() + (2.625 - x + x * y.pow(3)).squared()
    }

    /// Himmelblau: f = (x² + y − 11)² + (x + y² − 7)², four minima of value 0.
    public static let himmelblau = TestFunction(
        name: "himmelblau", formula: "(x² + y − 11)² + (x + y² − 7)²",
        minima: [Tensor([3, 2]), Tensor([-2.805118, 3.131312]), Tensor([-3.779310, -3.283186]), Tensor([3.584428, -1.848126])],
        minimumValue: 0, xRange: -5...5, yRange: -5...5, start: Tensor([0, 0]), prefersLogarithmicLevels: true
    ) { x, y in (x.squared() + y - 11).squared() + (x + y.squared() - 7).squared() }

    /// Booth: f = (x + 2y − 7)² + (2x + y − 5)², a convex quadratic with minimum 0 at (1, 3).
    public static let booth = TestFunction(
        name: "booth", formula: "(x + 2y − 7)² + (2x + y − 5)²", minima: [Tensor([1, 3])], minimumValue: 0,
        xRange: -10...10, yRange: -10...10, start: Tensor([-8, 8])
    ) { x, y in (x + y * 2 - 7).squared() + (x * 2 + y - 5).squared() }

    /// Rastrigin: f = 20 + Σ (xᵢ² − 10 cos 2πxᵢ), a regular grid of local minima, global 0 at (0, 0).
    public static let rastrigin = TestFunction(
        name: "rastrigin", formula: "20 + x² − 10cos 2πx + y² − 10cos 2πy", minima: [Tensor([0, 0])], minimumValue: 0,
        xRange: -5.12...5.12, yRange: -5.12...5.12, start: Tensor([3.2, -2.3])
    ) { x, y in
        let twoPi = 2 * Float.pi
        return x.squared() - (x * twoPi).cos() * 10 + y.squared() - (y * twoPi).cos() * 10 + 20
    }

    /// Ackley: f = −20 exp(−0.2 √(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20, minimum 0 at
    /// (0, 0) (where the gradient is undefined: the cone's tip).
    public static let ackley = TestFunction(
        name: "ackley", formula: "−20exp(−0.2√(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20",
        minima: [Tensor([0, 0])], minimumValue: 0, xRange: -5...5, yRange: -5...5, start: Tensor([2.7, -2.2])
    ) { x, y in
        let twoPi = 2 * Float.pi
        let radius = ((x.squared() + y.squared()) * 0.5).sqrt()
        let waves = ((x * twoPi).cos() + (y * twoPi).cos()) * 0.5
        return (radius * -0.2).exp() * -20 - waves.exp() + (Float(M_E) + 20)
    }
}
