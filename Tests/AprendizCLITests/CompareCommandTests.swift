import Aprendiz
import Foundation
import Testing
@testable import AprendizCLI

/// `aprendiz compare` end to end on a digits subset.
@Suite(.serialized) struct CompareCommandTests {
    @Test func twoOptimizersOneEpochOnDigits() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("compare")
        try runCommand(CompareOptimizersCommand.self, ["--dataset", "digits", "--optimizers", "sgd,adam", "--epochs", "1",
                                                       "--limit", "400", "--hidden", "32", "--quiet", "--report", report.path])
        let summary = try JSONDecoder().decode(ComparisonSummary.self, from: Data(contentsOf: report.appendingPathComponent("metrics.json")))
        #expect(summary.candidates.map(\.name) == ["sgd", "adam"])
        for candidate in summary.candidates {
            let run = try #require(candidate.runs.first)
            #expect(run.epochs.count == 1 && run.seed == 0)
            #expect((0...1).contains(run.finalTestAccuracy))
            // One epoch: the best per-epoch test accuracy is the final one.
            #expect(run.bestTestAccuracy == run.finalTestAccuracy)
        }
        let table = try String(contentsOf: report.appendingPathComponent("results.md"), encoding: .utf8)
        #expect(table.contains("| sgd |") && table.contains("| adam |"))
        let html = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains(MeanStd([summary.candidates[1].runs[0].finalTestAccuracy]).formatted()))
        for name in ["accuracy", "loss"] {
            #expect(isWellFormedXML(try String(contentsOf: report.appendingPathComponent("\(name).svg"), encoding: .utf8)))
        }
    }

    /// A metaheuristic compared beside a gradient optimizer: its generations are the epochs of the table, and on iris
    /// it learns well above chance (1/3) in 40 generations.
    @Test func metaheuristicsCompareBesideGradientOptimizers() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("compare")
        try runCommand(CompareOptimizersCommand.self, ["--dataset", "iris", "--optimizers", "adam,pso", "--epochs", "40",
                                                       "--hidden", "8", "--quiet", "--report", report.path])
        let summary = try JSONDecoder().decode(ComparisonSummary.self, from: Data(contentsOf: report.appendingPathComponent("metrics.json")))
        #expect(summary.candidates.map(\.name) == ["adam", "pso"])
        let pso = try #require(summary.candidates.last?.runs.first)
        #expect(pso.epochs.count == 40 && pso.epochs.last?.epoch == 40, "\(pso.epochs.map(\.epoch))")
        #expect(pso.finalTestAccuracy > 0.6, "pso: \(pso.finalTestAccuracy)")
        #expect(pso.secondsPerEpoch > 0)
        #expect(summary.markdownTable().contains("pso"))
        #expect(errorMessage { try runCommand(CompareOptimizersCommand.self, ["--optimizers", "adam,annealing", "--quiet"]) }?
            .contains("annealing") == true)
    }

    @Test func activationsReportFirstLayerGradientNorms() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("compare")
        try runCommand(CompareActivationsCommand.self, ["--activations", "sigmoid,relu", "--epochs", "2", "--repeats", "2",
                                                        "--limit", "300", "--hidden", "16,16", "--quiet", "--report", report.path])
        let summary = try JSONDecoder().decode(ComparisonSummary.self, from: Data(contentsOf: report.appendingPathComponent("metrics.json")))
        for candidate in summary.candidates {
            #expect(candidate.runs.map(\.seed) == [0, 1])
            #expect(candidate.runs.allSatisfy { ($0.firstLayerGradientNorms ?? []).count == 2 && $0.firstLayerGradientNorms!.allSatisfy { $0 > 0 } })
        }
        #expect(summary.markdownTable().contains("‖∇W₁‖"))
    }

    /// mean ± sample standard deviation of 1, 2, 3, 4: 2.5 ± √(5/3) = 1.2910.
    @Test func meanAndSampleStandardDeviation() {
        let stat = MeanStd([1, 2, 3, 4])
        #expect(stat.formatted() == "2.5000 ± 1.2910")
        #expect(MeanStd([0.7]).std == 0)
    }
}
