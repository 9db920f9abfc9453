import Aprendiz

/// What `aprendiz train --optimizer` names: a gradient optimizer of `OptimizerKind` (chapter 6,
/// the `Trainer`), or a metaheuristic of `MetaheuristicKind` that searches the weights without
/// gradients (chapter 11, `NeuroevolutionTrainer`; `--epochs` counts generations). One catalogue,
/// so help, completion and errors list both families (new members of either appear here unchanged).
///
/// | names | training |
/// |---|---|
/// | `sgd`, `momentum`, …, `adam` (default), … | gradient steps, ``TrainingRun`` |
/// | `ga`, `de`, `cmaes`, `pso` | population search, `TrainCommand.trainWithoutGradient(_:)` |
enum TrainingOptimizer: Catalogue, Hashable {
    case gradient(OptimizerKind)
    case metaheuristic(MetaheuristicKind)

    static let familyName = "optimizer"

    /// The gradient optimizers, then the metaheuristics.
    static var allCases: [TrainingOptimizer] {
        OptimizerKind.allCases.map(TrainingOptimizer.gradient) + MetaheuristicKind.allCases.map(TrainingOptimizer.metaheuristic)
    }

    init?(rawValue: String) {
        guard let optimizer = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = optimizer
    }

    var rawValue: String {
        switch self {
        case .gradient(let kind): kind.rawValue
        case .metaheuristic(let kind): kind.rawValue
        }
    }
}
