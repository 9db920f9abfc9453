import AprendizAutodiff
import AprendizTensor

// The GAN objective (§10.5, eq. 10.19; Goodfellow et al. 2014):
//     min_G max_D V(D, G) = E_x[log D(x)] + E_z[log(1 − D(G(z)))]
// split into the loss each player minimises. The discriminator's outputs are taken as logits
// (D = σ(logit)), so every log goes through the stable fused sigmoid + BCE primitive:
//     log D = −softplus(−logit),  log(1 − D) = −softplus(logit).

/// The discriminator's GAN loss, −V (§10.5, eq. 10.19).
///
/// ```
/// L_D = −(1/N) Σ log D(xᵢ) − (1/M) Σ log(1 − D(G(zⱼ)))
///     = mean softplus(−realLogits) + mean softplus(fakeLogits)
/// ∂L_D/∂realLogitᵢ = (σ(realLogitᵢ) − 1)/N,   ∂L_D/∂fakeLogitⱼ = σ(fakeLogitⱼ)/M
/// ```
/// Minimising it is the discriminator's max over V: binary cross-entropy with label 1 for real
/// samples and 0 for generated ones.
/// - Parameters:
///   - realLogits: the discriminator's logits on real samples, any shape.
///   - fakeLogits: its logits on generated samples, any shape.
public func ganDiscriminatorLoss(realLogits: Variable, fakeLogits: Variable) -> Variable {
    let real = logisticLossTerms(realLogits, Tensor.ones(realLogits.shape)).mean()
    let fake = logisticLossTerms(fakeLogits, Tensor.zeros(fakeLogits.shape)).mean()
    return real + fake
}

/// The generator's loss in the original minimax form (§10.5, eq. 10.19).
///
/// ```
/// L_G = (1/M) Σ log(1 − D(G(zⱼ))) = −mean softplus(fakeLogits)
/// ∂L_G/∂fakeLogitⱼ = −σ(fakeLogitⱼ)/M
/// ```
/// Exactly the generator's side of the minimax game, but it saturates: when the discriminator
/// confidently rejects the fakes (σ → 0, early in training) the gradient vanishes. Prefer
/// ``ganNonSaturatingGeneratorLoss(fakeLogits:)`` for training; this one is for study.
/// - Parameter fakeLogits: the discriminator's logits on generated samples, any shape.
public func ganMinimaxGeneratorLoss(fakeLogits: Variable) -> Variable {
    -logisticLossTerms(fakeLogits, Tensor.zeros(fakeLogits.shape)).mean()
}

/// The generator's non-saturating loss (Goodfellow et al. 2014, §3), the one used in practice.
///
/// ```
/// L_G = −(1/M) Σ log D(G(zⱼ)) = mean softplus(−fakeLogits)
/// ∂L_G/∂fakeLogitⱼ = (σ(fakeLogitⱼ) − 1)/M
/// ```
/// Same fixed point as the minimax form but a strong gradient exactly when the discriminator wins
/// (σ → 0 gives −1/M): binary cross-entropy of the fakes against the label "real".
/// - Parameter fakeLogits: the discriminator's logits on generated samples, any shape.
public func ganNonSaturatingGeneratorLoss(fakeLogits: Variable) -> Variable {
    logisticLossTerms(fakeLogits, Tensor.ones(fakeLogits.shape)).mean()
}
