import AprendizTensor

/// Why saved optimizer state could not be restored.
public enum OptimizerStateError: Error, Equatable, CustomStringConvertible {
    /// A key the optimizer needs is absent.
    case missingKey(String)
    /// A buffer's saved shape differs from its parameter's.
    case shapeMismatch(key: String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case .missingKey(let key): "optimizer state: missing tensor '\(key)'"
        case .shapeMismatch(let key, let expected, let found): "optimizer state: '\(key)' has shape \(found), expected \(expected)"
        }
    }
}

/// The naming of saved optimizer state (PyTorch's `state_dict` flattened to tensor names).
///
/// ```
/// state.step                 updates applied by the optimizer (drives the schedule)
/// state.<i>.step             updates applied to parameter i (drives bias corrections)
/// state.<i>.<buffer>         parameter i's buffer, e.g. state.0.exp_avg
/// ```
/// Step counts are stored as one-element Float tensors (exact up to 2²⁴ steps).
enum OptimizerStateKeys {
    static let step = "state.step"

    static func encode(iterations: Int, states: [ParameterState?], names: [String]) -> [String: Tensor] {
        var tensors = [step: Tensor(Float(iterations))]
        for (index, state) in states.enumerated() {
            guard let state else { continue }
            tensors["state.\(index).step"] = Tensor(Float(state.step))
            for (name, buffer) in zip(names, state.buffers) { tensors["state.\(index).\(name)"] = buffer }
        }
        return tensors
    }

    /// Decodes the state of each parameter (nil where none was saved: that parameter never stepped).
    static func decode(_ tensors: [String: Tensor], parameters: [Tensor], template: (Tensor) -> ParameterState,
                       names: [String]) throws -> (iterations: Int, states: [ParameterState?]) {
        guard let iterations = tensors[step] else { throw OptimizerStateError.missingKey(step) }
        let states = try parameters.enumerated().map { index, parameter -> ParameterState? in
            guard let saved = tensors["state.\(index).step"] else { return nil }
            var state = template(parameter)
            state.step = Int(saved.scalar)
            for (slot, name) in names.enumerated() {
                let key = "state.\(index).\(name)"
                guard let buffer = tensors[key] else { throw OptimizerStateError.missingKey(key) }
                let expected = state.buffers[slot].shape
                guard buffer.shape == expected else {
                    throw OptimizerStateError.shapeMismatch(key: key, expected: expected, found: buffer.shape)
                }
                state.buffers[slot] = buffer
            }
            return state
        }
        return (Int(iterations.scalar), states)
    }
}
