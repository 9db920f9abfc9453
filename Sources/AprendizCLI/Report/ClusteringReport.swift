import Aprendiz
import Foundation

/// The report of `aprendiz cluster`: scores, labels.csv, metrics.json and the figures.
enum ClusteringReport {
    static func page(title: String, data: ClusteringData, labels: [Int], scores: ClusteringScores, tree: MergeTree?,
                     truncate: Int, elbow: ElbowCurve?) -> ReportPage {
        var page = ReportPage(title: title)
        let sizes = Dictionary(grouping: labels, by: { $0 }).mapValues(\.count).sorted { $0.key < $1.key }
        page.sections.append(("Data", ReportPage.keyValueTable([
            ("data set", data.name), ("rows", "\(data.features.shape[0])"), ("features", "\(data.features.shape[1])"),
            ("clusters", "\(scores.clusterCount)"), ("noise rows", "\(scores.noiseCount)")])))
        page.sections.append(("Scores", ReportPage.keyValueTable(scores.rows)))
        page.sections.append(("Cluster sizes", ReportPage.table(header: ["cluster", "rows"],
                                                                 rows: sizes.map { ["\($0.key)", "\($0.value)"] })))
        page.figures.append(("scatter", "First two principal components, coloured by cluster (noise in grey).",
                             scatter(data.features, labels: labels)))
        if let tree {
            page.figures.append(("dendrogram", "Merge tree (the last \(min(truncate, tree.count)) clusters as leaves).",
                                 dendrogram(tree, leaves: truncate)))
        }
        if let elbow, !elbow.ks.isEmpty {
            page.figures.append(("elbow", "k-means inertia (elbow) and mean silhouette for each k.", elbowFigure(elbow)))
        }
        var csv = "row,cluster" + (data.classes == nil ? "" : ",class") + "\n"
        for (i, label) in labels.enumerated() { csv += "\(i),\(label)" + (data.classes.map { ",\($0[i])" } ?? "") + "\n" }
        page.files["labels.csv"] = Data(csv.utf8)
        let json = "{" + scores.values.map { "\"\($0.0)\": \($0.1.isFinite ? "\($0.1)" : "null")" }.joined(separator: ", ") + "}\n"
        page.files["metrics.json"] = Data(json.utf8)
        return page
    }

    /// The rows projected on their first two principal components, one colour per cluster.
    static func scatter(_ x: Tensor, labels: [Int]) -> Figure {
        var figure = Figure(title: "Clusters on the first two principal components")
        var axes = Axes()
        axes.xLabel = "PC 1"; axes.yLabel = "PC 2"
        guard x.shape[1] >= 2, let pca = try? PCA(components: .count(2)).fit(x) else { return figure }
        let z = pca.transform(x).scalars
        for label in Set(labels).sorted() {
            let rows = labels.indices.filter { labels[$0] == label }
            let style = label < 0 ? LineStyle.scatter(color: PlotColor(red: 0.6, green: 0.6, blue: 0.6)) : LineStyle.scatter()
            axes.plot(x: rows.map { z[$0 * 2] }, y: rows.map { z[$0 * 2 + 1] }, label: label < 0 ? "noise" : "cluster \(label)", style: style)
        }
        figure.axes = axes
        return figure
    }

    /// The dendrogram of the last `leaves` clusters (SciPy's `truncate_mode="lastp"`): U-shaped links at
    /// each merge's height, leaves labelled with their size.
    static func dendrogram(_ tree: MergeTree, leaves: Int) -> Figure {
        var figure = Figure(width: 800, title: "Dendrogram")
        var axes = Axes()
        axes.yLabel = "merge distance"; axes.xLabel = "cluster (leaf order)"
        let n = tree.count, kept = max(0, min(leaves, n) - 1)
        let shown = tree.merges.suffix(kept), firstShown = n + tree.merges.count - kept
        var position: [Int: Double] = [:], height: [Int: Double] = [:], leafSizes: [(Int, Int)] = []
        func size(_ node: Int) -> Int { node < n ? 1 : tree.merges[node - n].size }
        // Leaves in the order of a depth-first walk from the root.
        func walk(_ node: Int) {
            if node >= firstShown {
                let merge = tree.merges[node - n]
                walk(merge.first); walk(merge.second)
            } else {
                position[node] = Double(leafSizes.count); height[node] = 0; leafSizes.append((node, size(node)))
            }
        }
        guard n >= 2 else { return figure }
        walk(n + tree.merges.count - 1)
        var xs: [Double] = [], ys: [Double] = []
        for (offset, merge) in shown.enumerated() {
            let node = firstShown + offset
            let (a, b) = (position[merge.first]!, position[merge.second]!)
            xs += [a, a, b, b, .nan]; ys += [height[merge.first]!, merge.distance, merge.distance, height[merge.second]!, .nan]
            position[node] = (a + b) / 2; height[node] = merge.distance
        }
        axes.plot(x: xs, y: ys, style: LineStyle(color: PlotColor(red: 0.2, green: 0.3, blue: 0.6), width: 1.5))
        axes.plot(x: leafSizes.indices.map(Double.init), y: leafSizes.map { _ in 0.0 }, style: .scatter(color: .black))
        axes.showsGrid = false
        figure.axes = axes
        return figure
    }

    /// Inertia against k (left) and mean silhouette against k (right).
    static func elbowFigure(_ curve: ElbowCurve) -> Figure {
        var figure = Figure(width: 900, height: 380, title: "Choosing k", rows: 1, columns: 2)
        var left = Axes(), right = Axes()
        left.plot(x: curve.ks.map(Double.init), y: curve.inertias, style: LineStyle(marker: .circle))
        left.xLabel = "k"; left.yLabel = "inertia"; left.title = "Elbow"
        right.plot(x: curve.ks.map(Double.init), y: curve.silhouettes, style: LineStyle(marker: .circle))
        right.xLabel = "k"; right.yLabel = "mean silhouette"; right.title = "Silhouette"
        figure[row: 0, column: 0] = left
        figure[row: 0, column: 1] = right
        return figure
    }
}
