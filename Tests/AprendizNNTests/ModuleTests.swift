import Aprendiz
import Testing

@Suite struct ModuleTests {
    final class Affine: Module {
        let weight = Variable(Tensor([[1, 2], [3, 4]]), requiresGradient: true)
        let bias = Variable(Tensor([0.5, -0.5]), requiresGradient: true)
        override func callAsFunction(_ x: Variable) -> Variable { x.matmul(weight) + bias }
    }
    final class Stack: Module {
        let layers: [Module] = [Affine(), Affine()]
        let frozen = Variable(Tensor([1]))
        override func callAsFunction(_ x: Variable) -> Variable { layers.reduce(x) { $1($0) } }
    }

    @Test func parametersAreDiscoveredWithDottedNames() {
        #expect(Stack().namedParameters().map(\.name) == ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"])
    }

    @Test func trainingModePropagatesToChildren() {
        let model = Stack()
        model.eval()
        #expect(!model.isTraining && model.namedChildren().allSatisfy { !$0.module.isTraining })
        model.train()
        #expect(model.namedChildren().allSatisfy { $0.module.isTraining })
    }

    @Test func forwardAndBackwardThroughSubmodules() {
        let model = Affine()
        // y = x·W + b with x = [1, 1]: [4.5, 5.5]; d(sum y)/dW = xᵀ·1 = all ones; d/db = [1, 1].
        let y = model(Tensor([[1, 1]]))
        #expect(y.value == Tensor([[4.5, 5.5]]))
        y.sum().backward()
        #expect(model.weight.grad == Tensor([[1, 1], [1, 1]]))
        #expect(model.bias.grad == Tensor([1, 1]))
    }
}
