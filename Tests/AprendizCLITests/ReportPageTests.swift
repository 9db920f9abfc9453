import Aprendiz
import Foundation
import Testing
@testable import AprendizCLI

/// The report pages as a browser reads them: ids unique page-wide, settings that apply with the values used.
@Suite struct ReportPageTests {
    /// Every `id="…"` of an HTML page that occurs more than once.
    static func duplicateIDs(in html: String) -> [String] {
        var counts: [String: Int] = [:]
        var rest = html[...]
        while let start = rest.range(of: " id=\"") {
            let value = rest[start.upperBound...].prefix { $0 != "\"" }
            counts[String(value), default: 0] += 1
            rest = rest[start.upperBound...]
        }
        return counts.filter { $0.value > 1 }.map(\.key).sorted()
    }

    static func page(in folder: URL) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
    }

    /// Every page the command writes (training report, comparison report) has unique ids: three
    /// inline SVGs each defining `clip1` made Chromium clip the confusion matrix with the loss plot's rectangle.
    @Test func everyGeneratedPageHasUniqueIDs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let demo = folder.appendingPathComponent("demo"), compare = folder.appendingPathComponent("compare")
        try runCommand(DemoCommand.self, ["--epochs", "1", "--quiet", "--report", demo.path])
        try runCommand(CompareOptimizersCommand.self, ["--optimizers", "sgd,adam", "--epochs", "1", "--limit", "200",
                                                       "--hidden", "8", "--quiet", "--report", compare.path])
        for report in [demo, compare] {
            let html = try Self.page(in: report)
            #expect(html.contains(" id=\""), "\(report.lastPathComponent): no ids to check")
            #expect(Self.duplicateIDs(in: html).isEmpty, "\(report.lastPathComponent): \(Self.duplicateIDs(in: html))")
        }
        #expect(Self.duplicateIDs(in: "<a id=\"x\"></a><b id=\"x\"></b><c id=\"y\">") == ["x"])
    }

    /// The convnet has no hidden widths or activation setting; Adam's learning rate and the loss are
    /// shown as the values used (SPEC.md's defaults: Adam 0.001, AdaGrad 0.01; cross-entropy for
    /// classification, MSE for regression).
    @Test func settingsTableShowsOnlyApplicableSettingsWithTheirValues() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try runCommand(DemoCommand.self, ["--epochs", "1", "--quiet", "--report", folder.path])
        let html = try Self.page(in: folder)
        #expect(!html.contains("default"))
        #expect(!html.contains("<td>hidden</td>") && !html.contains("<td>activation</td>"))
        #expect(html.contains("<td>learning rate</td><td>0.001</td>"))
        #expect(html.contains("<td>loss</td><td>cross-entropy</td>"))

        let mlp = folder.appendingPathComponent("mlp")
        try runCommand(TrainCommand.self, ["--dataset", "diabetes", "--optimizer", "adagrad", "--epochs", "1", "--hidden", "4",
                                           "--quiet", "--report", mlp.path])
        let regression = try Self.page(in: mlp)
        #expect(regression.contains("<td>hidden</td><td>4</td>") && regression.contains("<td>activation</td><td>relu</td>"))
        #expect(regression.contains("<td>learning rate</td><td>0.01</td>") && regression.contains("<td>loss</td><td>mse</td>"))
    }

    /// The settings tables have no empty header row, and the recorded command line reads back in a
    /// shell (`--optimizers "sgd, adam"` stays one argument).
    @Test func settingsTableHasNoEmptyHeaderAndTheCommandIsQuoted() {
        #expect(ReportPage.keyValueTable([("model", "mlp")]) == "<table>\n<tr><td>model</td><td>mlp</td></tr>\n</table>")
        #expect(ComparisonRunner.shellQuoted("sgd, adam") == "'sgd, adam'")
        #expect(ComparisonRunner.shellQuoted("--epochs") == "--epochs")
        #expect(ComparisonRunner.shellQuoted("it's") == "'it'\\''s'")
    }
}
