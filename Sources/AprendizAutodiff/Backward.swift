import AprendizTensor

extension Variable {
    /// Back-propagates from this variable, adding ∂self/∂leaf into every reachable leaf's ``grad``.
    ///
    /// - Parameters:
    ///   - seed: the upstream gradient ∂L/∂self; may be omitted for a one-element variable (then it is 1).
    ///   - gradientReady: called once for each reachable leaf that requires gradients, as soon as its
    ///     ``grad`` is final: in reverse topological order, when every node that uses the leaf has passed
    ///     its gradient on, so no remaining node of the walk can add to it (PyTorch's
    ///     `register_post_accumulate_grad_hook`). Data-parallel training starts a bucket's all-reduce there,
    ///     while the rest of the backward pass runs. Leaves the walk does not reach are not called.
    public func backward(_ seed: Tensor? = nil, gradientReady: ((Variable) -> Void)? = nil) {
        Variable.propagate(from: self, seed: seed, createGraph: false) { leaf, gradient in
            if let existing = leaf.grad { leaf.grad = existing + gradient.value } else { leaf.grad = gradient.value }
            gradientReady?(leaf)
        }
    }

    /// ∂output/∂input for each input (PyTorch's `torch.autograd.grad`), without touching ``grad``.
    ///
    /// With `createGraph: true` the returned gradients are themselves recorded, so differentiating
    /// them again gives second derivatives (see ``hessian(of:at:)``). An input the output does not
    /// depend on gets a zero gradient.
    public static func gradients(of output: Variable, withRespectTo inputs: [Variable], seed: Tensor? = nil,
                                 createGraph: Bool = false) -> [Variable] {
        var found: [(leaf: Variable, gradient: Variable)] = []
        propagate(from: output, seed: seed, createGraph: createGraph, stopAt: inputs) { found.append(($0, $1)) }
        return inputs.map { input in
            found.first { $0.leaf === input }?.gradient ?? Variable(Tensor.zeros(like: input.value))
        }
    }

    /// The reverse walk shared by ``backward(_:gradientReady:)`` and ``gradients(of:withRespectTo:seed:createGraph:)``.
    /// Calls `reached` with the gradient reaching each leaf (or each variable in `stopAt`) as soon as it is
    /// complete: every node that uses it comes before it in the reverse topological order.
    static func propagate(from output: Variable, seed: Tensor?, createGraph: Bool, stopAt targets: [Variable] = [],
                          reached: (_ leaf: Variable, _ gradient: Variable) -> Void) {
        require(output.requiresGradient, "backward: the output does not require gradients (no input requires them, or it was computed without recording)")
        let start: Tensor
        if let seed {
            require(seed.shape == output.shape, "backward: seed shape \(seed.shape) differs from output shape \(output.shape)")
            start = seed
        } else {
            require(output.value.count == 1, "backward: output of shape \(output.shape) is not a scalar; pass a seed gradient")
            start = Tensor.ones(like: output.value)
        }
        let targetIDs = Set(targets.map(ObjectIdentifier.init))
        let order = topologicalOrder(from: output, stoppingAt: targetIDs)
        var pending: [ObjectIdentifier: Variable] = [ObjectIdentifier(output): Variable(start)]
        GradientMode.$recordingFlag.withValue(createGraph) {
            for node in order.reversed() {
                guard let upstream = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
                let isTarget = targetIDs.contains(ObjectIdentifier(node))
                if node.isLeaf || isTarget {
                    if targetIDs.isEmpty || isTarget { reached(node, upstream) }
                    continue
                }
                let inputGradients = node.vectorJacobianProduct!(upstream, node)
                for (input, gradient) in zip(node.inputs, inputGradients) {
                    guard let gradient, input.requiresGradient else { continue }
                    require(gradient.shape == input.shape,
                                 "backward of \(node.operation): gradient shape \(gradient.shape) differs from input shape \(input.shape)")
                    let key = ObjectIdentifier(input)
                    pending[key] = pending[key].map { $0 + gradient } ?? gradient
                }
            }
        }
    }

    /// Nodes reachable from `output` through inputs that require gradients, each after all of its
    /// inputs (iterative depth-first search, so deep graphs do not overflow the stack).
    private static func topologicalOrder(from output: Variable, stoppingAt targets: Set<ObjectIdentifier>) -> [Variable] {
        var order: [Variable] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Variable, Int)] = [(output, 0)]
        visited.insert(ObjectIdentifier(output))
        while let (node, next) = stack.popLast() {
            let stop = targets.contains(ObjectIdentifier(node))
            if !stop, next < node.inputs.count {
                stack.append((node, next + 1))
                let input = node.inputs[next]
                if input.requiresGradient, visited.insert(ObjectIdentifier(input)).inserted {
                    stack.append((input, 0))
                }
            } else {
                order.append(node)
            }
        }
        return order
    }
}
