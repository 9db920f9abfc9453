import Aprendiz
import AprendizTestSupport
import Testing

/// Rosenblatt's learning rule (§18): a trace derived by hand, convergence on separable data, and the
/// failure on XOR.
@Suite struct PerceptronTests {
    static let gateInputs = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]])

    /// AND with η = 1 from w = 0, b = 0, worked through by hand with H(0) = 1:
    /// epoch 1 (0,0)→b −1, (1,1)→w (1,1) b 0; epoch 2 (0,0)→b −1, (0,1)→w (1,0) b −2, (1,1)→w (2,1) b −1;
    /// epoch 3 (0,1)→w (2,0) b −2, (1,0)→w (1,0) b −3, (1,1)→w (2,1) b −2; epoch 4 (1,0)→w (1,1) b −3,
    /// (1,1)→w (2,2) b −2; epoch 5 (0,1)→w (2,1) b −3; epoch 6 no mistake.
    @Test func andGateFollowsTheHandTrace() {
        var perceptron = Perceptron(features: 2)
        let training = perceptron.fit(Self.gateInputs, targets: Tensor([0, 0, 0, 1]))
        #expect(training.errorsPerEpoch == [2, 3, 3, 2, 1, 0])
        #expect(training.converged)
        #expect(perceptron.weights.scalars == [2, 1] && perceptron.bias == -3)
        #expect(perceptron.predict(Self.gateInputs).scalars == [0, 0, 0, 1])
    }

    /// Points on either side of a random line (with a margin) are separated after finitely many mistakes.
    @Test func convergesOnSeparableData() {
        var generator = RandomGenerator(seed: 18)
        let candidates = Tensor.randomUniform([400, 2], in: -1...1, using: &generator).scalars
        var points: [Float] = [], labels: [Float] = []
        for i in 0..<400 {
            let (a, b) = (candidates[2 * i], candidates[2 * i + 1])
            let side = 0.6 * a - 0.8 * b + 0.1
            guard Swift.abs(side) > 0.05 else { continue }
            points += [a, b]
            labels.append(side > 0 ? 1 : 0)
        }
        let inputs = Tensor(shape: [labels.count, 2], scalars: points)
        var perceptron = Perceptron(features: 2, learningRate: 0.5)
        let training = perceptron.fit(inputs, targets: Tensor(labels), maxEpochs: 1000)
        #expect(training.converged)
        #expect(perceptron.predict(inputs).scalars == labels)
    }

    /// No line separates XOR: the rule never completes a pass without a mistake, and at most three of
    /// the four points are ever classified correctly.
    @Test func failsOnXOR() {
        var perceptron = Perceptron(features: 2)
        let targets: [Float] = [0, 1, 1, 0]
        let training = perceptron.fit(Self.gateInputs, targets: Tensor(targets), maxEpochs: 200)
        #expect(!training.converged)
        #expect(training.errorsPerEpoch.count == 200 && training.errorsPerEpoch.allSatisfy { $0 > 0 })
        let correct = zip(perceptron.predict(Self.gateInputs).scalars, targets).filter { $0 == $1 }.count
        #expect(correct <= 3)
    }
}
