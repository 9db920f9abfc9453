import AprendizCalculus
import AprendizStatistics
import AprendizTensor
import Testing

/// Bad parameters and mismatched inputs stop with a message naming the function and the values
/// (checked in a child process with Swift Testing's exit tests).
@Suite struct StatisticsBadInputTests {
    @Test func normalRejectsNegativeDeviation() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Normal(mean: 0, standardDeviation: -1)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Normal: standardDeviation must be positive and finite, got -1.0"))
    }

    @Test func binomialRejectsProbabilityAboveOne() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Binomial(trials: 5, probability: 1.5)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Binomial: probability must lie in [0, 1], got 1.5"))
    }

    @Test func multivariateNormalNamesBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MultivariateNormal(mean: Tensor([0, 0]), covariance: Tensor.eye(3))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("mean of shape [d] needs a covariance of shape [d, d], got [2] and [3, 3]"))
    }

    @Test func bayesRuleNamesBothCounts() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = bayesRule(priors: [0.5, 0.5], likelihoods: [0.1])
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("bayesRule: 2 priors but 1 likelihoods"))
    }

    @Test func trapezoidNamesBothCounts() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = trapezoid([1, 2, 3], x: [0, 1])
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("trapezoid: 3 values but 2 sample positions"))
    }

    @Test func quantileRejectsProbabilityAboveOne() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1, 2, 3]).quantile(1.5)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("quantile: probabilities must lie in [0, 1], got [1.5]"))
    }
}
