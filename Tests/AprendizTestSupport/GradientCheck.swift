import Aprendiz
import Testing

/// Finite-difference gradient check.
///
/// Evaluates `function` (which must reduce to a scalar) at the inputs, back-propagates, and compares
/// each gradient element with the central difference (f(x + h) − f(x − h)) / 2h, where the two
/// function values are summed in `Double` (the scalar of a Float tensor is widened before the
/// difference, and the sum is re-done in Double from the output elements). `h` is relative to |x|.
public func expectGradientsMatchFiniteDifferences(
    _ inputs: [Tensor], step: Float = 1e-2, absolute: Double = 2e-3, relative: Double = 2e-2,
    sourceLocation: SourceLocation = #_sourceLocation, _ function: ([Variable]) -> Variable
) {
    let variables = inputs.map { Variable($0, requiresGradient: true) }
    let output = function(variables)
    let seed = Tensor.ones(output.shape)
    output.backward(seed)
    func evaluate(_ values: [Tensor]) -> Double {
        let result = withoutGradient { function(values.map { Variable($0) }) }
        return result.value.scalars.reduce(0.0) { $0 + Double($1) }
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
            let actualStep = Double(x + h) - Double(x - h)
            let numeric = (evaluate(plus) - evaluate(minus)) / actualStep
            let difference = Swift.abs(numeric - Double(analytic[i]))
            if difference > absolute + relative * Swift.abs(numeric) {
                Issue.record("input \(which) element \(i): autodiff \(analytic[i]) vs finite difference \(numeric)",
                             sourceLocation: sourceLocation)
                return
            }
        }
    }
}
