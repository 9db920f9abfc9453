import Aprendiz
import Testing

/// State that decays into the subnormal range is flushed to zero in the vector body and in the
/// scalar tail alike (the running averages of §6.3–6.4: below 2⁻¹²⁶ the state no longer affects any update).
/// The updates themselves are checked against PyTorch on 6 and on 30 elements in
/// `OptimizerReferenceTests`.
@Suite struct VectorizedUpdateTests {
    /// Every optimizer of the catalogue (a new one is covered without editing this test).
    @Test(arguments: OptimizerKind.allCases)
    func subnormalStateIsFlushedInBothLoops(_ kind: OptimizerKind) {
        let rule = kind.rule, name = kind.name
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
