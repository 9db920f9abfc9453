import Aprendiz
import AprendizServing
import Foundation
import Testing

/// `labels` in a prediction: the class as the training target wrote it, read from the model file.
@Suite struct ClassLabelTests {
    /// iris rows 45–54 and 145–149: setosa, versicolor, virginica (the data set's own order of species).
    let rows = Array(45..<55) + Array(145..<150)

    func answer(_ fixture: IrisFixture) throws -> (predictions: [Int], labels: [String]?) {
        let model = try ServedModel(name: "iris", path: fixture.path)
        let inputs = Tensor(shape: [rows.count, 4], scalars: rows.flatMap { row in (0..<4).map { fixture.table.features[row, $0] } })
        let response = model.answer(model.outputs(inputs))
        guard case .classes(let predictions) = response.predictions else {
            Issue.record("iris answered \(response.predictions), not classes")
            return ([], nil)
        }
        return (predictions, response.labels)
    }

    @Test func textTargetsAnswerWithTheClassNames() throws {
        let species = ["Iris-setosa", "Iris-versicolor", "Iris-virginica"]
        let fixture = try IrisFixture(classNames: species)
        defer { fixture.remove() }
        let (predictions, labels) = try answer(fixture)
        #expect(labels == predictions.map { species[$0] })
        #expect(labels?.first == "Iris-setosa")  // row 45 is a setosa
    }

    @Test func numericClassesAnswerWithTheirOriginalValues() throws {
        let fixture = try IrisFixture(classLabels: [10, 20, -3])
        defer { fixture.remove() }
        let (predictions, labels) = try answer(fixture)
        #expect(labels == predictions.map { ["10", "20", "-3"][$0] })
    }

    @Test func classesWithoutNamesAnswerWithTheIndex() throws {
        let fixture = try IrisFixture()
        defer { fixture.remove() }
        let (predictions, labels) = try answer(fixture)
        #expect(labels == predictions.map(String.init))
        let metadata = try ModelMetadata.loadModel(fixture.path).metadata
        #expect(metadata.classNames == nil && metadata.classLabels == nil && metadata.classDisplayNames == nil)
    }
}
