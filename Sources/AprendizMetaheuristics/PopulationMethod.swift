import AprendizOptimizers
import AprendizTensor

/// Every method that runs behind the ``PopulationMinimizer`` contract, by command-line name (a
/// `Catalogue`): the metaheuristics of ``MetaheuristicKind``, then the chapter-6 methods of
/// `MinimizerKind` through ``GradientSearch``. `aprendiz minimize`'s population mode parses its
/// `--optimizer` list here, so both families are listed and matched one way.
///
/// | names | method |
/// |---|---|
/// | `ga`, `de`, `cmaes`, `pso` | ``MetaheuristicKind/makeMinimizer()`` (defaults there) |
/// | `gd`, `sgd`, `momentum`, …, `newton` | ``GradientSearch`` with the method's default η |
public enum PopulationMethod: Catalogue, Hashable {
    case metaheuristic(MetaheuristicKind)
    case gradient(MinimizerKind)

    /// `minimizer`, in messages (`CatalogueError`).
    public static let familyName = "minimizer"

    /// The metaheuristics, then the chapter-6 methods.
    public static var allCases: [PopulationMethod] {
        MetaheuristicKind.allCases.map(PopulationMethod.metaheuristic) + MinimizerKind.allCases.map(PopulationMethod.gradient)
    }

    /// The method with this exact command-line name (`Catalogue.named(_:)` trims and lower-cases first).
    public init?(rawValue: String) {
        guard let method = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = method
    }

    /// The command-line name: the wrapped kind's.
    public var rawValue: String {
        switch self {
        case .metaheuristic(let kind): kind.rawValue
        case .gradient(let kind): kind.rawValue
        }
    }

    /// The method with its default settings.
    public func makeMinimizer() -> any PopulationMinimizer {
        switch self {
        case .metaheuristic(let kind): kind.makeMinimizer()
        case .gradient(let kind): GradientSearch(kind)
        }
    }
}
