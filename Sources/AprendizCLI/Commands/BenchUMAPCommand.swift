import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz bench umap`: seconds for one UMAP fit (§16.4.2, umap-learn's defaults, seed 0; exact neighbours as
/// `aprendiz embed`, or `--neighbor-search nn-descent|auto`) on the first `--limit` Fashion-MNIST training images;
/// the same options and output as `bench tsne`.
struct BenchUMAPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "umap",
        abstract: "Seconds for one UMAP fit on the first --limit Fashion-MNIST images (seed 0)."
    )

    @OptionGroup var options: BenchManifoldOptions

    @Option(help: "k-NN graph: exact (default), nn-descent, or auto (NN-descent from 4 096 points, as umap-learn).")
    var neighborSearch = "exact"

    func run() throws {
        try options.options.apply()
        guard let search = UMAP.NeighborSearch(rawValue: neighborSearch) else {
            throw ValidationError("--neighbor-search \(neighborSearch): expected exact, nn-descent or auto")
        }
        let (x, labels) = try options.images()
        let (map, time) = try BenchManifoldOptions.measure { try UMAP(seed: 0, neighborSearch: search).fit(x) }
        try options.report(workload: "umap fashion-mnist \(x.shape[0]) points (\(search.rawValue) k-NN)", time: time, x: x, map: map, labels: labels)
    }
}
