import Foundation

/// The book's appendix A table, extended to every activation Aprendiz has: formula, derivative,
/// range, section, advantages and drawbacks (translated from Tabela A.1 where the book has a row).
public struct ActivationSummary: Sendable {
    /// f(z) as text.
    public let formula: String
    /// f′(z) as text.
    public let derivative: String
    /// The range of values f takes.
    public let range: String
    /// The book section that derives it.
    public let section: String
    /// Why to use it (appendix A).
    public let advantages: String
    /// What goes wrong with it (appendix A).
    public let drawbacks: String
}

extension Activation {
    /// This activation's row of the appendix A table.
    public var summary: ActivationSummary {
        switch self {
        case .sigmoid: row("1/(1 + e^−z)", "σ(z)(1 − σ(z))", "(0, 1)", "§7.3, eqs. 7.2–7.4",
                           "output in (0, 1), read as a probability; smooth", "not zero-centred; vanishing gradient (σ′ ≤ ¼)")
        case .tanh: row("(e^z − e^−z)/(e^z + e^−z)", "1 − tanh²(z)", "(−1, 1)", "§7.4, eqs. 7.5–7.7",
                        "zero-centred, faster convergence; stronger gradient than the sigmoid", "still vanishes for |z| ≳ 4")
        case .softsign: row("z/(1 + |z|)", "1/(1 + |z|)²", "(−1, 1)", "§7.5, eqs. 7.8–7.9",
                            "no exponential; saturates more slowly than tanh", "derivative cannot reuse the output")
        case .hardSigmoid: row("clip(z/6 + ½, 0, 1)", "1/6 on (−3, 3), 0 elsewhere", "[0, 1]", "§7.6, eqs. 7.10–7.11",
                               "very fast; suits low-power hardware", "not smooth; zero gradient outside (−3, 3); an approximation")
        case .hardTanh: row("clip(z, −1, 1)", "1 on (−1, 1), 0 elsewhere", "[−1, 1]", "§7.6, eqs. 7.12–7.13",
                            "very fast and zero-centred", "not smooth; zero gradient on most of the line")
        case .relu: row("max(0, z)", "1 for z > 0, 0 for z ≤ 0", "[0, ∞)", "§8.2, eqs. 8.3–8.4",
                        "cheap; no vanishing gradient for z > 0; sparse activations",
                        "not zero-centred; units can die (§8.3); unbounded (exploding gradients, §8.7)")
        case .leakyReLU: row("z for z ≥ 0, αz otherwise (α = \(number(LeakyReLU.defaultAlpha)))", "1 for z > 0, α for z ≤ 0", "(−∞, ∞)", "§8.5.1, eqs. 8.5–8.6",
                             "fixes dying ReLU", "α is not learned; results vary with α")
        case .prelu: row("z for z ≥ 0, α_c·z otherwise (α₀ = \(number(PReLU.defaultAlpha)), learned)", "1 for z > 0, α_c for z ≤ 0; ∂/∂α_c = Σ min(z, 0)",
                         "(−∞, ∞)", "§8.5.2, eqs. 8.7–8.8",
                         "α learned per channel at almost no cost; can improve accuracy", "may overfit with little data")
        case .rrelu: row("z for z > 0, a·z otherwise; a ~ U(1/8, 1/3) in training, (l + u)/2 in inference",
                         "1 for z > 0, a for z ≤ 0", "(−∞, ∞)", "§8.5.3, eqs. 8.9–8.11",
                         "random slopes regularise (less overfitting)", "stochastic training; two hyper-parameters")
        case .elu: row("z for z > 0, α(e^z − 1) otherwise (α = \(number(ELU.defaultAlpha)))", "1 for z > 0, ELU(z) + α for z ≤ 0", "(−α, ∞)", "§8.6.1, eqs. 8.12–8.13",
                       "mean activation near zero; more robust to noise than LReLU/PReLU", "costs an exponential")
        case .selu: row("λ·ELU_α(z), λ = 1.0507, α = 1.6733", "λ for z > 0, SELU(z) + λα for z ≤ 0", "(−λα, ∞)", "§8.6.2, eqs. 8.14–8.15",
                        "self-normalising; avoids vanishing and exploding gradients in deep dense nets",
                        "needs LeCun-normal initialisation; costs an exponential")
        case .noisyReLU: row("0 for z ≤ 0, z + N(0, σ(z)) otherwise (training); max(0, z) (inference)",
                             "1 for z > 0, 0 for z ≤ 0 (eq. 8.20, noise ignored)", "ℝ in training, [0, ∞) in inference",
                             "§8.6.3, eqs. 8.19–8.20", "noise regularises; intensity equivariance (RBMs)",
                             "stochastic; backward pass ignores the noise")
        case .gelu: row("z·Φ(z) = ½z(1 + erf(z/√2))", "Φ(z) + z·φ(z)", "[−0.17, ∞)", "§9.1, eqs. 9.1, 9.4–9.5",
                        "smooth everywhere; state of the art in Transformers (BERT, GPT)", "costlier than ReLU")
        case .geluTanh: row("½z(1 + tanh(√(2/π)(z + 0.044715z³)))", "½(1 + tanh u) + ½z(1 − tanh²u)·u′", "[−0.17, ∞)", "§9.1, eq. 9.2",
                            "GELU without erf (BERT, GPT-2)", "an approximation (error < 5e-4)")
        case .geluSigmoid: row("z·σ(1.702z)", "σ(1.702z) + 1.702z·σ(1.702z)(1 − σ(1.702z))", "[−0.164, ∞)", "§9.1, eq. 9.3",
                               "cheapest GELU", "coarser approximation (error < 2.1e-2)")
        case .swish: row("z·σ(βz) (β = 1: SiLU)", "β·swish(z) + σ(βz)(1 − β·swish(z))", "[−0.28, ∞) for β = 1", "§9.2, eqs. 9.6–9.7",
                         "smooth, non-monotonic; often beats ReLU in deep nets", "a sigmoid per element")
        case .wilsonCowan: row("σ(a(z − θ)) − σ(−aθ), a = 1.2, θ = 2.8", "a·σ(a(z − θ))(1 − σ(a(z − θ)))", "(−0.034, 0.966)",
                               "§7.3, eq. 7.1", "models neuron-population firing; S(0) = 0", "historical; not zero-centred")
        case .heaviside: row("1 for z ≥ 0, 0 otherwise", "0 (undefined at 0)", "{0, 1}", "§7.3, fig. 7.4",
                             "the perceptron's step (Rosenblatt 1958)", "zero gradient: cannot be trained by back-propagation")
        }
    }

    /// A default written without a trailing `.0` (`1`, `0.01`).
    private func number(_ value: Float) -> String {
        value == value.rounded() ? String(Int(value)) : "\(value)"
    }

    private func row(_ formula: String, _ derivative: String, _ range: String, _ section: String,
                     _ advantages: String, _ drawbacks: String) -> ActivationSummary {
        ActivationSummary(formula: formula, derivative: derivative, range: range, section: section,
                          advantages: advantages, drawbacks: drawbacks)
    }

    /// The appendix A table for every activation, as GitHub Markdown (written to Docs/Activations.md
    /// by `aprendiz plot activation --table`).
    public static func markdownTable() -> String {
        var lines = ["| Name | Family | f(z) | f′(z) | Range | Book | Advantages | Drawbacks |",
                     "|---|---|---|---|---|---|---|---|"]
        for activation in allCases {
            let s = activation.summary
            let cells = [activation.name, activation.family.rawValue, s.formula, s.derivative, s.range, s.section,
                         s.advantages, s.drawbacks].map { $0.replacingOccurrences(of: "|", with: "\\|") }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
