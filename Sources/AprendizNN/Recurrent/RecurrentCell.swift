/// The recurrent cells of chapter 23: what one time step computes from the input projection
/// a = x·W_ih + b_ih, the hidden projection r = h·W_hh + b_hh and the previous state.
///
/// ```
/// elman (§23.2):   h = tanh(a + r)                                         1 gate block
/// lstm (§23.5.1):  [i, f, g, o] pre-activations = a + r                    4 gate blocks (PyTorch's order)
///                  i = σ(zᵢ + pᵢ⊙c₋₁)   f = σ(z_f + p_f⊙c₋₁)   g = tanh(z_g)
///                  c = f⊙c₋₁ + i⊙g      o = σ(z_o + p_o⊙c)     h = o⊙tanh(c)
///                  (p = 0 without peepholes; with them, §23.5.2, Gers & Schmidhuber 2000)
/// gru (§23.5.3):   r = σ(a_r + r_r)   z = σ(a_z + r_z)   n = tanh(a_n + r⊙r_n)
///                  h = (1 − z)⊙n + z⊙h₋₁                                 3 gate blocks (PyTorch's convention)
/// ```
public enum RecurrentCell: Sendable, Equatable {
    /// The simple (Elman) recurrent neuron with tanh.
    case elman
    /// Long short-term memory, optionally with peephole connections from the cell state to the gates.
    case lstm(peepholes: Bool)
    /// The gated recurrent unit as PyTorch writes it (the reset gate multiplies r_n = h·W_hn + b_hn).
    case gru

    /// The number of H-wide blocks in the projections: 1, 4 or 3.
    public var gateCount: Int {
        switch self {
        case .elman: 1
        case .lstm: 4
        case .gru: 3
        }
    }

    /// The name used in model files and on the command line (`rnn`, `lstm`, `lstm-peephole`, `gru`).
    public var name: String {
        switch self {
        case .elman: "rnn"
        case .lstm(let peepholes): peepholes ? "lstm-peephole" : "lstm"
        case .gru: "gru"
        }
    }

    /// The cell called `name` (see ``name``), or `nil`.
    public init?(name: String) {
        switch name {
        case "rnn": self = .elman
        case "lstm": self = .lstm(peepholes: false)
        case "lstm-peephole": self = .lstm(peepholes: true)
        case "gru": self = .gru
        default: return nil
        }
    }
}
