import Aprendiz
import ArgumentParser

/// How `aprendiz train` fits a classic `--model` (``ClassicModel``): the estimator's own solver or gradient
/// descent, its hyper-parameters, the held-out fraction and the feature scaling.
struct ClassicOptions: ParsableArguments {
    /// `estimator`: AprendizClassic's solver (closed form, coordinate descent, L-BFGS); `gd`: a one-Dense
    /// network trained by the network path (`--optimizer`, `--epochs`, …).
    enum Solver: String, CaseIterable, ExpressibleByArgument { case estimator, gd }

    @Option(name: .customLong("param"), help: ArgumentHelp("A classic model's hyper-parameter, NAME=VALUE (repeatable), e.g. alpha=0.1 — "
                                                           + ClassicModel.allCases.map { "\($0.rawValue): \($0.parameterNames.joined(separator: ", "))" }
                                                               .joined(separator: "; ") + ".",
                                                           valueName: "name=value"))
    var parameters: [String] = []

    @Option(help: "Fraction of the rows held out for the test scores of a classic model (0: fit on all rows, report training scores; default 0.2).")
    var testFraction: Float?

    @Flag(name: .customLong("no-standardize"), help: "Fit a classic model on the features in their own units (coefficients in those units).")
    var noStandardize = false

    @Option(help: "How a classic model is fitted: estimator (its own solver, default) or gd (gradient descent as a network; linear-, logistic-, softmax-regression).")
    var solver: Solver = .estimator

    /// The split and scaling these options ask for.
    var split: DataSplit {
        get throws {
            let fraction = testFraction ?? DataPreparation.testFraction
            guard fraction >= 0, fraction < 1 else { throw CLIError("--test-fraction \(fraction) is not in [0, 1)") }
            return DataSplit(testFraction: fraction, standardize: !noStandardize)
        }
    }

    /// Checks that these options fit `model` when it does not take the classic path (a network, or `--solver gd`).
    func checkNetworkPath(_ model: ModelKind) throws {
        if !parameters.isEmpty || testFraction != nil || noStandardize {
            throw CLIError("--param, --test-fraction and --no-standardize apply to classic models with --solver estimator (--model \(model.rawValue))")
        }
        if solver == .gd, case .classic = model {} else if solver == .gd {
            throw CLIError("--solver gd needs a classic --model (linear-regression, logistic-regression, softmax-regression); --model \(model.rawValue) is a network")
        }
    }
}
