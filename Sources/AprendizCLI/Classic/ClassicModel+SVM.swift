import Aprendiz

/// The support vector machines' `--param`s (Docs/SVM.md): `kernel` (linear, poly, rbf, sigmoid), `gamma`
/// (scale, auto or a number), `degree`, `coef0`, `tol`, `cache-size` (MB), and C, ν, ε, class weights, loss,
/// `probability` and `seed`.
extension ClassicModel {
    /// The kernel `--param` names SVC and SVR share.
    static let kernelParameterNames = ["kernel", "gamma", "degree", "coef0", "tol", "cache-size"]

    /// Kernel, γ, degree, coef0, tolerance and cache size from the parameters (scikit-learn's defaults).
    static func supportVectorParameters(_ p: ClassicParameters) throws -> SupportVectorParameters {
        // A precomputed Gram matrix is not a data set the command line loads.
        let kernel = try KernelKind.named(p.choice("kernel", in: ["linear", "poly", "rbf", "sigmoid"], default: "rbf"))
        let gamma = try KernelGamma(parsing: p.values["gamma"] ?? "scale")
        return SupportVectorParameters(kernel: kernel, gamma: gamma, degree: try p.int("degree", default: 3),
                                       coef0: try p.double("coef0", default: 0), tolerance: try p.double("tol", default: 1e-3),
                                       cacheSize: try p.double("cache-size", default: 200))
    }

    /// `SVC` with `c`, the kernel parameters, `class-weight` (`none` or `balanced`), `probability` and `seed`.
    static func svc(_ p: ClassicParameters) throws -> SVC {
        let weight = try p.choice("class-weight", in: ["none", "balanced"], default: "none")
        return try SVC(c: p.double("c", default: 1), parameters: supportVectorParameters(p), classWeight: weight == "balanced" ? .balanced : .none,
                       probability: p.bool("probability", default: false), seed: seed(p))
    }

    /// `NuSVC` with `nu`, the kernel parameters, `probability` and `seed`.
    static func nuSVC(_ p: ClassicParameters) throws -> NuSVC {
        try NuSVC(nu: p.double("nu", default: 0.5), parameters: supportVectorParameters(p), probability: p.bool("probability", default: false),
                  seed: seed(p))
    }

    /// `LinearSVR` with `c`, `epsilon`, `loss` (epsilon-insensitive, squared-epsilon-insensitive), `tol`, `max-iter`, `fit-intercept`.
    static func linearSVR(_ p: ClassicParameters) throws -> LinearSVR {
        let loss = LinearSVR.Loss(rawValue: try p.choice("loss", in: ["epsilon-insensitive", "squared-epsilon-insensitive"],
                                                         default: "epsilon-insensitive"))!
        return try LinearSVR(c: p.double("c", default: 1), epsilon: p.double("epsilon", default: 0), loss: loss,
                             fitIntercept: p.bool("fit-intercept", default: true), tolerance: p.double("tol", default: 1e-4),
                             maximumIterations: p.int("max-iter", default: 1000))
    }

    /// `SVR` with `c`, `epsilon` and the kernel parameters.
    static func svr(_ p: ClassicParameters) throws -> SVR {
        try SVR(c: p.double("c", default: 1), epsilon: p.double("epsilon", default: 0.1), parameters: supportVectorParameters(p))
    }

    /// `LinearSVC` with `c`, `loss` (hinge, squared-hinge), `tol`, `max-iter`, `fit-intercept`.
    static func linearSVC(_ p: ClassicParameters) throws -> LinearSVC {
        let loss = LinearSVC.Loss(rawValue: try p.choice("loss", in: ["squared-hinge", "hinge"], default: "squared-hinge"))!
        return try LinearSVC(c: p.double("c", default: 1), loss: loss, fitIntercept: p.bool("fit-intercept", default: true),
                             tolerance: p.double("tol", default: 1e-4), maximumIterations: p.int("max-iter", default: 1000))
    }

    /// `seed` (the probability folds' seed), a non-negative whole number (default 0).
    static func seed(_ p: ClassicParameters) throws -> UInt64 {
        let value = try p.int("seed", default: 0)
        guard value >= 0 else { throw CLIError("--param seed=\(value): expected a non-negative whole number") }
        return UInt64(value)
    }
}
