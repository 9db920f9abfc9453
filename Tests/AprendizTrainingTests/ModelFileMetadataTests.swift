import Aprendiz
import Foundation
import Testing

/// ``ModelMetadata``: the `aprendiz.preprocessing` entry `aprendiz train --save` writes and `evaluate`,
/// `predict` and `aprendiz-serve` read.
@Suite struct ModelFileMetadataTests {
    let wine = ModelMetadata(dataset: "table:wine.csv", model: "ridge", task: .classification, classCount: 2, inputShape: [1],
                             featureNames: ["alcohol"], mean: [13], standardDeviation: [0.5], seed: 7,
                             classNames: ["red", "white"], classLabels: nil, testFraction: 0.25)

    @Test func entryHasSortedKeysAndRoundTrips() throws {
        let json = try #require(try wine.entry()[ModelMetadata.key])
        // Keys in alphabetical order, so one training writes the same bytes every time.
        let keys = ["classCount", "classNames", "dataset", "featureNames", "inputShape", "mean", "model", "seed",
                    "standardDeviation", "task", "testFraction"]
        let positions = keys.compactMap { json.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted())
        #expect(!json.contains("classLabels"))  // nil fields are left out
        #expect(try JSONDecoder().decode(ModelMetadata.self, from: Data(json.utf8)) == wine)
    }

    @Test func olderFilesWithoutTheNewFieldsStillLoad() throws {
        let old = #"{"dataset":"iris","model":"mlp","task":"classification","classCount":3,"inputShape":[4],"#
            + #""featureNames":["a","b","c","d"],"mean":[1,2,3,4],"standardDeviation":[1,1,1,1],"seed":42}"#
        let metadata = try JSONDecoder().decode(ModelMetadata.self, from: Data(old.utf8))
        #expect(metadata.model == "mlp" && metadata.classCount == 3 && metadata.seed == 42)
        #expect(metadata.classNames == nil && metadata.classLabels == nil && metadata.testFraction == nil)
        #expect(metadata.classDisplayNames == nil)
    }

    @Test func classesAreShownByNameElseOriginalValue() {
        #expect(wine.classDisplayNames == ["red", "white"])
        #expect(ModelMetadata.displayNames(classNames: nil, labels: [3, -1, 10]) == ["3", "-1", "10"])
        #expect(ModelMetadata.displayNames(classNames: ["a"], labels: [5]) == ["a"])
    }

    @Test func aMissingFileIsNamed() {
        #expect(throws: ModelMetadataError.missingFile("/no/such/model.safetensors")) {
            try ModelMetadata.loadModel("/no/such/model.safetensors")
        }
    }
}
