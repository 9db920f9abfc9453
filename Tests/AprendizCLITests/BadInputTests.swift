import Aprendiz
import Foundation
import Testing
@testable import AprendizCLI

/// Each mistake a user can make gives one line naming what and where, and writes nothing.
@Suite(.serialized) struct BadInputTests {
    /// Runs `train` with `arguments` in a fresh folder and returns the error message; checks it is one line
    /// and that no report was written.
    func trainError(_ arguments: [String], in folder: URL) throws -> String {
        let report = folder.appendingPathComponent("report-\(UUID().uuidString)")
        let message = errorMessage { try runCommand(TrainCommand.self, arguments + ["--quiet", "--report", report.path]) }
        let text = try #require(message, "no error for \(arguments)")
        #expect(!text.contains("\n"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: report.path), "half-written report for \(arguments)")
        return text
    }

    @Test func eachBadInputNamesTheProblem() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try trainError(["--dataset", "imagenet"], in: folder).contains("unknown data set 'imagenet'"))
        #expect(try trainError(["--dataset", "csv:/no/such/file.csv"], in: folder).contains("'/no/such/file.csv' does not exist"))

        let text = folder.appendingPathComponent("text.csv")
        try "a,b,target\n1,2,0\n3,oops,1\n".write(to: text, atomically: true, encoding: .utf8)
        let textError = try trainError(["--dataset", "csv:\(text.path)"], in: folder)
        #expect(textError.contains("line 3") && textError.contains("'b'") && textError.contains("oops"))

        let column = try trainError(["--dataset", "csv:\(try irisCSVPath()):target=species"], in: folder)
        #expect(column.contains("no column 'species'"))

        let nan = try trainError(["--dataset", "iris", "--optimizer", "sgd", "--lr", "1e30", "--epochs", "1"], in: folder)
        #expect(nan.contains("the loss became") && nan.contains("epoch 1"))

        #expect(try trainError(["--dataset", "iris", "--activation", "banana"], in: folder).contains("unknown activation 'banana'"))
        #expect(try trainError(["--dataset", "iris", "--optimizer", "newton"], in: folder).contains("unknown optimizer 'newton'"))
        #expect(try trainError(["--dataset", "digits", "--model", "lenet5"], in: folder).contains("lenet5 needs images of shape [28, 28, 1]"))
        #expect(try trainError(["--dataset", "iris", "--model", "convnet"], in: folder).contains("needs square images"))
        #expect(try trainError(["--dataset", "iris", "--loss", "mse"], in: folder).contains("--loss mse does not fit"))
    }

    @Test func modelFileOfAnotherArchitectureOrMissing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("iris.safetensors").path
        try runCommand(TrainCommand.self, ["--dataset", "iris", "--epochs", "1", "--save", model, "--quiet",
                                           "--report", folder.appendingPathComponent("r").path])
        let wine = try #require(errorMessage { try runCommand(EvaluateCommand.self, ["--model", model, "--dataset", "wine"]) })
        #expect(wine.contains(model) && wine.contains("'wine' has 13 features, the model expects 4") && !wine.contains("\n"))
        let missing = try #require(errorMessage { try runCommand(EvaluateCommand.self, ["--model", "/no/model.safetensors", "--dataset", "iris"]) })
        #expect(missing.contains("'/no/model.safetensors' does not exist"))
        let notAModel = try #require(errorMessage { try runCommand(PredictCommand.self, ["--model", try irisCSVPath(), "--input", try irisCSVPath()]) })
        #expect(notAModel.contains("safetensors file") && !notAModel.contains("\n"))
    }
}
