/// A binary tree drawn as boxes and edges, root on top (the book's §13.2 decision-tree figure; the
/// layout of scikit-learn's `plot_tree`): leaves are spaced evenly left to right in depth-first order, each
/// internal node centred over its children, one row per depth. Each box shows its lines of text; the two
/// edges below the root are labelled "True" (left) and "False" (right), the outcome of the node's test.
public struct TreeDiagram: Sendable {
    /// One box: its text lines, its children (both or neither) and an optional fill colour.
    public struct Node: Sendable {
        public var lines: [String]
        public var children: (left: Int, right: Int)?
        public var fill: PlotColor?

        public init(lines: [String], children: (left: Int, right: Int)?, fill: PlotColor? = nil) {
            self.lines = lines
            self.children = children
            self.fill = fill
        }
    }

    /// The nodes; node 0 is the root.
    public var nodes: [Node]
    /// The figure's title.
    public var title: String?

    public init(nodes: [Node], title: String? = nil) {
        self.nodes = nodes
        self.title = title
    }

    /// The diagram as a standalone SVG document.
    public func svg() -> String {
        let fontSize = 11.0, lineHeight = 14.0, gap = 12.0, rowGap = 36.0, margin = 16.0
        let boxWidth = nodes.flatMap(\.lines).map { SVGWriter.estimatedWidth($0, size: fontSize) }.max().map { $0 + 12 } ?? 60
        let boxHeight = Double(nodes.map(\.lines.count).max() ?? 1) * lineHeight + 8
        var x = Array(repeating: 0.0, count: nodes.count), depth = Array(repeating: 0, count: nodes.count)
        var nextLeaf = 0.0
        func place(_ i: Int, _ d: Int) {
            depth[i] = d
            if let (l, r) = nodes[i].children {
                place(l, d + 1)
                place(r, d + 1)
                x[i] = (x[l] + x[r]) / 2
            } else {
                x[i] = nextLeaf
                nextLeaf += 1
            }
        }
        if !nodes.isEmpty { place(0, 0) }
        let top = margin + (title == nil ? 0 : 24)
        let centre = { (i: Int) in margin + boxWidth / 2 + x[i] * (boxWidth + gap) }
        let rowTop = { (i: Int) in top + Double(depth[i]) * (boxHeight + rowGap) }
        var writer = SVGWriter()
        if let title { writer.text(title, x: margin, y: margin + 14, size: 14, bold: true) }
        for (i, node) in nodes.enumerated() {
            guard let (l, r) = node.children else { continue }
            for (child, label) in [(l, "True"), (r, "False")] {
                writer.line(x1: centre(i), y1: rowTop(i) + boxHeight, x2: centre(child), y2: rowTop(child), color: .gray)
                if i == 0 {
                    writer.text(label, x: (centre(i) + centre(child)) / 2, y: rowTop(i) + boxHeight + rowGap / 2, size: 10,
                                anchor: .middle, color: .gray, halo: .white)
                }
            }
        }
        for (i, node) in nodes.enumerated() {
            writer.rect(x: centre(i) - boxWidth / 2, y: rowTop(i), width: boxWidth, height: boxHeight,
                        fill: node.fill ?? .white, stroke: .black, cornerRadius: 4)
            for (k, line) in node.lines.enumerated() {
                writer.text(line, x: centre(i), y: rowTop(i) + 4 + Double(k + 1) * lineHeight - 3, size: fontSize,
                            anchor: .middle, color: (node.fill?.luminance ?? 1) < 0.45 ? .white : .black)
            }
        }
        let width = 2 * margin + max(nextLeaf, 1) * (boxWidth + gap) - gap
        let height = top + Double((depth.max() ?? 0) + 1) * (boxHeight + rowGap) - rowGap + margin
        return writer.document(width: width, height: height, title: title)
    }
}
