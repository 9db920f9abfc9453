// Trains a small classifier on the bundled digits through the library API, saves it, loads it back
// and prints the test accuracy and how long training took: the program a user of Aprendiz as a
// dependency would write (see ../../README.md).
import Aprendiz
import Foundation

let (train, test) = trainTestSplit(try BundledDataset.digits.load(), testFraction: 0.25, stratified: true, seed: 42)
let scaler = Standardizer(fitting: train.inputs)
let trainSet = TensorDataset(inputs: scaler.transform(train.inputs), targets: train.targets)
let testSet = TensorDataset(inputs: scaler.transform(test.inputs), targets: test.targets)

RandomGenerator.seedGlobal(7)
let model = Sequential(Dense(64, 128, weightInitializer: .heUniform), ReLU(), Dense(128, 10))
let trainer = Trainer(model: model, loss: .crossEntropy,
                      optimizer: Adam(parameters: model.parameters(), learningRate: 0.001),
                      metrics: [.accuracy])
let start = Date()
try trainer.fit(trainSet, epochs: 15, batchSize: 32)
let seconds = Date().timeIntervalSince(start)

let file = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-consumer-\(getpid()).safetensors")
defer { try? FileManager.default.removeItem(at: file) }
try ModelFile.save(model, to: file)
let reloaded = try ModelFile.load(from: file).model
let accuracy = Trainer(model: reloaded, loss: .crossEntropy,
                       optimizer: SGD(parameters: reloaded.parameters(), learningRate: 0),
                       metrics: [.accuracy]).evaluate(testSet)["accuracy"]!
print("digits: \(train.count) training and \(test.count) test samples, 64-128-10 ReLU, Adam, 15 epochs")
print(String(format: "test accuracy of the saved and reloaded model: %.4f", accuracy))
print(String(format: "training time: %.0f ms (%.1f ms per epoch)", seconds * 1000, seconds * 1000 / 15))
print("kernels: \(KernelInstructionSet.active)")
