import AprendizTensor

/// Every function minimizer by its command-line name (`aprendiz minimize --optimizer`): the family's
/// one source of truth (a `Catalogue`).
///
/// | name | method | default η |
/// |---|---|---|
/// | `gd` | ``GradientDescent``, eq. 6.1, the book's listing | 0.001 |
/// | `sgd`, `momentum`, `heavy-ball`, `adagrad`, `rmsprop`, `adam`, `adamax`, `nadam`, `adamw`, `radam`, `lion` | the ``OptimizerKind``'s rule run by ``RuleMinimizer`` | the rule's own |
/// | `nag` | ``NesterovMinimizer``, Algorithm 3 (look-ahead gradient), μ = 0.9 | 0.001 |
/// | `newton` | ``NewtonMethod``, eq. 6.21 (no learning rate) | — |
///
/// Adding a minimizer (a metaheuristic, say) is its file plus one case here; the compiler then asks
/// how to build it.
public enum MinimizerKind: String, Catalogue {
    case gd, sgd, momentum, heavyBall = "heavy-ball", nag, adagrad, rmsprop, adam, adamax, nadam, adamw, radam, lion
    case newton

    /// `minimizer`, in messages (`CatalogueError`).
    public static let familyName = "minimizer"

    /// The parameter optimizer whose rule this minimizer applies, if any.
    public var optimizer: OptimizerKind? {
        switch self {
        case .gd, .newton: nil
        case .sgd: .sgd
        case .momentum: .momentum
        case .heavyBall: .heavyBall
        case .nag: .nag
        case .adagrad: .adagrad
        case .rmsprop: .rmsprop
        case .adam: .adam
        case .adamax: .adamax
        case .nadam: .nadam
        case .adamw: .adamw
        case .radam: .radam
        case .lion: .lion
        }
    }

    /// The learning rate used when none is given (nil for Newton's method, which has none).
    public var defaultLearningRate: Float? {
        switch self {
        case .gd: GradientDescent.defaultLearningRate
        case .nag: NesterovMinimizer.defaultLearningRate
        case .newton: nil
        default: optimizer?.defaultLearningRate
        }
    }

    /// The minimizer running at most `epochs` updates with `learningRate` (nil: ``defaultLearningRate``;
    /// ignored by Newton's method).
    public func makeMinimizer(learningRate: Float? = nil, epochs: Int, tolerance: Float = 1e-6) -> any FunctionMinimizer {
        let eta = learningRate ?? defaultLearningRate ?? 0
        switch self {
        case .gd: return GradientDescent(learningRate: eta, epochs: epochs, tolerance: tolerance)
        case .nag: return NesterovMinimizer(learningRate: eta, epochs: epochs, tolerance: tolerance)
        case .newton: return NewtonMethod(epochs: epochs, tolerance: tolerance)
        default:
            func make<Rule: UpdateRule>(_ rule: Rule) -> any FunctionMinimizer {
                RuleMinimizer(rule: rule, learningRate: eta, epochs: epochs, tolerance: tolerance)
            }
            return make(optimizer!.rule)
        }
    }
}
