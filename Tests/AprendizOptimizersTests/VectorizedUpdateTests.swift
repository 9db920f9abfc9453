import Aprendiz
import Testing

/// Every rule writes its formula once and runs it eight elements at a time, with a scalar loop for
/// the tail. The PyTorch fixtures (6-element parameters) exercise the scalar loop; here a
/// 21-element parameter (two vectors and a tail of five) must be updated exactly as 21 separate
/// one-element parameters are, over several steps, with and without weight decay — and state
/// that decays into the subnormal range is flushed to zero (§6.4: it no longer affects any update).
@Suite struct VectorizedUpdateTests {
    static let rules: [(String, any UpdateRule)] = [
        ("SGD", SGDRule(weightDecay: 0.01)), ("SGD momentum", SGDRule(momentum: 0.9)),
        ("SGD Nesterov", SGDRule(momentum: 0.9, nesterov: true, weightDecay: 0.01)), ("NAG", NAGRule()),
        ("Momentum", MomentumRule(weightDecay: 0.01)), ("HeavyBall", HeavyBallRule(weightDecay: 0.01)),
        ("AdaGrad", AdaGradRule(weightDecay: 0.01)), ("RMSProp", RMSPropRule(weightDecay: 0.01)),
        ("Adam", AdamRule(weightDecay: 0.01)), ("AdamW", AdamWRule()), ("AdaMax", AdaMaxRule(weightDecay: 0.01)),
        ("Nadam", NadamRule(weightDecay: 0.01)), ("RAdam", RAdamRule(weightDecay: 0.01)), ("Lion", LionRule(weightDecay: 0.01)),
    ]

    @Test(arguments: rules.map(\.0))
    func vectorBodyMatchesScalarTail(_ name: String) {
        let rule = Self.rules.first { $0.0 == name }!.1
        var generator = RandomGenerator(seed: 9)
        let count = 21
        var whole = Tensor.randomUniform([count], in: -1...1, using: &generator)
        var singles = whole.scalars.map { Tensor([$0]) }
        var state = rule.makeState(for: whole)
        var singleStates = singles.map { rule.makeState(for: $0) }
        for _ in 0..<7 {   // RAdam switches to its rectified update after step 5
            let gradient = Tensor.randomUniform([count], in: -1...1, using: &generator)
            rule.update(parameter: &whole, gradient: gradient, state: &state, learningRate: 0.01)
            for i in 0..<count {
                rule.update(parameter: &singles[i], gradient: Tensor([gradient.scalars[i]]), state: &singleStates[i], learningRate: 0.01)
            }
        }
        #expect(whole.scalars.map(\.bitPattern) == singles.map { $0.scalars[0].bitPattern })
        for (b, buffer) in state.buffers.enumerated() {
            #expect(buffer.scalars.map(\.bitPattern) == singleStates.map { $0.buffers[b].scalars[0].bitPattern })
        }
    }

    @Test(arguments: ["RMSProp", "Adam", "Momentum", "Lion"])
    func subnormalStateIsFlushedInBothLoops(_ name: String) {
        let rule = Self.rules.first { $0.0 == name }!.1
        var parameter = Tensor(repeating: 0.5, shape: [21])
        var state = rule.makeState(for: parameter)
        // State one step away from the subnormal range, and no more gradient: a dead unit.
        state.buffers = state.buffers.map { _ in Tensor(repeating: Float.leastNormalMagnitude * 1.01, shape: [21]) }
        rule.update(parameter: &parameter, gradient: Tensor.zeros([21]), state: &state, learningRate: 0.01)
        for buffer in state.buffers {
            #expect(buffer.scalars.allSatisfy { $0 == 0 || $0.isNormal }, "\(name): \(buffer.scalars.prefix(3))")
        }
    }
}
