/// The result of ``integral(of:from:to:absoluteTolerance:relativeTolerance:maximumIntervals:)``: the value
/// with the error estimate that the Gauss–Kronrod pairs give, like `scipy.integrate.quad`'s `(y, abserr)`.
public struct DefiniteIntegral: Sendable, Hashable, CustomStringConvertible {
    /// The estimate of ∫ₐᵇ f(x) dx.
    public let value: Double
    /// An estimate of |value − exact| (QUADPACK's heuristic; conservative for smooth integrands).
    public let estimatedError: Double
    /// How many times the integrand was evaluated.
    public let evaluations: Int
    /// Whether the requested tolerance was met before `maximumIntervals` was reached.
    public let converged: Bool

    /// "value ± estimatedError", marked when the tolerance was not reached.
    public var description: String { "\(value) ± \(estimatedError)\(converged ? "" : " (tolerance not reached)")" }
}
