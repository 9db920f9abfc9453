import AprendizTensor

// Gradient, Jacobian and Hessian of functions written with Variable operations (§6.6.1).

/// The value and gradient of a scalar function at `point`: (f(x), ∇f(x)) with ∇f shaped like x.
///
/// ```
/// ∇f(x) = [∂f/∂x₁, …, ∂f/∂xₙ]
/// ```
/// One forward and one backward pass. A function that does not depend on x has gradient 0.
public func valueWithGradient(of function: (Variable) -> Variable, at point: Tensor) -> (value: Float, gradient: Tensor) {
    let x = Variable(point, requiresGradient: true)
    let y = withGradient { function(x) }
    require(y.value.count == 1, "valueWithGradient: the function returned shape \(y.shape), not a scalar")
    guard y.requiresGradient else { return (y.value.scalar, Tensor.zeros(like: point)) }
    return (y.value.scalar, Variable.gradients(of: y, withRespectTo: [x])[0].value)
}

/// The Jacobian matrix of a vector function F: ℝⁿ → ℝᵐ at `point` (eq. 6.18).
///
/// ```
/// J[i, j] = ∂Fᵢ/∂xⱼ        shape [m, n], m = F(x).count, n = x.count (both flattened)
/// ```
/// Row i is one backward pass seeded with the i-th unit vector (reverse mode: m passes).
public func jacobian(of function: (Variable) -> Variable, at point: Tensor) -> Tensor {
    let x = Variable(point, requiresGradient: true)
    let y = withGradient { function(x) }
    return rowsOfJacobian(output: y, input: x, createGraph: false).value
}

/// The Hessian matrix of a scalar function f: ℝⁿ → ℝ at `point` (eq. 6.19).
///
/// ```
/// H[i, j] = ∂²f/∂xᵢ∂xⱼ      shape [n, n], n = x.count
/// ```
/// The Jacobian of the gradient: one backward pass with `createGraph: true` gives ∇f as a
/// differentiable variable, then n more passes differentiate it (double backward). Symmetric for
/// twice continuously differentiable f.
public func hessian(of function: (Variable) -> Variable, at point: Tensor) -> Tensor {
    let x = Variable(point, requiresGradient: true)
    let y = withGradient { function(x) }
    require(y.value.count == 1, "hessian: the function returned shape \(y.shape), not a scalar")
    let n = point.count
    guard y.requiresGradient else { return Tensor.zeros([n, n]) }
    let gradient = withGradient { Variable.gradients(of: y, withRespectTo: [x], createGraph: true)[0] }
    return rowsOfJacobian(output: gradient, input: x, createGraph: false).value
}

/// The Jacobian of `output` with respect to `input` as a variable of shape [output.count, input.count].
private func rowsOfJacobian(output: Variable, input: Variable, createGraph: Bool) -> Variable {
    let m = output.value.count, n = input.value.count
    guard output.requiresGradient else { return Variable(Tensor.zeros([m, n])) }
    let rows = (0..<m).map { i -> Variable in
        var seed = Tensor.zeros([m])
        seed.withUnsafeMutableBufferPointer { $0[i] = 1 }
        let row = Variable.gradients(of: output, withRespectTo: [input], seed: seed.reshaped(output.shape),
                                     createGraph: createGraph)[0]
        return row.reshaped([1, n])
    }
    return Variable.concatenate(rows, axis: 0)
}
