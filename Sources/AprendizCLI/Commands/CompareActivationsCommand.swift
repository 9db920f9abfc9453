import Aprendiz
import ArgumentParser

/// `aprendiz compare activations`: §7.8 (sigmoidal), §8.8 (rectifiers) and chapter 9 (modern).
struct CompareActivationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activations",
        abstract: "Compare activations (§7.8, §8.8): test accuracy, loss curves, time per epoch, first-layer gradient norm.",
        discussion: "The Heaviside step is left out (its gradient is zero). Example: aprendiz compare activations --family rectifier --epochs 3"
    )

    /// `--family`: one of the book's families, or all of them.
    struct FamilySelection: ExpressibleByArgument {
        /// nil: every family.
        let family: Activation.Family?

        init(_ family: Activation.Family?) { self.family = family }

        init?(argument: String) {
            if CatalogueLookup.normalized(argument) == "all" { family = nil; return }
            guard let family = try? Activation.Family.named(argument) else { return nil }
            self.family = family
        }

        static var allValueStrings: [String] { Activation.Family.names + ["all"] }

        var defaultValueDescription: String { family?.name ?? "all" }

        /// The trainable activations of the selection, in catalogue order.
        var activations: [Activation] { (family?.members ?? Array(Activation.allCases)).filter(\.isTrainable) }
    }

    @Option(help: "Which family of activations to compare.")
    var family = FamilySelection(nil)

    @Option(help: "Comma-separated activation names instead of a family (\(Activation.names(where: \.isTrainable).joined(separator: ", "))).",
            completion: .list(Activation.names(where: \.isTrainable)))
    var activations: String?

    @Option(help: "The optimizer of every run: \(OptimizerKind.helpList(default: .adam)).", completion: .list(OptimizerKind.names),
            transform: OptimizerKind.argument)
    var optimizer: OptimizerKind = .adam

    @OptionGroup var options: CompareOptions

    func run() throws {
        var base = try options.settings()
        base.optimizer = optimizer.name
        let names = try activations.map { list in
            try Activation.list(list, option: "--activations").map { try ModelFactory.activation($0.name, option: "--activations").name }
        } ?? family.activations.map(\.name)
        try ComparisonRunner.run(command: "compare activations", candidates: names, options: options, base: base,
                                 probesGradient: true) { $0.activation = $1 }
    }
}
