import Aprendiz
import AprendizTestSupport
import Testing

/// Without a graph to record, layers return plain values (nothing saved for a backward pass);
/// with one, ReLU's mask is the one of the forward pass even if the input changes before backward.
@Suite struct InferenceModeTests {
    @Test func denseAndReLURecordNothingWithoutGradient() {
        var generator = RandomGenerator(seed: 1)
        let layer = Dense(4, 3, using: &generator)
        let x = Variable(Tensor.randomUniform([2, 4], in: -1...1, using: &generator))
        let (inference, recorded) = (withoutGradient { relu(layer(x)) }, relu(layer(x)))
        #expect(inference.isLeaf && !inference.requiresGradient)
        #expect(!recorded.isLeaf && recorded.operation == "relu")
        expectClose(inference.value, recorded.value, absolute: 0, relative: 0)
    }

    @Test func reluMaskIsTakenFromTheForwardPass() {
        let x = Variable(Tensor([-1, 2, -3, 4]), requiresGradient: true)
        let y = relu(x)
        x.value = Tensor([1, -2, 3, -4])       // e.g. an optimizer step before backward
        y.backward(Tensor([1, 1, 1, 1]))
        #expect(x.grad!.scalars == [0, 1, 0, 1])
    }
}
