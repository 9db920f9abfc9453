import Aprendiz
import Testing

/// `Variable.backward(_:gradientReady:)`: the per-leaf hook data-parallel training starts its all-reduces
/// from. Gradients worked by hand.
@Suite struct GradientReadyHookTests {
    /// loss = Σ (x·a)·b + Σ a·c, with x = [1, 2] a constant; a is used twice, early and late in the walk:
    /// ∂/∂a = x·b + c = [1·3 + 5, 2·4 + 6] = [8, 14],  ∂/∂b = x·a = [1·1, 2·2] = [1, 4],  ∂/∂c = a = [1, 2].
    @Test func firesOnceForEachLeafWithItsFinalGradient() {
        let x = Variable(Tensor([1, 2]))
        let a = Variable(Tensor([1, 2]), requiresGradient: true, name: "a")
        let b = Variable(Tensor([3, 4]), requiresGradient: true, name: "b")
        let c = Variable(Tensor([5, 6]), requiresGradient: true, name: "c")
        let unused = Variable(Tensor([7]), requiresGradient: true, name: "unused")
        let loss = (x * a * b).sum() + (a * c).sum()
        var seen: [(name: String, gradient: [Float])] = []
        loss.backward(gradientReady: { leaf in seen.append((leaf.name ?? "?", leaf.grad?.scalars ?? [])) })
        // Each leaf that requires gradients and is reached, once; not the constant x, not the unused leaf.
        #expect(seen.map(\.name).sorted() == ["a", "b", "c"])
        let final = Dictionary(uniqueKeysWithValues: seen.map { ($0.name, $0.gradient) })
        #expect(final["a"] == [8, 14])
        #expect(final["b"] == [1, 4])
        #expect(final["c"] == [1, 2])
        // What the hook saw is what stays in grad.
        #expect(a.grad?.scalars == [8, 14] && b.grad?.scalars == [1, 4] && c.grad?.scalars == [1, 2])
        #expect(unused.grad == nil)
    }

    /// A chain h = tanh(x·w₁ + b₁), loss = Σ h·w₂ + b₂: the layer nearest the loss is final first
    /// (reverse topological order), w₁ and b₁ only after the gradient has gone through tanh.
    @Test func firesInReverseTopologicalOrder() {
        let x = Variable(Tensor([[0.5, -1]]))
        let w1 = Variable(Tensor([[1, 2], [3, 4]]), requiresGradient: true, name: "w1")
        let b1 = Variable(Tensor([0.1, 0.2]), requiresGradient: true, name: "b1")
        let w2 = Variable(Tensor([[1], [-1]]), requiresGradient: true, name: "w2")
        let b2 = Variable(Tensor([0.3]), requiresGradient: true, name: "b2")
        let loss = ((x.matmul(w1) + b1).tanh().matmul(w2) + b2).sum()
        var order: [String] = []
        loss.backward(gradientReady: { order.append($0.name ?? "?") })
        #expect(order.count == 4)
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        #expect(position["w2"]! < position["w1"]! && position["w2"]! < position["b1"]!)
        #expect(position["b2"]! < position["w1"]! && position["b2"]! < position["b1"]!)
        // ∂/∂b₂ = 1; ∂/∂w₂ = tanh(x·w₁ + b₁) = tanh([0.5 − 3 + 0.1, 1 − 4 + 0.2]) = tanh([−2.4, −2.8]).
        #expect(b2.grad?.scalars == [1])
        let expected = [Float(-0.98367486), -0.99263152]
        for (value, reference) in zip(w2.grad?.scalars ?? [], expected) { #expect(abs(value - reference) < 1e-6) }
    }

    /// With or without the hook, and accumulating into an existing gradient, backward adds the same values.
    @Test func accumulatesLikeBackwardWithoutTheHook() {
        let a = Variable(Tensor([1, 2]), requiresGradient: true)
        a.grad = Tensor([10, 20])
        var calls = 0
        (a * a).sum().backward(gradientReady: { _ in calls += 1 })   // ∂/∂a = 2a = [2, 4]
        #expect(a.grad?.scalars == [12, 24])
        #expect(calls == 1)
        (a * a).sum().backward()
        #expect(a.grad?.scalars == [14, 28])
    }
}
