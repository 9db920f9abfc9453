import AprendizAutodiff
import AprendizTensor

/// A function of two variables with known minima, for watching optimizers move (§6.1, figures 6.1–6.4).
///
/// The formula is written once with `Variable` operations on the coordinates x and y, element-wise,
/// so the same code gives f at a point, its gradient and Hessian by autodiff, and f over a whole grid
/// for contour plots. See ``TestFunction/all`` for the catalogue.
public struct TestFunction: Sendable {
    /// The command-line name (kebab-case), e.g. `rosenbrock`.
    public let name: String
    /// The formula, for legends and help text.
    public let formula: String
    /// The global minima (one or more points of shape [2]).
    public let minima: [Tensor]
    /// f at the global minima.
    public let minimumValue: Float
    /// The plotting window.
    public let xRange: ClosedRange<Float>
    /// The y window plotted (and searched) by default.
    public let yRange: ClosedRange<Float>
    /// A customary starting point (Rosenbrock's (−1.2, 1), …).
    public let start: Tensor
    /// Whether contour levels should be spaced logarithmically (valleys many orders of magnitude deep).
    public let prefersLogarithmicLevels: Bool
    private let surface: @Sendable (Variable, Variable) -> Variable

    /// A test function from its formula, known minima and plotting window (`value` computes f with Variable operations).
    public init(name: String, formula: String, minima: [Tensor], minimumValue: Float, xRange: ClosedRange<Float>,
                yRange: ClosedRange<Float>, start: Tensor, prefersLogarithmicLevels: Bool = false,
                surface: @escaping @Sendable (_ x: Variable, _ y: Variable) -> Variable) {
        self.name = name
        self.formula = formula
        self.minima = minima
        self.minimumValue = minimumValue
        self.xRange = xRange
        self.yRange = yRange
        self.start = start
        self.prefersLogarithmicLevels = prefersLogarithmicLevels
        self.surface = surface
    }

    /// f(point) for a variable of shape [2], as a scalar variable (differentiable).
    public func callAsFunction(_ point: Variable) -> Variable {
        require(point.shape == [2], "\(name): expected a point of shape [2], got \(point.shape)")
        let xy = point.split(sizes: [1, 1])
        return surface(xy[0], xy[1]).sum()
    }

    /// f at a point of shape [2].
    public func value(at point: Tensor) -> Float { withoutGradient { self(Variable(point)).value.scalar } }

    /// ∇f at a point of shape [2] (reverse-mode autodiff).
    public func gradient(at point: Tensor) -> Tensor { valueWithGradient(of: self.callAsFunction, at: point).gradient }

    /// The Hessian at a point of shape [2] (double backward, eq. 6.19).
    public func hessian(at point: Tensor) -> Tensor { AprendizAutodiff.hessian(of: self.callAsFunction, at: point) }

    /// f element-wise over coordinate tensors of equal shape (a grid, for contours).
    public func values(x: Tensor, y: Tensor) -> Tensor {
        require(x.shape == y.shape, "\(name).values: x shape \(x.shape) differs from y shape \(y.shape)")
        return withoutGradient { surface(Variable(x), Variable(y)).value }
    }
}
