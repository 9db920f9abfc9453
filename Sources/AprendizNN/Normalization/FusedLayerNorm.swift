import AprendizAutodiff
import AprendizTensor

/// Layer normalisation over the last axis as one recorded operation (§24.3.1), forward and backward in
/// one pass over the rows each (the path ``LayerNorm`` takes for a one-axis normalized shape).
///
/// ```
/// μ = mean(x_row),  σ² = mean((x_row − μ)²),  r = 1/√(σ² + ε),  x̂ = (x − μ)·r,  y = x̂ ⊙ γ + β
/// ĝ = g ⊙ γ:   ∂L/∂x = r·(ĝ − mean(ĝ) − x̂·mean(ĝ ⊙ x̂))     ∂L/∂γ = Σ_rows g ⊙ x̂     ∂L/∂β = Σ_rows g
/// ```
/// The composite form (``standardized(_:axes:epsilon:)`` then the affine map) allocates about ten
/// row-sized temporaries forward and backward; this keeps x̂ and r only. A backward pass that records
/// the gradient's own graph (`createGraph: true`) differentiates the composite form instead, so second
/// derivatives stay exact.
func fusedLayerNorm(_ input: Variable, weight: Variable?, bias: Variable?, epsilon: Float) -> Variable {
    let features = input.shape[input.shape.count - 1]
    let rows = input.value.count / max(features, 1)
    var normalized = Tensor(uninitializedShape: input.shape)
    var output = Tensor(uninitializedShape: input.shape)
    var reciprocal = Tensor(uninitializedShape: [rows])
    input.value.withUnsafeBufferPointer { x in
        normalized.withUnsafeMutableBufferPointer { xhat in
            output.withUnsafeMutableBufferPointer { y in
                reciprocal.withUnsafeMutableBufferPointer { r in
                    let gamma = weight?.value, beta = bias?.value
                    KernelPartition.forEachChunk(rows, grain: features) { first, end in      // rows are independent
                        for row in first..<end {
                            let base = row * features
                            var sum: Float = 0
                            for j in 0..<features { sum += x[base + j] }
                            let mean = sum / Float(features)
                            var squares: Float = 0
                            for j in 0..<features { let d = x[base + j] - mean; squares += d * d }
                            let scale = 1 / (squares / Float(features) + epsilon).squareRoot()
                            r[row] = scale
                            for j in 0..<features { xhat[base + j] = (x[base + j] - mean) * scale }
                        }
                    }
                    affineRows(xhat, gamma: gamma, beta: beta, into: y, rows: rows, features: features)
                }
            }
        }
    }
    guard GradientMode.isRecording,
          input.requiresGradient || weight?.requiresGradient == true || bias?.requiresGradient == true else {
        return Variable(output)
    }
    let inputs = [input] + (weight.map { [$0] } ?? []) + (bias.map { [$0] } ?? [])
    return Variable.recording(output, inputs: inputs, operation: "layerNorm") { [normalized, reciprocal] g, _ in
        guard !GradientMode.isRecording else {
            // createGraph: the composite form's gradient, itself differentiable (g enters the graph).
            let composite = affine(standardized(input, axes: [input.shape.count - 1], epsilon: epsilon).output,
                                   weight: weight, bias: bias)
            return Variable.gradients(of: (composite * g).sum(), withRespectTo: inputs, createGraph: true)
        }
        return layerNormBackward(g.value, normalized: normalized, reciprocal: reciprocal, weight: weight, bias: bias,
                                 rows: rows, features: features).map { $0.map { Variable($0) } }
    }
}

/// y = x̂ ⊙ γ + β row by row (γ, β absent: 1 and 0).
private func affineRows(_ xhat: UnsafeMutableBufferPointer<Float>, gamma: Tensor?, beta: Tensor?,
                        into y: UnsafeMutableBufferPointer<Float>, rows: Int, features: Int) {
    let ones = [Float](repeating: 1, count: features), zeros = [Float](repeating: 0, count: features)
    (gamma?.scalars ?? ones).withUnsafeBufferPointer { w in
        (beta?.scalars ?? zeros).withUnsafeBufferPointer { b in
            KernelPartition.forEachChunk(rows, grain: features) { first, end in
                for row in first..<end {
                    let base = row * features
                    for j in 0..<features { y[base + j] = xhat[base + j] * w[j] + b[j] }
                }
            }
        }
    }
}

/// The gradients of ``fusedLayerNorm(_:weight:bias:epsilon:)`` for input, γ (if any) and β (if any).
private func layerNormBackward(_ upstream: Tensor, normalized: Tensor, reciprocal: Tensor, weight: Variable?,
                               bias: Variable?, rows: Int, features: Int) -> [Tensor?] {
    var inputGradient = Tensor(uninitializedShape: upstream.shape)
    // ∂L/∂γ and ∂L/∂β sum over rows: each of a fixed number of row chunks (whatever the thread count, so the
    // sums do not depend on it) sums into its own partial sums, added in chunk order.
    let chunks = min(64, max(1, rows * features / KernelPartition.minimumParallelElements)), size = (rows + chunks - 1) / chunks
    var partial = [Float](repeating: 0, count: 2 * chunks * features)
    let gamma = weight?.value.scalars ?? [Float](repeating: 1, count: features)
    upstream.withUnsafeBufferPointer { g in
        normalized.withUnsafeBufferPointer { xhat in
            reciprocal.withUnsafeBufferPointer { r in
                inputGradient.withUnsafeMutableBufferPointer { dx in
                    partial.withUnsafeMutableBufferPointer { partial in
                        Parallel.forEach(chunks) { chunk in
                            let weightGradient = partial.baseAddress! + 2 * chunk * features, biasGradient = weightGradient + features
                            for row in (chunk * size)..<min(rows, (chunk + 1) * size) {
                                let base = row * features
                                var sumG: Float = 0, sumGX: Float = 0
                                for j in 0..<features {
                                    let gj = g[base + j], xj = xhat[base + j], scaled = gj * gamma[j]
                                    sumG += scaled
                                    sumGX += scaled * xj
                                    weightGradient[j] += gj * xj
                                    biasGradient[j] += gj
                                }
                                let meanG = sumG / Float(features), meanGX = sumGX / Float(features), scale = r[row]
                                for j in 0..<features {
                                    dx[base + j] = scale * (g[base + j] * gamma[j] - meanG - xhat[base + j] * meanGX)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    var weightGradient = [Float](repeating: 0, count: features), biasGradient = [Float](repeating: 0, count: features)
    for chunk in 0..<chunks {
        for j in 0..<features {
            weightGradient[j] += partial[2 * chunk * features + j]
            biasGradient[j] += partial[(2 * chunk + 1) * features + j]
        }
    }
    var result: [Tensor?] = [inputGradient]
    if let weight { result.append(Tensor(shape: weight.shape, scalars: weightGradient)) }
    if let bias { result.append(Tensor(shape: bias.shape, scalars: biasGradient)) }
    return result
}
