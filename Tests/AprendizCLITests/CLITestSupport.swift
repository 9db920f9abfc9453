import Aprendiz
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
import ArgumentParser
@testable import AprendizCLI

/// A fresh temporary folder for one test's files.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Whether `text` is well-formed XML (what a browser needs to draw an SVG).
func isWellFormedXML(_ text: String) -> Bool {
    XMLParser(data: Data(text.utf8)).parse()
}

/// The message the command line prints for the error `body` throws (without `Error: `), or nil if it
/// does not throw.
func errorMessage(_ body: () throws -> Void) -> String? {
    do { try body() } catch { return AprendizCommand.message(for: error) }
    return nil
}

/// The path of the bundled iris CSV (a real CSV file with a `target` column).
func irisCSVPath() throws -> String { try BundledDataset.iris.url.path }

/// Parses and runs a command in-process. `train` and `demo` without `--report` write their report into a fresh
/// temporary folder (removed afterwards) instead of the default `aprendiz-report` in the working directory, which
/// is the package's own folder during `swift test`.
func runCommand<C: ParsableCommand>(_ type: C.Type, _ arguments: [String]) throws {
    var arguments = arguments
    var scratch: URL?
    if (type == TrainCommand.self || type == DemoCommand.self) && !arguments.contains("--report") {
        let folder = try temporaryFolder()
        scratch = folder
        arguments += ["--report", folder.appendingPathComponent("report").path]
    }
    defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
    var command = try type.parse(arguments)
    try command.run()
}
