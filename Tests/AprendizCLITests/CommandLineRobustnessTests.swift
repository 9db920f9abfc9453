import Foundation
import Testing
@testable import AprendizCLI

/// Every subcommand fed bad values, through the built executable so a trap would show as a signal: each answers
/// with one `Error:` line on standard error naming the argument (or the file), exits with a non-zero status
/// (not a signal), and prints nothing on standard output.
@Suite(.serialized) struct CommandLineRobustnessTests {
    /// One bad command line and a piece of text its error line must contain.
    struct Case: CustomStringConvertible {
        var arguments: [String]
        var mentions: String
        var description: String { arguments.joined(separator: " ") }
    }

    /// The files the cases read: an empty file, a folder, an unreadable file, a CSV with only a header.
    struct Files {
        let folder: URL
        var empty: String { folder.appendingPathComponent("empty.csv").path }
        var directory: String { folder.appendingPathComponent("folder.csv").path }
        var unreadable: String { folder.appendingPathComponent("unreadable.csv").path }
        var headerOnly: String { folder.appendingPathComponent("header.csv").path }
        var fewRows: String { folder.appendingPathComponent("few.csv").path }

        init() throws {
            folder = try temporaryFolder()
            try Data().write(to: URL(fileURLWithPath: empty))
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try "a,b,target\n1,2,0\n".write(toFile: unreadable, atomically: true, encoding: .utf8)
            chmod(unreadable, 0)
            try "a,b,target\n".write(toFile: headerOnly, atomically: true, encoding: .utf8)
            try "a,b,target\n1,2,0\n3,4,1\n".write(toFile: fewRows, atomically: true, encoding: .utf8)
        }
    }

    static func cases(_ files: Files) -> [Case] {
        let iris = ["train", "--dataset", "iris", "--epochs", "1", "--quiet"]
        var all: [Case] = [
            Case(arguments: iris + ["--epochs", "0"], mentions: "--epochs"),
            Case(arguments: iris + ["--batch-size", "-1"], mentions: "--batch-size"),
            Case(arguments: iris + ["--batch-size", "0"], mentions: "--batch-size"),
            Case(arguments: iris + ["--lr", "nan"], mentions: "--learning-rate"),
            Case(arguments: iris + ["--lr", "-1"], mentions: "--learning-rate"),
            Case(arguments: iris + ["--hidden", "0"], mentions: "--hidden"),
            Case(arguments: iris + ["--hidden", "abc"], mentions: "--hidden"),
            Case(arguments: iris + ["--limit", "0"], mentions: "--limit"),
            Case(arguments: iris + ["--activation", "banana"], mentions: "--activation"),
            Case(arguments: iris + ["--optimizer", "banana"], mentions: "--optimizer"),
            Case(arguments: iris + ["--model", "banana"], mentions: "--model"),
            Case(arguments: iris + ["--loss", "banana"], mentions: "--loss"),
            Case(arguments: iris + ["--validation", "1.5"], mentions: "--validation"),
            Case(arguments: ["train", "--dataset", "banana"], mentions: "--dataset"),
            Case(arguments: ["train", "--dataset", "csv:\(files.empty)"], mentions: files.empty),
            Case(arguments: ["train", "--dataset", "csv:\(files.directory)"], mentions: files.directory),
            Case(arguments: ["train", "--dataset", "csv:\(files.headerOnly)"], mentions: files.headerOnly),
            Case(arguments: ["train", "--dataset", "csv:\(files.fewRows)"], mentions: "only 2 rows"),
            Case(arguments: ["evaluate", "--model", files.empty, "--dataset", "iris"], mentions: files.empty),
            Case(arguments: ["evaluate", "--model", files.directory, "--dataset", "iris"], mentions: files.directory),
            Case(arguments: ["evaluate", "--model", files.headerOnly, "--dataset", "iris"], mentions: files.headerOnly),
            Case(arguments: ["predict", "--model", files.empty, "--input", files.headerOnly], mentions: files.empty),
            Case(arguments: ["predict", "--model", files.directory, "--input", files.headerOnly], mentions: files.directory),
            Case(arguments: ["compare", "optimizers", "--dataset", "iris", "--repeats", "0"], mentions: "--repeats"),
            Case(arguments: ["predict", "--model", files.empty, "--input", files.directory], mentions: files.empty),
            Case(arguments: ["compare", "optimizers", "--dataset", "iris", "--epochs", "0"], mentions: "--epochs"),
            Case(arguments: ["compare", "optimizers", "--dataset", "iris", "--optimizers", "banana"], mentions: "banana"),
            Case(arguments: ["compare", "activations", "--dataset", "csv:\(files.headerOnly)", "--epochs", "1"],
                 mentions: files.headerOnly),
            Case(arguments: ["minimize", "--function", "banana"], mentions: "--function"),
            Case(arguments: ["minimize", "--function", "rosenbrock", "--steps", "-1"], mentions: "--steps"),
            Case(arguments: ["minimize", "--function", "rosenbrock", "--lr", "nan"], mentions: "--learning-rate"),
            Case(arguments: ["minimize", "--function", "rosenbrock", "--start", "1"], mentions: "--start"),
            Case(arguments: ["minimize", "--function", "rosenbrock", "--format", "banana"], mentions: "--format"),
            Case(arguments: ["plot", "activation", "banana"], mentions: "banana"),
            Case(arguments: ["plot", "activation", "relu", "--points", "1"], mentions: "--points"),
            Case(arguments: ["plot", "activation", "relu", "--from", "nan"], mentions: "--from"),
            Case(arguments: ["plot", "activation", "relu", "--from", "2", "--to", "1"], mentions: "--to"),
            Case(arguments: ["explain", "vanishing-gradient", "--layers", "0"], mentions: "--layers"),
            Case(arguments: ["explain", "vanishing-gradient", "--width", "0"], mentions: "--width"),
            Case(arguments: ["explain", "vanishing-gradient", "--batch", "0"], mentions: "--batch"),
            Case(arguments: ["demo", "--epochs", "0"], mentions: "--epochs"),
            Case(arguments: ["bench", "mlp", "--batch-size", "0"], mentions: "--batch-size"),
            Case(arguments: ["bench", "gemm", "--sizes", "0"], mentions: "--sizes"),
        ]
        // root reads any file, so an unreadable file exists only for other users.
        if getuid() != 0 {
            all.append(Case(arguments: ["train", "--dataset", "csv:\(files.unreadable)"], mentions: files.unreadable))
        }
        return all
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ExecutableTests.executable.path)))
    func everyBadValueIsOneErrorLine() throws {
        let files = try Files()
        defer { try? FileManager.default.removeItem(at: files.folder) }
        for badCase in Self.cases(files) {
            let (status, reason, out, err) = try Self.run(badCase.arguments, in: files.folder)
            #expect(reason == .exit && status != 0, "\(badCase): status \(status) (\(reason == .exit ? "exit" : "signal"))")
            let lines = err.split(separator: "\n")
            #expect(lines.count == 1 && err.hasPrefix("Error: "), "\(badCase): \(err)")
            #expect(err.contains(badCase.mentions), "\(badCase): \(err) does not name \(badCase.mentions)")
            #expect(out.isEmpty, "\(badCase): printed \(out)")
        }
    }

    /// A CSV whose integer target holds one huge label trains: classes are the sorted distinct labels (3 here,
    /// not 10¹³), and `predict` answers with the original label values.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ExecutableTests.executable.path)))
    func hugeIntegerLabelIsOneClass() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rows = ["a,b,target"]
        for i in 0..<30 { rows.append("\(i % 3),\(Double(i) / 10),\([0, 7, 9_999_999_999_990][i % 3])") }
        let csv = folder.appendingPathComponent("huge.csv")
        try (rows.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
        let model = folder.appendingPathComponent("m.safetensors").path
        let train = try Self.run(["train", "--dataset", "csv:\(csv.path)", "--epochs", "40", "--quiet", "--save", model,
                                  "--report", folder.appendingPathComponent("r").path], in: folder)
        #expect(train.reason == .exit && train.status == 0, "\(train.err)")
        let predict = try Self.run(["predict", "--model", model, "--input", csv.path], in: folder)
        #expect(predict.status == 0, "\(predict.err)")
        let lines = predict.out.split(separator: "\n")
        #expect(lines.first == "prob_0,prob_7,prob_9999999827968,predicted")
        let predicted = Set(lines.dropFirst().map { $0.split(separator: ",").last.map(String.init) ?? "" })
        #expect(predicted.isSubset(of: ["0", "7", "9999999827968"]), "\(predicted)")  // the label as a Float (NumPy: float32(9999999999990))

        let header = folder.appendingPathComponent("header.csv")
        try "a,b,target\n".write(to: header, atomically: true, encoding: .utf8)
        let empty = try Self.run(["predict", "--model", model, "--input", header.path], in: folder)
        #expect(empty.reason == .exit && empty.status != 0 && empty.err == "Error: input file '\(header.path)' has a header but no rows\n")
    }

    /// A classic model trained on labels that are not 0…K-1 predicts and evaluates in those labels, as a network
    /// does: `predict` writes 3, 5 and 8 (not the class indices 0, 1, 2), and `evaluate` maps the same labels.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ExecutableTests.executable.path)))
    func classicModelPredictsOriginalLabels() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rows = ["a,b,target"]
        for i in 0..<60 { rows.append("\(i % 3),\(Double(i % 7) / 10),\([3, 5, 8][i % 3])") }
        let csv = folder.appendingPathComponent("labels.csv")
        try (rows.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
        let model = folder.appendingPathComponent("m.safetensors").path
        let train = try Self.run(["train", "--dataset", "csv:\(csv.path)", "--model", "logistic-regression", "--quiet",
                                  "--save", model, "--report", folder.appendingPathComponent("r").path], in: folder)
        #expect(train.reason == .exit && train.status == 0, "\(train.err)")
        let predict = try Self.run(["predict", "--model", model, "--input", csv.path], in: folder)
        #expect(predict.status == 0, "\(predict.err)")
        let lines = predict.out.split(separator: "\n")
        #expect(lines.first == "prob_3,prob_5,prob_8,predicted")
        let predicted = lines.dropFirst().map { $0.split(separator: ",").last.map(String.init) ?? "" }
        // Column a alone separates the classes (a = 0, 1, 2 ↔ 3, 5, 8), so every row is predicted right.
        #expect(predicted == (0..<60).map { String([3, 5, 8][$0 % 3]) }, "\(predicted)")
        let evaluate = try Self.run(["evaluate", "--model", model, "--dataset", "csv:\(csv.path)", "--part", "all", "--json"],
                                    in: folder)
        #expect(evaluate.status == 0 && evaluate.out.contains("\"accuracy\":1"), "\(evaluate.out) \(evaluate.err)")
    }

    /// Runs the built executable with `arguments` in `folder`: exit status, how it ended (exit or signal), standard
    /// output and standard error.
    static func run(_ arguments: [String], in folder: URL) throws
        -> (status: Int32, reason: Process.TerminationReason, out: String, err: String) {
        let process = Process()
        process.executableURL = ExecutableTests.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile(), errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason, String(decoding: outData, as: UTF8.self),
                String(decoding: errData, as: UTF8.self))
    }
}
