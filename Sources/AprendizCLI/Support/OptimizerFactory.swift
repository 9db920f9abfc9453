import Aprendiz

/// Optimizers of chapter 6 by their command-line names (the names and default learning rates of
/// ``MinimizerCatalogue``, without Newton's method, which needs the Hessian).
enum OptimizerFactory {
    /// The accepted names, in the order of the book.
    static let names = MinimizerCatalogue.names.filter { $0 != "newton" && $0 != "gd" }

    /// The named optimizer over `parameters` with `learningRate` (default: the method's own).
    /// - Throws: ``CLIError`` for an unknown name or a learning rate that is not positive and finite.
    static func make(_ name: String, parameters: [Variable], learningRate: Float?) throws -> any Optimizer {
        guard names.contains(name), let eta = learningRate ?? MinimizerCatalogue.defaultLearningRate(name) else {
            throw CLIError("unknown optimizer '\(name)'; choose one of \(names.joined(separator: ", "))")
        }
        guard eta > 0, eta.isFinite else { throw CLIError("--lr must be a positive number, got \(eta)") }
        switch name {
        case "momentum": return Momentum(parameters: parameters, learningRate: eta)
        case "heavy-ball": return HeavyBall(parameters: parameters, learningRate: eta)
        case "nag": return NAG(parameters: parameters, learningRate: eta)
        case "adagrad": return AdaGrad(parameters: parameters, learningRate: eta)
        case "rmsprop": return RMSProp(parameters: parameters, learningRate: eta)
        case "adam": return Adam(parameters: parameters, learningRate: eta)
        case "adamax": return AdaMax(parameters: parameters, learningRate: eta)
        case "nadam": return Nadam(parameters: parameters, learningRate: eta)
        case "adamw": return AdamW(parameters: parameters, learningRate: eta)
        case "radam": return RAdam(parameters: parameters, learningRate: eta)
        case "lion": return Lion(parameters: parameters, learningRate: eta)
        default: return SGD(parameters: parameters, learningRate: eta)
        }
    }

    /// Parses `--optimizers a,b,c`.
    static func list(_ text: String) throws -> [String] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty else { throw CLIError("--optimizers is empty; give names like sgd,momentum,adam") }
        for name in names where !self.names.contains(name) {
            throw CLIError("unknown optimizer '\(name)'; choose one of \(self.names.joined(separator: ", "))")
        }
        return names
    }
}
