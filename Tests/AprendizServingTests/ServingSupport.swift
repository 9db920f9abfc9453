import Aprendiz
import AprendizServing
import Foundation

/// An iris MLP trained by the library, saved as `aprendiz train --save` would save it, the raw
/// (unstandardised) rows it is asked about, and the library's outputs for them.
struct IrisFixture: Sendable {
    let folder: URL
    let path: String
    let table: LabeledTable
    /// `Trainer.predict` of the trained model on the standardised table: `[150, 3]` logits.
    let outputs: Tensor

    /// `classNames` / `classLabels` go into the file's metadata as `aprendiz train` writes them for a
    /// text target / numeric classes that are not 0…K-1.
    init(classNames: [String]? = nil, classLabels: [Float]? = nil) throws {
        table = try LabeledTable(contentsOf: BundledDataset.iris.url, targetColumn: "target")
        let standardizer = Standardizer(fitting: table.features)
        var generator = RandomGenerator(seed: 5)
        let model = Sequential([Dense(4, 8, weightInitializer: .heUniform, using: &generator), ReLU(),
                                Dense(8, 3, weightInitializer: .heUniform, using: &generator)])
        let trainer = Trainer(model: model, loss: .crossEntropy, optimizer: SGD(parameters: model.parameters(), learningRate: 0.1))
        try trainer.fit(TensorDataset(inputs: standardizer.transform(table.features), targets: table.targets),
                        epochs: 15, batchSize: 16, seed: 1)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("iris.safetensors").path
        let metadata = ModelMetadata(dataset: "iris", model: "mlp", task: .classification, classCount: 3, inputShape: [4],
                                     featureNames: table.featureNames, mean: standardizer.mean.scalars,
                                     standardDeviation: standardizer.standardDeviation.scalars, seed: 1,
                                     classNames: classNames, classLabels: classLabels)
        try ModelFile.save(model, to: URL(fileURLWithPath: path), metadata: try metadata.entry())
        outputs = trainer.predict(standardizer.transform(table.features))
    }

    /// Raw feature rows `rows` of the iris table.
    func rows(_ rows: Range<Int>) -> [[Double]] {
        rows.map { row in (0..<4).map { Double(table.features[row, $0]) } }
    }

    /// The trained model's logits for raw rows, through the library (`Trainer.predict` on standardised inputs).
    func libraryOutputs(_ rows: Range<Int>) -> Tensor { outputs.slice(axis: 0, rows) }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
