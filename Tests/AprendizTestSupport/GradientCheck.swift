import Aprendiz
import Testing

/// Finite-difference gradient check in Double.
///
/// For each input element, evaluates `function` at x ± h (Float forward passes) and forms the central
/// difference of L = Σᵢ outputᵢ·upstreamᵢ element by element in `Double`:
/// Σᵢ (out⁺ᵢ − out⁻ᵢ)·uᵢ / (2h). Differencing per output element keeps large, unrelated outputs from
/// swamping the change. The result is compared with the autodiff gradient of the same L.
/// `h = step · max(1, |x|)`; `upstream` defaults to all ones.
public func expectGradientsMatchFiniteDifferences(
    _ inputs: [Tensor], upstream: Tensor? = nil, step: Float = 3e-3, absolute: Double = 2e-3, relative: Double = 2e-2,
    sourceLocation: SourceLocation = #_sourceLocation, _ function: ([Variable]) -> Variable
) {
    let variables = inputs.map { Variable($0, requiresGradient: true) }
    let output = function(variables)
    let seed = upstream ?? Tensor.ones(output.shape)
    output.backward(seed)
    let weights = seed.scalars.map(Double.init)
    func evaluate(_ values: [Tensor]) -> [Float] {
        withoutGradient { function(values.map { Variable($0) }) }.value.scalars
    }
    for (which, input) in inputs.enumerated() {
        guard let analytic = variables[which].grad?.scalars else {
            Issue.record("input \(which) received no gradient", sourceLocation: sourceLocation)
            continue
        }
        for i in 0..<input.count {
            let x = input.scalars[i]
            let h = step * Swift.max(1, Swift.abs(x))
            var plus = inputs, minus = inputs
            plus[which].withUnsafeMutableBufferPointer { $0[i] = x + h }
            minus[which].withUnsafeMutableBufferPointer { $0[i] = x - h }
            let high = evaluate(plus), low = evaluate(minus)
            var change = 0.0
            for j in high.indices where high[j] != low[j] { change += (Double(high[j]) - Double(low[j])) * weights[j] }
            let numeric = change / (Double(x + h) - Double(x - h))
            let difference = Swift.abs(numeric - Double(analytic[i]))
            if difference > absolute + relative * Swift.abs(numeric) {
                Issue.record("input \(which) element \(i) (x = \(x)): autodiff \(analytic[i]) vs finite difference \(numeric)",
                             sourceLocation: sourceLocation)
                return
            }
        }
    }
}
