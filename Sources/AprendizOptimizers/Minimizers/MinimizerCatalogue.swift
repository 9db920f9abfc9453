import AprendizTensor

/// Every minimizer by its command-line name, with SPEC.md's defaults (used by `aprendiz minimize`).
///
/// | name | method | default η |
/// |---|---|---|
/// | `gd`, `sgd` | plain step, eq. 6.1 | 0.01 |
/// | `momentum` | Rumelhart's form, α = 0.9 | 0.001 |
/// | `heavy-ball` | Polyak's form, β = 0.9 | 0.001 |
/// | `nag` | Algorithm 3 (look-ahead gradient), μ = 0.9 | 0.001 |
/// | `adagrad`, `rmsprop`, `adam`, `adamax`, `nadam`, `adamw`, `radam`, `lion` | the rules' defaults | 0.01, 0.001, 0.001, 0.002, 0.002, 0.001, 0.001, 1e-4 |
/// | `newton` | eq. 6.21 (no learning rate) | — |
public enum MinimizerCatalogue {
    /// The accepted names, in the order of the book.
    public static let names = ["gd", "sgd", "momentum", "heavy-ball", "nag", "adagrad", "rmsprop", "adam", "adamax",
                               "nadam", "adamw", "radam", "lion", "newton"]

    /// The default learning rate of the named method (nil for Newton's method or an unknown name).
    public static func defaultLearningRate(_ name: String) -> Float? {
        switch name {
        case "gd", "sgd", "adagrad": 0.01
        case "momentum", "heavy-ball", "nag", "rmsprop", "adam", "adamw", "radam": 0.001
        case "adamax", "nadam": 0.002
        case "lion": 1e-4
        default: nil
        }
    }

    /// The named minimizer running at most `epochs` updates, or nil for an unknown name.
    public static func minimizer(named name: String, learningRate: Float? = nil, epochs: Int,
                                 tolerance: Float = 1e-6) -> (any FunctionMinimizer)? {
        if name == "newton" { return NewtonMethod(epochs: epochs, tolerance: tolerance) }
        guard let eta = learningRate ?? defaultLearningRate(name) else { return nil }
        func rule<R: UpdateRule>(_ r: R) -> any FunctionMinimizer {
            RuleMinimizer(rule: r, learningRate: eta, epochs: epochs, tolerance: tolerance)
        }
        switch name {
        case "gd", "sgd": return GradientDescent(learningRate: eta, epochs: epochs, tolerance: tolerance)
        case "momentum": return rule(MomentumRule())
        case "heavy-ball": return rule(HeavyBallRule())
        case "nag": return NesterovMinimizer(learningRate: eta, epochs: epochs, tolerance: tolerance)
        case "adagrad": return rule(AdaGradRule())
        case "rmsprop": return rule(RMSPropRule())
        case "adam": return rule(AdamRule())
        case "adamax": return rule(AdaMaxRule())
        case "nadam": return rule(NadamRule())
        case "adamw": return rule(AdamWRule())
        case "radam": return rule(RAdamRule())
        case "lion": return rule(LionRule())
        default: return nil
        }
    }
}
