// A figure: the SVG canvas holding one or more axes.
import Foundation

/// A drawing of one or more ``Axes`` laid out on a grid, rendered as a standalone SVG 1.1 document.
///
/// ```swift
/// var figure = Figure(width: 900, height: 360, title: "Training", rows: 1, columns: 2)
/// figure[row: 0, column: 0].yLabel = "loss"
/// figure[row: 0, column: 0].plot(perEpoch: losses, label: "lr = 0.1")
/// figure[row: 0, column: 1].yLabel = "accuracy"
/// figure[row: 0, column: 1].plot(perEpoch: accuracies, label: "lr = 0.1")
/// try figure.write(to: URL(fileURLWithPath: "training.svg"))
/// ```
public struct Figure: Sendable {
    /// Width of the document in pixels.
    public var width: Double
    /// Height of the document in pixels.
    public var height: Double
    /// Title centred at the top of the figure (also the SVG `<title>`).
    public var title: String?
    /// Number of rows of axes.
    public let rows: Int
    /// Number of columns of axes.
    public let columns: Int
    /// The axes in row-major order (`rows × columns` of them).
    public var panels: [Axes]

    /// Creates a figure with a `rows × columns` grid of empty axes.
    public init(width: Double = 640, height: Double = 440, title: String? = nil, rows: Int = 1, columns: Int = 1) {
        self.width = width
        self.height = height
        self.title = title
        self.rows = max(rows, 1)
        self.columns = max(columns, 1)
        panels = Array(repeating: Axes(), count: self.rows * self.columns)
    }

    /// The first (for a single-panel figure, the only) axes.
    public var axes: Axes {
        get { panels[0] }
        set { panels[0] = newValue }
    }

    /// The axes at `row`, `column` (both counted from 0; out-of-range indices trap).
    public subscript(row row: Int, column column: Int) -> Axes {
        get { panels[row * columns + column] }
        set { panels[row * columns + column] = newValue }
    }

    /// The figure as a standalone SVG 1.1 document (UTF-8 text with an XML declaration).
    /// - Parameter idPrefix: put before every element id (with `loss-`, `clip1` becomes `loss-clip1`); give each
    ///   figure inlined in one HTML page its own, since ids are unique page-wide (default: none).
    public func svg(idPrefix: String = "") -> String {
        var writer = SVGWriter()
        writer.idPrefix = idPrefix
        let titleHeight = title == nil ? 0.0 : 34.0
        if let title {
            writer.text(title, x: width / 2, y: 12, size: 17, anchor: .middle, baseline: .top, bold: true)
        }
        let cellWidth = width / Double(columns)
        let cellHeight = (height - titleHeight) / Double(rows)
        for row in 0..<rows {
            for column in 0..<columns {
                let cell = Rect(x: Double(column) * cellWidth, y: titleHeight + Double(row) * cellHeight,
                                width: cellWidth, height: cellHeight)
                AxesRenderer(axes: self[row: row, column: column], cell: cell).render(into: &writer)
            }
        }
        return writer.document(width: width, height: height, title: title)
    }

    /// Writes ``svg(idPrefix:)`` to `url` atomically (through a temporary file, so readers never see half a file).
    public func write(to url: URL) throws {
        try Data(svg().utf8).write(to: url, options: .atomic)
    }
}
