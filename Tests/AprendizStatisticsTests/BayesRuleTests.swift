import AprendizStatistics
import AprendizTestSupport
import Testing

/// Bayes' rule (§5.2) on the two textbook examples of `Docs/Statistics.md`, with values worked by hand.
@Suite struct BayesRuleTests {
    /// A disease with prevalence 1 %, a test with sensitivity 90 % and false-positive rate 9 %:
    /// P(ill | +) = 0.9·0.01 / (0.9·0.01 + 0.09·0.99) = 0.009 / 0.0981 = 0.0917431…
    /// A second, independent positive test: 0.9·0.0917 / (0.9·0.0917 + 0.09·0.9083) = 10/19.9 … = 0.5025…
    @Test func diagnosticTest() {
        let once = bayesRule(prior: 0.01, likelihood: 0.9, likelihoodIfNot: 0.09)
        expectNear(once, 0.009 / 0.0981, relative: 1e-14, "P(ill | +)")
        let (posteriors, evidence) = bayesRule(priors: [0.01, 0.99], likelihoods: [0.9, 0.09])
        expectNear(evidence, 0.0981, relative: 1e-14, "P(+)")
        expectNear(posteriors[1], 0.0891 / 0.0981, relative: 1e-14, "P(healthy | +)")
        let twice = bayesRule(prior: once, likelihood: 0.9, likelihoodIfNot: 0.09)
        // Odds form: prior odds 1:99 times the likelihood ratio 10 twice gives 100:99.
        expectNear(twice, 100.0 / 199.0, relative: 1e-13, "P(ill | +, +)")
    }

    /// Two bowls: #1 holds 30 vanilla and 10 chocolate cookies, #2 holds 20 of each; a bowl is picked at
    /// random and a vanilla cookie drawn. P(#1 | vanilla) = 0.75·0.5 / (0.75·0.5 + 0.5·0.5) = 0.6.
    @Test func twoBowls() {
        let (posteriors, evidence) = bayesRule(priors: [0.5, 0.5], likelihoods: [0.75, 0.5])
        expectNear(posteriors[0], 0.6, relative: 1e-15, "P(bowl 1 | vanilla)")
        expectNear(posteriors[1], 0.4, relative: 1e-15, "P(bowl 2 | vanilla)")
        expectNear(evidence, 0.625, relative: 1e-15, "P(vanilla)")
    }
}
