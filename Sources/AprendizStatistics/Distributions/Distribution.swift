import AprendizTensor
import Foundation

/// A probability distribution (§5.4): a density or mass function to evaluate and a way to draw samples.
///
/// ```
/// probability(x) = exp(logProbability(x))          (density for continuous, mass for discrete values)
/// ```
/// Every method is available on each conforming type; `sample(count:using:)` and `probability` have
/// default implementations. Conforming types: ``Normal``, ``Uniform``, ``Exponential``, ``Gamma``,
/// ``Beta`` (`Value == Double`), ``Bernoulli``, ``Binomial``, ``Poisson``, ``Categorical`` (`Value == Int`).
public protocol Distribution: Sendable {
    /// What one draw is: `Double` for continuous distributions, `Int` for discrete ones.
    associatedtype Value

    /// ln p(x): the log-density (continuous) or log-mass (discrete) at `value`; −∞ outside the support.
    func logProbability(_ value: Value) -> Double

    /// One draw, from `generator`.
    func sample(using generator: inout RandomGenerator) -> Value
}

extension Distribution {
    /// p(x) = exp(ln p(x)): the density (continuous) or the mass (discrete) at `value`.
    public func probability(_ value: Value) -> Double { exp(logProbability(value)) }

    /// `count` independent draws from `generator`.
    public func sample(count: Int, using generator: inout RandomGenerator) -> [Value] {
        require(count >= 0, "sample: count must be non-negative, got \(count)")
        return (0..<count).map { _ in sample(using: &generator) }
    }

    /// `count` independent draws from the shared generator (`RandomGenerator/seedGlobal(_:)`).
    public func sample(count: Int) -> [Value] {
        RandomGenerator.withGlobal { sample(count: count, using: &$0) }
    }
}

/// A distribution of one real- or integer-valued variable: adds the cumulative distribution function
/// and the first two moments.
///
/// ```
/// cumulativeProbability(x) = P(X ≤ x),   mean = E[X],   variance = E[(X − E[X])²]
/// ```
public protocol UnivariateDistribution: Distribution {
    /// F(x) = P(X ≤ x).
    func cumulativeProbability(_ value: Value) -> Double
    /// E[X].
    var mean: Double { get }
    /// Var[X] = E[(X − E[X])²].
    var variance: Double { get }
}

extension UnivariateDistribution {
    /// √Var[X].
    public var standardDeviation: Double { variance.squareRoot() }
}

extension Distribution where Value == Double {
    /// ln p(x) of every element of a `Float` tensor (evaluated in `Double`, stored as `Float`; −∞ outside
    /// the support), e.g. the per-feature log-likelihoods of a Gaussian naive Bayes classifier.
    public func logProbability(_ values: Tensor) -> Tensor {
        Tensor(shape: values.shape, scalars: values.scalars.map { Float(logProbability(Double($0))) })
    }
}

/// Checks shared by the maximum-likelihood fits.
enum FitCheck {
    static func nonEmpty<T>(_ samples: [T], _ name: String) {
        require(!samples.isEmpty, "\(name).fit: needs at least one sample")
    }

    static func finite(_ samples: [Double], _ name: String) {
        nonEmpty(samples, name)
        require(samples.allSatisfy(\.isFinite), "\(name).fit: samples must be finite")
    }
}
