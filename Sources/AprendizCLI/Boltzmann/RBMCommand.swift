import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz rbm`: trains a restricted Boltzmann machine (§20) and draws its filters and samples.
struct RBMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rbm",
        abstract: "Train a restricted Boltzmann machine (CD-k or persistent CD, §20); draw its filters and Gibbs samples.",
        discussion: """
        Trains a Bernoulli–Bernoulli RBM on the training rows (scaled to [0, 1], binarised at ½) and prints the mean
        pseudo-likelihood of the training rows after each epoch (scikit-learn's BernoulliRBM estimate: one flipped
        unit per row) and the test rows' reconstruction error. The defaults are scikit-learn's (PCD-1, η = 0.1,
        minibatches of 10, 10 epochs). --filters draws each hidden unit's weights as an image, --samples the
        p(v | h) of Gibbs chains started from random images. With --model the machine is read instead of trained.
        Example: aprendiz rbm --dataset fashion-mnist --hidden 64 --limit 10000 --filters filters.svg --samples samples.svg --save rbm.safetensors
        """
    )

    @Option(help: "digits, mnist or fashion-mnist (or another bundled table with non-negative values).")
    var dataset: String?

    @Option(help: "Read the machine from this file (written by --save) instead of training one.")
    var model: String?

    @Option(help: "Hidden units.")
    var hidden: Int = 64

    @Option(help: "Passes over the training rows.")
    var epochs: Int = 10

    @Option(help: "η, the learning rate.")
    var learningRate: Float = 0.1

    @Option(help: "Rows per minibatch (and persistent chains).")
    var batchSize: Int = 10

    @Option(help: "pcd (persistent contrastive divergence, Tieleman 2008) or cd (Hinton 2002).")
    var estimator: Estimator = .pcd

    @Option(help: "Gibbs steps per update (the k of CD-k / PCD-k).")
    var gibbsSteps: Int = 1

    @Option(help: "Use only the first N training rows.")
    var limit: Int?

    @Flag(help: "Keep the grey levels in [0, 1] instead of binarising at ½.")
    var noBinarize = false

    @Option(help: "Seed of the initial weights, the sampling and the bundled tables' split.")
    var seed: UInt64 = 0

    @Option(help: "Write the trained machine to this .safetensors file.")
    var save: String?

    @Option(help: "Write the filters (each hidden unit's weights as an image) to this SVG file.")
    var filters: String?

    @Option(help: "Write samples of the model (Gibbs chains) to this SVG file.")
    var samples: String?

    @Option(help: "Gibbs chains drawn for --samples.")
    var chains: Int = 32

    @Option(help: "Gibbs steps of each chain for --samples.")
    var sampleSteps: Int = 1000

    enum Estimator: String, ExpressibleByArgument, CaseIterable { case pcd, cd }

    func validate() throws {
        guard (dataset == nil) != (model == nil) else { throw CLIError("give either --dataset (to train) or --model (to read a trained machine)") }
        for (name, value) in [("--hidden", hidden), ("--epochs", epochs), ("--batch-size", batchSize), ("--gibbs-steps", gibbsSteps),
                              ("--chains", chains), ("--sample-steps", sampleSteps), ("--limit", limit ?? 1)] where value < 1 {
            throw CLIError("\(name) must be at least 1, got \(value)")
        }
        guard learningRate > 0, learningRate.isFinite else { throw CLIError("--learning-rate must be positive, got \(learningRate)") }
    }

    var options: RBM.TrainingOptions {
        RBM.TrainingOptions(learningRate: learningRate, batchSize: batchSize, epochs: epochs,
                            estimator: estimator == .pcd ? .persistent(steps: gibbsSteps) : .contrastiveDivergence(steps: gibbsSteps))
    }

    func run() throws {
        var generator = RandomGenerator(seed: seed)
        let rbm: RBM
        if let model {
            rbm = try RBMFile.load(model)
            print("Read \(model): \(rbm.visibleCount) visible, \(rbm.hiddenCount) hidden units")
        } else {
            rbm = try train(using: &generator)
        }
        let side = Int(Double(rbm.visibleCount).squareRoot().rounded())
        guard filters == nil && samples == nil || side * side == rbm.visibleCount else {
            throw CLIError("--filters/--samples need square images; the machine has \(rbm.visibleCount) visible units")
        }
        if let filters {
            let images = rbm.weights.transposed()
            try CommandOutput.write(ImageGrid(images: images, side: side, columns: min(16, rbm.hiddenCount),
                                              title: "RBM filters: W[:, j] of the \(rbm.hiddenCount) hidden units (white low, black high)").svg(),
                                    to: filters)
        }
        if let samples {
            let drawn = rbm.sample(chains: chains, steps: sampleSteps, using: &generator)
            try CommandOutput.write(ImageGrid(images: drawn, side: side, columns: min(16, chains),
                                              title: "p(v | h) after \(sampleSteps) Gibbs steps from random images, \(chains) chains",
                                              range: 0...1).svg(),
                                    to: samples)
        }
    }

    private func train(using generator: inout RandomGenerator) throws -> RBM {
        let data = try BoltzmannData.load(dataset!, limit: limit, binarize: !noBinarize, seed: seed)
        print("RBM \(data.train.shape[1]) visible × \(hidden) hidden on \(data.train.shape[0]) rows of \(dataset!), " +
              "\(estimator.rawValue.uppercased())-\(gibbsSteps), η \(learningRate), batch \(batchSize), seed \(seed)")
        var rbm = RBM(visible: data.train.shape[1], hidden: hidden, using: &generator)
        let start = Date()
        let curve = rbm.fit(data.train, options: options, using: &generator)
        print("epoch  pseudo-likelihood")
        for (epoch, value) in curve.enumerated() { print(String(format: "%5d  %.3f", epoch + 1, value)) }
        print(String(format: "reconstruction error (test rows): %.5f   training time %.1f s",
                     rbm.reconstructionError(data.test), Date().timeIntervalSince(start)))
        if let save { try RBMFile.save(rbm, to: save, metadata: ["aprendiz.dataset": dataset!]) }
        return rbm
    }
}
