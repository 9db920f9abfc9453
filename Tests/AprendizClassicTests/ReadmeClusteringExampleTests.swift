import Aprendiz
import AprendizTestSupport
import Testing

/// The README's "Dimensionality reduction and clustering" example, line for line, with the numbers it shows.
@Suite struct ReadmeClusteringExampleTests {
    @Test func readmeExampleRunsAndPrintsWhatItSays() throws {
        let digits = try BundledDataset.digits.load()
        let pca = try PCA(components: .varianceFraction(0.95)).fit(digits.inputs)
        let kmeans = try KMeans(clusterCount: 10, initCount: 10).fit(digits.inputs)
        let ari = adjustedRandIndex(true: digits.targets.scalars.map { Int($0) }, predicted: kmeans.labels)
        let tree = try AgglomerativeClustering(cut: .clusterCount(3), linkage: .ward).fit(try BundledDataset.iris.load().inputs)
        #expect(pca.componentCount == 29)
        // scikit-learn's KMeans gets 0.666 here (the bound); the README prints this build's 0.6676, which
        // holds with OpenBLAS: the Swift GEMM fallback (or another BLAS) sums distances in another order and ends in a nearby optimum.
        #expect(ari >= 0.66, "ARI \(ari)")
        if BLASLibrary.shared?.name.hasPrefix("OpenBLAS") == true { #expect(abs(ari - 0.6676) < 5e-5, "ARI \(ari) with OpenBLAS") }
        #expect(tree.linkageMatrix.shape == [149, 4])
    }
}
