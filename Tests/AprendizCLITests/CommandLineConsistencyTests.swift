import Aprendiz
import ArgumentParser
import Foundation
import Testing
@testable import AprendizCLI

/// One way to spell things on every command: negative numbers as values, `--output` (alias `--out`),
/// `--learning-rate` (alias `--lr`), lists, catalogue names, help texts and errors.
@Suite struct CommandLineConsistencyTests {
    /// Runs `minimize` writing to a temporary file through `outputOption`, and returns the file.
    static func minimize(_ arguments: [String], outputOption: String = "--output") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try runCommand(MinimizeCommand.self, arguments + [outputOption, path])
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// `--start -1.5,2` (space, not `=`) is a value. Booth at (−1.5, 2): (−1.5 + 4 − 7)² + (−3 + 2 − 5)²
    /// = 20.25 + 36 = 56.25 (by hand); Newton's step lands on the minimum (1, 3).
    @Test func negativeNumbersAreOptionValues() throws {
        let lines = try Self.minimize(["--function", "booth", "--optimizer", "newton", "--start", "-1.5,2", "--steps", "1"])
            .split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1] == "0,-1.5,2.0,56.25")
        // float32 solve of the 2×2 Hessian system: (1, 3) to within a few ulps
        let step = lines[2].split(separator: ",").compactMap { Double($0) }
        #expect(step.count >= 3 && step[0] == 1 && abs(step[1] - 1) < 1e-5 && abs(step[2] - 3) < 1e-5)
        // Leaky ReLU with α = −0.5 at x = −2: f = αx = 1, f′ = α = −0.5 (eq. 8.5–8.6 by hand).
        let command = try PlotActivationCommand.parse(["leaky-relu", "--alpha", "-0.5", "--from", "-2", "--to", "-1", "--points", "2"])
        #expect(command.alpha == -0.5 && command.from == -2 && command.to == -1)
        #expect(try TrainCommand.parse(["--dataset", "iris", "--lr", "-1"]).training.learningRate == -1)
        #expect(try GradientFlowOptions.parse(["--bias", "-1"]).bias == -1)
    }

    @Test func outputAndItsAliasOutWriteTheSameFile() throws {
        let arguments = ["--function", "booth", "--optimizer", "gd", "--steps", "3"]
        let viaOutput = try Self.minimize(arguments, outputOption: "--output")
        #expect(viaOutput == (try Self.minimize(arguments, outputOption: "--out")))
        #expect(viaOutput.hasPrefix("step,x,y,f\n"))
        #expect(try PlotActivationCommand.parse(["relu", "--out", "a.svg"]).output == "a.svg")
        #expect(try PredictCommand.parse(["--model", "m", "--input", "i", "--out", "p.csv"]).output == "p.csv")
        #expect(try ExplainVanishingGradientCommand.parse(["--output", "g.svg"]).output == "g.svg")
    }

    /// `--learning-rate` and `--lr` are one option, on every command that takes a learning rate.
    @Test func learningRateAndItsAliasLrAreOneOption() throws {
        for spelling in ["--learning-rate", "--lr"] {
            #expect(try TrainCommand.parse(["--dataset", "iris", spelling, "0.05"]).training.learningRate == 0.05)
            #expect(try CompareOptimizersCommand.parse([spelling, "0.05"]).options.training.learningRate == 0.05)
            #expect(try CompareActivationsCommand.parse([spelling, "0.05"]).options.training.learningRate == 0.05)
            #expect(try MinimizeCommand.parse([spelling, "0.05"]).learningRate == 0.05)
        }
        let message = errorMessage { try runCommand(TrainCommand.self, ["--dataset", "iris", "--lr", "-1", "--quiet"]) }
        #expect(message == "--learning-rate must be a positive number, got -1.0")
        #expect(errorMessage { try runCommand(MinimizeCommand.self, ["--lr", "0"]) } == "--learning-rate must be a positive number, got 0.0")
    }

    /// `train` and both `compare` commands read the same option group into the same settings.
    @Test func trainAndCompareShareTheirTrainingOptions() throws {
        let shared = ["--model", "convnet", "--hidden", "8, 4", "--lr", "0.2", "--epochs", "2", "--batch-size", "4",
                      "--seed", "3", "--limit", "10", "--quiet"]
        let train = try TrainCommand.parse(["--dataset", "digits", "--validation", "0"] + shared).settings
        let compare = try CompareOptimizersCommand.parse(["--dataset", "digits"] + shared).options.settings()
        let activations = try CompareActivationsCommand.parse(["--dataset", "digits"] + shared).options.settings()
        for settings in [compare, activations] {
            #expect(settings.model == train.model && settings.hidden == [8, 4] && train.hidden == [8, 4])
            #expect(settings.learningRate == train.learningRate && settings.epochs == train.epochs)
            #expect(settings.batchSize == train.batchSize && settings.seed == train.seed && settings.limit == train.limit)
        }
    }

    /// Names and lists: trimmed, case-insensitive, comma-separated, in the order given, everywhere.
    @Test func listsAndNamesAreParsedOneWay() throws {
        let train = try TrainCommand.parse(["--dataset", "iris", "--model", " MLP", "--activation", "Leaky-ReLU ",
                                            "--optimizer", "ADAM", "--hidden", " 16 , 8"]).settings
        #expect(train.model == .mlp && train.activation == "leaky-relu" && train.optimizer == "adam" && train.hidden == [16, 8])
        #expect(try TrainCommand.parse(["--dataset", "iris", "--model", "Fashion-Conv-Net"]).training.model == .ready(.fashionConvNet))
        #expect(try MinimizeCommand.parse(["--optimizer", " GD, Newton "]).minimizers() == [.gd, .newton])
        #expect(try DatasetSpecifier(parsing: " Iris") == .bundled(.iris))
        #expect(try DatasetSpecifier(parsing: "Fashion-MNIST") == .images(.fashionMNIST))
        #expect(try OptimizerKind.list(" SGD , adam", option: "--optimizers") == [.sgd, .adam])
        #expect(try CompareActivationsCommand.parse(["--family", "Rectifier"]).family.activations.first == .relu)
        let unknown = errorMessage { _ = try OptimizerKind.list("sgd,adamm", option: "--optimizers") }
        #expect(unknown == "--optimizers: unknown optimizer 'adamm' (known: \(OptimizerKind.names.joined(separator: ", ")))")
        #expect(errorMessage { _ = try OptimizerKind.list(" , ", option: "--optimizers") }?.contains("no optimizer given") == true)
        #expect(try IntegerList.parse(" 512 , 1024", option: "--sizes", example: "512") == [512, 1024])
        #expect(try BenchGEMMCommand.parse(["--sizes", "8, 16"]).sizes == "8, 16")
        #expect(errorMessage { _ = try IntegerList.parse("8 16", option: "--sizes", example: "512,1024") }
                == "--sizes '8 16': expected positive integers separated by commas, like 512,1024")
    }

    /// A wrong name is one line naming the option, the name and the valid names, on every command.
    @Test func wrongNamesAreOneLineErrorsNamingTheOption() throws {
        let cases: [(String, () throws -> Void)] = [
            ("--model", { try runCommand(TrainCommand.self, ["--dataset", "iris", "--model", "alexnet"]) }),
            ("--optimizer", { try runCommand(TrainCommand.self, ["--dataset", "iris", "--optimizer", "newton"]) }),
            ("--activation", { try runCommand(CompareOptimizersCommand.self, ["--activation", "relu6"]) }),
            ("--optimizers", { try runCommand(CompareOptimizersCommand.self, ["--optimizers", "sgd,lbfgs"]) }),
            ("--activations", { try runCommand(CompareActivationsCommand.self, ["--activations", "relu,heaviside"]) }),
            ("--optimizer", { try runCommand(MinimizeCommand.self, ["--optimizer", "gd,simplex"]) }),
            ("--function", { try runCommand(MinimizeCommand.self, ["--function", "himmelblau2"]) }),
            ("activation", { try runCommand(PlotActivationCommand.self, ["relu7"]) }),
            ("--loss", { try runCommand(TrainCommand.self, ["--dataset", "iris", "--loss", "cross_entropy"]) }),
            ("--dataset", { try runCommand(TrainCommand.self, ["--dataset", "imagenet"]) }),
        ]
        for (option, body) in cases {
            let message = try #require(errorMessage(body), "no error for \(option)")
            #expect(message.contains(option) && !message.contains("\n"), "\(message)")
            #expect(message.contains("unknown") || message.contains("cannot be trained"), "\(message)")
        }
    }

    /// Help texts list every member of the catalogues (a model added to ModelCatalog appears in
    /// `--model`'s help with no change to the command).
    @Test func helpTextsListTheCatalogues() {
        let train = TrainCommand.helpMessage(columns: 1000)
        let trainable = Activation.allCases.filter(\.isTrainable).map(\.name)
        for name in ModelKind.names + OptimizerKind.names + trainable { #expect(train.contains(name), "train --help lacks \(name)") }
        #expect(!train.contains("heaviside"))  // cannot be trained: not offered
        #expect(train.contains("fashion-conv-net") && train.contains("--learning-rate, --lr"))
        #expect(train.contains("(default: mlp)") && train.contains("(default: relu)") && train.contains("(default: adam)"))
        let minimize = MinimizeCommand.helpMessage(columns: 1000)
        for name in MinimizerKind.names + TestFunction.all.map(\.name) { #expect(minimize.contains(name), "minimize --help lacks \(name)") }
        #expect(minimize.contains("--output, --out"))
        let compare = CompareActivationsCommand.helpMessage(columns: 1000)
        for name in Activation.Family.names + ["all"] { #expect(compare.contains(name)) }
        #expect(CompareOptimizersCommand.helpMessage(columns: 1000).contains("--learning-rate, --lr"))
    }

    /// Shell completion scripts are generated for bash, zsh and fish and offer the catalogue names.
    @Test func completionScriptsOfferTheCatalogueNames() {
        for shell in [CompletionShell.bash, .zsh, .fish] {
            let script = AprendizCommand.completionScript(for: shell)
            #expect(script.contains("fashion-conv-net"), "\(shell)")
            #expect(script.contains("heavy-ball"), "\(shell)")
        }
    }

    /// Epoch times under a second print in milliseconds (the demo's epochs took `0.0 s`).
    @Test func shortDurationsPrintInMilliseconds() {
        #expect(ElapsedTime.text(0.0468) == "47 ms")
        #expect(ElapsedTime.text(0.3472) == "347 ms")
        #expect(ElapsedTime.text(0.9996) == "1.0 s")
        #expect(ElapsedTime.text(12.34) == "12.3 s")
    }
}
