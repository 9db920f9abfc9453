import Aprendiz
import AprendizTestSupport
import Testing

/// The issue's accuracy targets on the bundled data sets: an MLP trained with SGD (momentum 0.9 for digits) on a
/// stratified 75/25 split (fixed seeds), features standardised with the training set's statistics.
@Suite struct BundledTrainingTests {
    func trainAndTest(_ name: BundledDataset, hidden: Int, epochs: Int, batchSize: Int,
                      learningRate: Float, momentum: Float = 0, penalty: Float = 0) throws -> (accuracy: Float, logs: [EpochLogs]) {
        let (train, test) = trainTestSplit(try name.load(), testFraction: 0.25, stratified: true, seed: 42)
        let scaler = Standardizer(fitting: train.inputs)
        let trainSet = TensorDataset(inputs: scaler.transform(train.inputs), targets: train.targets)
        let testSet = TensorDataset(inputs: scaler.transform(test.inputs), targets: test.targets)
        let model = multilayerPerceptron([train.inputs.shape[1], hidden, name.classCount!], seed: 7)
        let trainer = Trainer(model: model, loss: .crossEntropy,
                              optimizer: SGD(parameters: model.parameters(), learningRate: learningRate, momentum: momentum), metrics: [.accuracy], penalties: [.l2(penalty)])
        let logs = try trainer.fit(trainSet, epochs: epochs, batchSize: batchSize, seed: 1, validation: .dataset(testSet))
        return (trainer.evaluate(testSet)["accuracy"]!, logs)
    }

    @Test func digitsReach97Percent() throws {
        let (accuracy, logs) = try trainAndTest(.digits, hidden: 256, epochs: 20, batchSize: 32, learningRate: 0.01, momentum: 0.9, penalty: 1e-4)
        #expect(accuracy >= 0.97, "digits test accuracy \(accuracy)")
        print("digits: test accuracy \(accuracy), \(logs.map { $0["seconds"]! }.reduce(0, +) / Float(logs.count)) s/epoch")
    }

    @Test func irisReaches93Percent() throws {
        let (accuracy, logs) = try trainAndTest(.iris, hidden: 16, epochs: 100, batchSize: 16, learningRate: 0.05)
        #expect(accuracy >= 0.93, "iris test accuracy \(accuracy)")
        print("iris: test accuracy \(accuracy), \(logs.map { $0["seconds"]! }.reduce(0, +) / Float(logs.count)) s/epoch")
    }
}
