import AprendizPlot
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses `svg` as XML and returns every text node, or records an issue.
private func parsedTexts(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    do {
        let document = try XMLDocument(xmlString: svg, options: [])
        #expect(document.rootElement()?.name == "svg", sourceLocation: sourceLocation)
        #expect(document.rootElement()?.attribute(forName: "xmlns")?.stringValue == "http://www.w3.org/2000/svg"
                    || document.rootElement()?.namespaces?.first?.stringValue == "http://www.w3.org/2000/svg",
                sourceLocation: sourceLocation)
        let nodes = try document.nodes(forXPath: "//*[local-name()='text' or local-name()='title']")
        return nodes.compactMap(\.stringValue)
    } catch {
        Issue.record("SVG does not parse: \(error)", sourceLocation: sourceLocation)
        return []
    }
}

private func expectNoNonFinite(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let lower = svg.lowercased()
    #expect(!lower.contains("nan"), sourceLocation: sourceLocation)
    #expect(!lower.contains("inf"), sourceLocation: sourceLocation)
}

@Suite struct RenderingTests {
    @Test(arguments: ExampleFigures.all.map(\.0))
    func everyKindParsesAndHasNoNonFiniteNumbers(name: String) throws {
        let figure = try #require(ExampleFigures.all.first { $0.0 == name }?.1)
        let svg = figure.svg()
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("viewBox=\"0 0 "))
        let texts = parsedTexts(svg)
        #expect(texts.contains(figure.title ?? ""))
        expectNoNonFinite(svg)
        if let directory = ProcessInfo.processInfo.environment["APRENDIZ_PLOT_EXAMPLES"] {
            try figure.write(to: URL(fileURLWithPath: directory).appendingPathComponent("\(name).svg"))
        }
    }

    @Test func activationFigureHasTitleLabelsAndLegend() {
        let texts = parsedTexts(ExampleFigures.activation().svg())
        for expected in ["ReLU", "x", "y", "f(x)", "f′(x)"] { #expect(texts.contains(expected), "missing \(expected)") }
    }

    @Test func textIsEscaped() {
        var figure = Figure(title: "a < b & \"c\" > 'd'")
        figure.axes.xLabel = "x<sub>"
        figure.axes.plot(x: [0, 1], y: [0, 1], label: "R&D")
        let svg = figure.svg()
        #expect(svg.contains("a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;"))
        #expect(!svg.contains("x<sub>"))
        let texts = parsedTexts(svg)
        #expect(texts.contains("a < b & \"c\" > 'd'"))
        #expect(texts.contains("x<sub>"))
        #expect(texts.contains("R&D"))
    }

    @Test func nonFiniteValuesBreakTheLineAndNeverPrint() {
        var figure = Figure(title: "gaps")
        figure.axes.plot(x: [0, 1, 2, 3, 4, 5], y: [1, 2, .nan, 3, .infinity, 4], label: "y",
                         style: LineStyle(marker: .circle))
        figure.axes.plot(x: [Double.nan, .nan], y: [Double.nan, .nan], label: "all missing")
        let svg = figure.svg()
        _ = parsedTexts(svg)
        expectNoNonFinite(svg)
        // Three runs: [0,1], [3], [5] — each starts a subpath.
        let path = svg.components(separatedBy: "\n").first { $0.hasPrefix("<path d=\"M") } ?? ""
        #expect(path.components(separatedBy: "M").count - 1 == 3)
    }

    @Test func logAxisSkipsNonPositiveData() {
        var figure = Figure(title: "log")
        figure.axes.yScale = .log
        figure.axes.plot(x: [0, 1, 2, 3, 4], y: [1, 0.1, 0, -1, 0.001], label: "loss")
        figure.axes.bar(categories: ["a", "b", "c"], values: [1e-3, 0, -2])
        let svg = figure.svg()
        _ = parsedTexts(svg)
        expectNoNonFinite(svg)
        #expect(svg.contains("10⁻³"))
        // One positive bar drawn, the zero and negative ones skipped.
        let bars = svg.components(separatedBy: "\n").filter { $0.hasPrefix("<rect") && $0.contains(PlotColor.palette(1).hexString) }
        #expect(bars.count == 1)
    }

    @Test func emptyAndDegenerateFiguresStillRender() {
        var figure = Figure(title: "empty", rows: 2, columns: 2)
        figure[row: 0, column: 1].plot(x: [1, 1], y: [2, 2])
        figure[row: 1, column: 0].contour(xs: [0, 1], ys: [0, 1], values: [[1, 1], [1, 1]])
        figure[row: 1, column: 1].heatMap(matrix: [[Double.nan]])
        let svg = figure.svg()
        _ = parsedTexts(svg)
        expectNoNonFinite(svg)
    }

    @Test func legendListsOnlyLabelledSeries() {
        let texts = parsedTexts(ExampleFigures.training(runs: 10).svg())
        #expect(texts.filter { $0.hasPrefix("lr = ") }.count == 10)  // the accuracy panel hides its legend
    }

    @Test func confusionMatrixShowsCountsAndClassNames() {
        let texts = parsedTexts(ExampleFigures.confusionMatrix().svg())
        for expected in ["T-shirt", "Ankle boot", "850", "predicted class", "true class"] {
            #expect(texts.contains(expected), "missing \(expected)")
        }
    }

    @Test func writeIsAtomicAndComplete() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-plot-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: url) }
        let figure = ExampleFigures.activation()
        try figure.write(to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == figure.svg())
    }
}
