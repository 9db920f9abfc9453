import AprendizTensor

// Reductions. Their VJPs broadcast the upstream gradient back over the reduced axes.

extension Variable {
    /// Σ over the given axes (all when nil); ∂/∂x = 1 for every summed element.
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Variable {
        let inputShape = shape
        let kept = Tensor.reducedShape(inputShape, axes: axes, keepDims: true)
        return Variable.recording(value.sum(axes: axes, keepDims: keepDims), inputs: [self], operation: "sum") { g, _ in
            [g.reshaped(kept).broadcast(to: inputShape)]
        }
    }

    /// Σ over one axis.
    public func sum(axis: Int, keepDims: Bool = false) -> Variable { sum(axes: [axis], keepDims: keepDims) }

    /// Mean over the given axes; ∂/∂x = 1/n.
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) -> Variable {
        let n = Float(value.reducedCount(axes))
        return sum(axes: axes, keepDims: keepDims) / n
    }

    /// Mean over one axis.
    public func mean(axis: Int, keepDims: Bool = false) -> Variable { mean(axes: [axis], keepDims: keepDims) }

    /// Maximum over the given axes. The gradient is shared equally among tied maxima (PyTorch's `amax`).
    public func max(axes: [Int]? = nil, keepDims: Bool = false) -> Variable { extremum(axes: axes, keepDims: keepDims, largest: true) }

    /// Maximum over one axis.
    public func max(axis: Int, keepDims: Bool = false) -> Variable { max(axes: [axis], keepDims: keepDims) }

    /// Minimum over the given axes; ties share the gradient (PyTorch's `amin`).
    public func min(axes: [Int]? = nil, keepDims: Bool = false) -> Variable { extremum(axes: axes, keepDims: keepDims, largest: false) }

    /// Minimum over one axis.
    public func min(axis: Int, keepDims: Bool = false) -> Variable { min(axes: [axis], keepDims: keepDims) }

    /// Variance Σ(x − x̄)²/(n − correction), composed from mean, subtraction and sum, so its
    /// gradient 2(x − x̄)/(n − correction) comes from autodiff.
    public func variance(axes: [Int]? = nil, correction: Int = 0, keepDims: Bool = false) -> Variable {
        let n = value.reducedCount(axes)
        let deviations = self - mean(axes: axes, keepDims: true)
        return deviations.squared().sum(axes: axes, keepDims: keepDims) / Float(n - correction)
    }

    /// log Σ exp(x) over the given axes (stable); ∂/∂x = softmax(x) = exp(x − y).
    public func logSumExp(axes: [Int]? = nil, keepDims: Bool = false) -> Variable {
        let x = self
        let kept = Tensor.reducedShape(shape, axes: axes, keepDims: true)
        return Variable.recording(value.logSumExp(axes: axes, keepDims: keepDims), inputs: [x], operation: "logsumexp") { g, y in
            [g.reshaped(kept) * (x - y.reshaped(kept)).exp()]
        }
    }

    private func extremum(axes: [Int]?, keepDims: Bool, largest: Bool) -> Variable {
        let x = self
        let kept = Tensor.reducedShape(shape, axes: axes, keepDims: true)
        let result = largest ? value.max(axes: axes, keepDims: keepDims) : value.min(axes: axes, keepDims: keepDims)
        return Variable.recording(result, inputs: [x], operation: largest ? "max" : "min") { g, y in
            let mask = x.value.equal(y.value.reshaped(kept))
            let ties = mask.sum(axes: axes, keepDims: true)
            return [g.reshaped(kept) * (mask / ties)]
        }
    }
}
