import AprendizTensor

/// An optimizer whose internal state (momenta, step counts) can be written to and restored from a
/// model file, so that training resumes exactly where it stopped.
///
/// The model file stores each tensor under `optimizer.<key>` next to the parameters. Keys follow
/// PyTorch's flattened `state_dict`: `state.step`, `state.<parameter index>.<buffer>`.
public protocol OptimizerStateSaving: AnyObject {
    /// The state as named tensors.
    func stateTensors() -> [String: Tensor]
    /// Restores state written by ``stateTensors()``.
    func loadState(_ tensors: [String: Tensor]) throws
}
