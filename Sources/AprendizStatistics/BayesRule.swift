import AprendizTensor

/// Bayes' rule over a finite set of mutually exclusive hypotheses (§5.2, "aprendendo com evidências"):
/// how the probability of each hypothesis changes after observing evidence E.
///
/// ```
/// P(Hᵢ | E) = P(E | Hᵢ)·P(Hᵢ) / P(E),      P(E) = Σⱼ P(E | Hⱼ)·P(Hⱼ)      (law of total probability, §5.1)
/// ```
/// Priors must be non-negative and sum to 1 (within 1e−9); likelihoods lie in [0, 1] and need not sum to
/// anything. Feeding `posteriors` back as the priors of the next observation updates the belief
/// sequentially (independent evidence). The book's §5.2 is a heading only; the worked examples in
/// `Docs/Statistics.md` (a diagnostic test, two bowls of cookies) are the textbook classics, derived by hand.
/// - Returns: the posteriors P(Hᵢ | E) and the evidence P(E).
public func bayesRule(priors: [Double], likelihoods: [Double]) -> (posteriors: [Double], evidence: Double) {
    require(priors.count == likelihoods.count,
            "bayesRule: \(priors.count) priors but \(likelihoods.count) likelihoods")
    require(!priors.isEmpty, "bayesRule: needs at least one hypothesis")
    require(priors.allSatisfy { $0 >= 0 && $0 <= 1 }, "bayesRule: priors must lie in [0, 1], got \(priors)")
    require(Swift.abs(priors.reduce(0, +) - 1) <= 1e-9, "bayesRule: priors must sum to 1, got \(priors.reduce(0, +))")
    require(likelihoods.allSatisfy { $0 >= 0 && $0 <= 1 }, "bayesRule: likelihoods must lie in [0, 1], got \(likelihoods)")
    let joint = zip(priors, likelihoods).map { $0 * $1 }
    let evidence = joint.reduce(0, +)
    require(evidence > 0, "bayesRule: the evidence has probability 0 under every hypothesis")
    return (joint.map { $0 / evidence }, evidence)
}

/// Bayes' rule for one hypothesis H and its negation (§5.2), e.g. "ill" given a positive test.
///
/// ```
/// P(H | E) = P(E | H)·P(H) / [P(E | H)·P(H) + P(E | ¬H)·(1 − P(H))]
/// ```
/// - Parameters:
///   - prior: P(H), e.g. the prevalence of a disease.
///   - likelihood: P(E | H), e.g. the test's sensitivity.
///   - likelihoodIfNot: P(E | ¬H), e.g. the test's false-positive rate (1 − specificity).
public func bayesRule(prior: Double, likelihood: Double, likelihoodIfNot: Double) -> Double {
    bayesRule(priors: [prior, 1 - prior], likelihoods: [likelihood, likelihoodIfNot]).posteriors[0]
}
