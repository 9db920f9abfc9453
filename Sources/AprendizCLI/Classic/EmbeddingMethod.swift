import Aprendiz
import ArgumentParser

/// The 2-D maps `aprendiz embed` draws (§16.4): the one source of their names and help.
enum EmbeddingMethod: String, Catalogue, ExpressibleByArgument {
    case pca
    case tsne
    case umap

    static let familyName = "embedding method"

    /// One line for `--help`.
    var summary: String {
        switch self {
        case .pca: "first two principal components (§16.4.1)"
        case .tsne: "t-SNE, Barnes–Hut (§16.4.2); params perplexity, iterations, method=exact|barnes-hut, seed"
        case .umap: "UMAP (§16.4.2); params neighbors, min-dist, epochs, seed, neighbor-search (exact, nn-descent, auto)"
        }
    }

    /// The parameter names `--param` accepts for this method.
    var parameterNames: [String] {
        switch self {
        case .pca: []
        case .tsne: ["perplexity", "iterations", "method", "seed"]
        case .umap: ["neighbors", "min-dist", "epochs", "seed", "neighbor-search"]
        }
    }

    /// The `[count, 2]` map of the rows of `x`, and a line about the fit.
    func embed(_ x: Tensor, parameters: [String: String]) throws -> (map: Tensor, summary: String) {
        for key in parameters.keys where !parameterNames.contains(key) {
            throw CLIError("--param \(key): not a parameter of \(rawValue) (known: \(parameterNames.isEmpty ? "none" : parameterNames.joined(separator: ", ")))")
        }
        func number(_ key: String) throws -> Double? {
            guard let text = parameters[key] else { return nil }
            guard let value = Double(text) else { throw CLIError("--param \(key)=\(text): not a number") }
            return value
        }
        let seed = try number("seed").map { UInt64(max($0, 0)) } ?? 0
        switch self {
        case .pca:
            return (Tensor(shape: [x.shape[0], 2], scalars: PrincipalProjection.project(x, components: 2).map { Float($0) }), "PCA")
        case .tsne:
            var tsne = TSNE(seed: seed)
            if let p = try number("perplexity") { tsne.perplexity = p }
            if let i = try number("iterations") { tsne.maxIterations = Int(i) }
            if let m = parameters["method"] {
                guard let method = TSNE.GradientMethod(rawValue: m) else { throw CLIError("--param method=\(m): expected exact or barnes-hut") }
                tsne.method = method
            }
            let result = try tsne.fit(x)
            return (result.embedding, "t-SNE (\(tsne.method.rawValue), perplexity \(tsne.perplexity)): KL divergence \(result.klDivergence) after \(result.iterations) iterations")
        case .umap:
            var umap = UMAP(seed: seed)
            if let k = try number("neighbors") { umap.nNeighbors = Int(k) }
            if let d = try number("min-dist") { umap.minDist = d }
            if let e = try number("epochs") { umap.nEpochs = Int(e) }
            if let search = parameters["neighbor-search"] {
                guard let value = UMAP.NeighborSearch(rawValue: search) else {
                    throw CLIError("--param neighbor-search=\(search): expected exact, nn-descent or auto")
                }
                umap.neighborSearch = value
            }
            return (try umap.fit(x), "UMAP (\(umap.nNeighbors) neighbours, min-dist \(umap.minDist))")
        }
    }
}
