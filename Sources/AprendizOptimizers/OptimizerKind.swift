import AprendizAutodiff
import AprendizTensor

/// Every parameter optimizer of chapter 6 by its command-line name: the family's one source of truth
/// (a `Catalogue`) for `aprendiz train --optimizer`, `compare optimizers`, the docs and the tests.
///
/// | name | optimizer | default η |
/// |---|---|---|
/// | `sgd` | ``SGD`` (eq. 6.1) | 0.01 |
/// | `momentum` | ``Momentum``, Rumelhart's form (§6.3.2) | 0.001 |
/// | `heavy-ball` | ``HeavyBall``, Polyak's form (eq. 6.14) | 0.001 |
/// | `nag` | ``NAG`` (§6.3.4) | 0.001 |
/// | `adagrad`, `rmsprop`, `adam`, `adamax`, `nadam`, `adamw`, `radam`, `lion` | §6.4 | 0.01, 0.001, 0.001, 0.002, 0.002, 0.001, 0.001, 1e-4 |
///
/// Each default is the rule's own ``UpdateRule/defaultLearningRate``. Adding an optimizer is its file
/// (rule + typealias) plus one case here; the compiler then asks for its rule.
public enum OptimizerKind: String, Catalogue {
    case sgd, momentum, heavyBall = "heavy-ball", nag, adagrad, rmsprop, adam, adamax, nadam, adamw, radam, lion

    /// `optimizer`, in messages (`CatalogueError`).
    public static let familyName = "optimizer"

    /// The update rule with its default hyper-parameters (what ``makeOptimizer(parameters:learningRate:)``
    /// and ``MinimizerKind`` apply).
    public var rule: any UpdateRule {
        switch self {
        case .sgd: SGDRule()
        case .momentum: MomentumRule()
        case .heavyBall: HeavyBallRule()
        case .nag: NAGRule()
        case .adagrad: AdaGradRule()
        case .rmsprop: RMSPropRule()
        case .adam: AdamRule()
        case .adamax: AdaMaxRule()
        case .nadam: NadamRule()
        case .adamw: AdamWRule()
        case .radam: RAdamRule()
        case .lion: LionRule()
        }
    }

    /// The learning rate used when none is given: the rule's ``UpdateRule/defaultLearningRate``.
    public var defaultLearningRate: Float { type(of: rule).defaultLearningRate }

    /// The optimizer over `parameters` with its default hyper-parameters and `learningRate`
    /// (nil: ``defaultLearningRate``). A learning rate that is not positive and finite stops with a
    /// message (check user input first).
    public func makeOptimizer(parameters: [Variable], learningRate: Float? = nil) -> any Optimizer {
        func make<Rule: UpdateRule>(_ rule: Rule) -> any Optimizer {
            ParameterOptimizer(parameters: parameters, learningRate: learningRate ?? Rule.defaultLearningRate, rule: rule)
        }
        return make(rule)
    }
}
