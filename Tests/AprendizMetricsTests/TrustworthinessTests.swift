import AprendizData
import AprendizMetrics
import AprendizTensor
import AprendizTestSupport
import Testing

@Suite struct TrustworthinessTests {
    /// Reference: sklearn.manifold.trustworthiness of 80 random 6-D points against two 2-D maps, k = 5 and 10
    /// (Tools/fixtures/generate_manifold.py).
    @Test func matchesScikitLearn() throws {
        let fixture = try JSONFixture("manifold.json")["trustworthiness"]
        let x = Tensor(shape: [fixture["rows"].int, fixture["columns"].int], scalars: fixture["x"].floats)
        for case_ in fixture["cases"].array {
            let embedding = Tensor(shape: [x.shape[0], 2], scalars: case_["embedding"].floats)
            let value = trustworthiness(x: x, embedding: embedding, k: case_["k"].int)
            #expect(abs(value - Double(case_["value"].float)) < 1e-6, "\(case_["map"].string), k = \(case_["k"].int): \(value)")
        }
    }

    @Test func identityMapIsPerfect() throws {
        let iris = try irisFeatures()
        #expect(trustworthiness(x: iris, embedding: iris, k: 5) == 1)
    }

    /// The bundled iris features (the CSV the generator reads), `[150, 4]`.
    private func irisFeatures() throws -> Tensor { try BundledDataset.iris.load().inputs }
}
