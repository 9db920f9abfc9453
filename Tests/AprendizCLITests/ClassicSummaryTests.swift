import Aprendiz
import Foundation
import Testing
@testable import AprendizCLI

/// What `train --model <classic>` reports as "standardized features" is what it did: tables are standardised
/// unless `--no-standardize`, image data sets never (their pixels are x / 255, and the model file stores no
/// statistics). The report once said `true` for Fashion-MNIST because it echoed the option, not the data.
@Suite struct ClassicSummaryTests {
    static func standardized(_ arguments: [String]) throws -> Bool? {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("r")
        try runCommand(TrainCommand.self, arguments + ["--quiet", "--report", report.path])
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: report.appendingPathComponent("metrics.json"))) as? [String: Any]
        return summary?["standardized"] as? Bool
    }

    @Test func tablesAreStandardisedUnlessAsked() throws {
        #expect(try Self.standardized(["--dataset", "iris", "--model", "naive-bayes"]) == true)
        #expect(try Self.standardized(["--dataset", "iris", "--model", "naive-bayes", "--no-standardize"]) == false)
    }

    @Test(.enabled(if: ImageDataset.fashionMNIST.isInstalled, "Fashion-MNIST is not installed"))
    func imagesAreNotStandardised() throws {
        #expect(try Self.standardized(["--dataset", "fashion-mnist", "--limit", "200", "--model", "naive-bayes"]) == false)
    }
}
