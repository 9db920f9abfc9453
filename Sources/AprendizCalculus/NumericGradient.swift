import AprendizTensor

/// The gradient of a scalar function of several variables by central differences (§3.4, derivadas
/// parciais): each partial derivative ∂f/∂xᵢ is the ordinary derivative along coordinate i with the others
/// held fixed.
///
/// ```
/// ∇f(x) = (∂f/∂x₁, …, ∂f/∂xₙ),   ∂f/∂xᵢ ≈ five-point central difference along eᵢ (see numericDerivative)
/// ```
/// 4n evaluations. For `Variable` computations use autodiff instead (`Variable.backward()`): exact, and
/// one backward pass for every input.
public func numericGradient(of function: ([Double]) -> Double, at point: [Double]) -> [Double] {
    require(!point.isEmpty, "numericGradient: the point must have at least one coordinate")
    return point.indices.map { i in
        numericDerivative(of: { value in
            var moved = point
            moved[i] = value
            return function(moved)
        }, at: point[i])
    }
}

/// The Jacobian of a vector function by central differences (§3.4): row i holds the gradient of output i.
///
/// ```
/// J[i][j] = ∂fᵢ/∂xⱼ ≈ five-point central difference of output i along eⱼ
/// ```
/// Returns an m×n array for m outputs and n inputs (4n evaluations of the whole function). The autodiff
/// `jacobian(of:at:)` of AprendizAutodiff is the exact one for `Variable` functions.
public func numericJacobian(of function: ([Double]) -> [Double], at point: [Double]) -> [[Double]] {
    require(!point.isEmpty, "numericJacobian: the point must have at least one coordinate")
    let outputs = function(point).count
    var jacobian = [[Double]](repeating: [Double](repeating: 0, count: point.count), count: outputs)
    for j in point.indices {
        let h = NumericStep.first(at: point[j])
        func at(_ offset: Double) -> [Double] {
            var moved = point
            moved[j] = point[j] + offset
            let values = function(moved)
            require(values.count == outputs, "numericJacobian: the function returned \(values.count) outputs at one point and \(outputs) at another")
            return values
        }
        let (minus2, minus1, plus1, plus2) = (at(-2 * h), at(-h), at(h), at(2 * h))
        for i in 0..<outputs {
            jacobian[i][j] = (minus2[i] - 8 * minus1[i] + 8 * plus1[i] - plus2[i]) / (12 * h)
        }
    }
    return jacobian
}

/// The Hessian of a scalar function by central differences (§3.4: second partial derivatives; §6.6 uses it
/// in Newton's method).
///
/// ```
/// H[i][j] = ∂²f/∂xᵢ∂xⱼ ≈ [f(x + hᵢeᵢ + hⱼeⱼ) − f(x + hᵢeᵢ − hⱼeⱼ) − f(x − hᵢeᵢ + hⱼeⱼ) + f(x − hᵢeᵢ − hⱼeⱼ)] / (4hᵢhⱼ)
/// H[i][i] = numericSecondDerivative along eᵢ,     hᵢ = ε^(1/4)·max(|xᵢ|, 1)
/// ```
/// Symmetric by construction (the upper triangle is mirrored); about 8 correct digits for smooth
/// functions. The autodiff `hessian(of:at:)` of AprendizAutodiff is exact for `Variable` functions.
public func numericHessian(of function: ([Double]) -> Double, at point: [Double]) -> [[Double]] {
    require(!point.isEmpty, "numericHessian: the point must have at least one coordinate")
    let n = point.count
    var hessian = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    let steps = point.map(NumericStep.mixed(at:))
    func f(_ i: Int, _ di: Double, _ j: Int, _ dj: Double) -> Double {
        var moved = point
        moved[i] += di
        moved[j] += dj
        return function(moved)
    }
    for i in 0..<n {
        hessian[i][i] = numericSecondDerivative(of: { value in
            var moved = point
            moved[i] = value
            return function(moved)
        }, at: point[i])
        for j in (i + 1)..<n {
            let (hi, hj) = (steps[i], steps[j])
            let value = (f(i, hi, j, hj) - f(i, hi, j, -hj) - f(i, -hi, j, hj) + f(i, -hi, j, -hj)) / (4 * hi * hj)
            hessian[i][j] = value
            hessian[j][i] = value
        }
    }
    return hessian
}
