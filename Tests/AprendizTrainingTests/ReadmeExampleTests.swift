import Aprendiz
import Testing

/// The training examples of Docs/Training.md, line for line, so the README cannot drift from code that runs.
@Suite(.serialized) // both tests reseed the global generator
struct ReadmeExampleTests {
    @Test func fitStyleExampleRuns() throws {
        let (train, test) = trainTestSplit(try BundledDataset.iris.load(), testFraction: 0.25, stratified: true, seed: 42)
        let scaler = Standardizer(fitting: train.inputs)
        let trainSet = TensorDataset(inputs: scaler.transform(train.inputs), targets: train.targets)
        let testSet = TensorDataset(inputs: scaler.transform(test.inputs), targets: test.targets)

        RandomGenerator.seedGlobal(7)
        let model = Sequential(Dense(4, 16, weightInitializer: .heUniform), ReLU(), Dense(16, 3))
        let trainer = Trainer(model: model, loss: .crossEntropy,
                              optimizer: SGD(parameters: model.parameters(), learningRate: 0.05),
                              metrics: [.accuracy], callbacks: [ProgressLogger { _ in }])
        try trainer.fit(trainSet, epochs: 100, batchSize: 16, validation: .dataset(testSet))
        #expect(trainer.evaluate(testSet)["accuracy"]! >= 0.9)
    }

    @Test func manualLoopExampleRuns() {
        let trainSet = Synthetic.moons(count: 200, noise: 0.1, seed: 1)
        RandomGenerator.seedGlobal(7)
        let model = Sequential(Dense(2, 16, weightInitializer: .heUniform), ReLU(), Dense(16, 2))
        let optimizer = SGD(parameters: model.parameters(), learningRate: 0.1)
        let loader = DataLoader(trainSet, batchSize: 32, shuffle: true, seed: 1)
        for _ in 1...50 {
            for batch in loader {
                let loss = crossEntropy(logits: model(batch.inputs), labels: batch.targets)
                loss.backward()
                optimizer.step()
                optimizer.zeroGrad()
            }
        }
        #expect(accuracy(scores: model(trainSet.inputs).value, labels: trainSet.targets) > 0.85)
    }
}
