import Aprendiz
@testable import AprendizClassic
import Foundation
import Testing

/// The fused one-pass loss of logistic and softmax regression (``LogisticLoss``) against the formula written
/// out row by row in `Double` here, against central differences of its own value, and across thread counts.
@Suite(.serialized) // one test sets the global Parallel.threadCount
struct LogisticLossTests {
    /// 5 000 rows (three blocks of the parallel pass, the last partial) × 13 features (not a multiple of 8).
    static func problem(classes: Int, fitIntercept: Bool) -> (loss: LogisticLoss, theta: [Double]) {
        var generator = RandomGenerator(seed: 5)
        let (n, p) = (5000, 13)
        let x = Tensor(shape: [n, p], scalars: (0..<(n * p)).map { _ in Float(generator.nextNormal()) * 3 })
        let labels = (0..<n).map { _ in Int(generator.next() % UInt64(classes)) }
        let k = classes == 2 ? 1 : classes
        let theta = (0..<(p * k + (fitIntercept ? k : 0))).map { _ in generator.nextNormal() * 0.5 }
        return (LogisticLoss(x: x, labels: labels, outputs: k, fitIntercept: fitIntercept, l2: 0.3), theta)
    }

    static let cases: [(classes: Int, fitIntercept: Bool)] = [(2, true), (2, false), (4, true), (4, false)]

    /// f(θ) = (1/n) Σᵢ [log Σₖ e^{zᵢₖ} − zᵢ,yᵢ] + (l2/2)‖W‖², with the binary case as the two scores (0, z).
    @Test(arguments: 0..<4)
    func valueIsTheFormula(index: Int) {
        let (classes, fitIntercept) = Self.cases[index]
        let (loss, theta) = Self.problem(classes: classes, fitIntercept: fitIntercept)
        let (n, p, k) = (loss.rows, loss.features, loss.outputs)
        let x = loss.x.scalars
        var sum = 0.0
        for i in 0..<n {
            var scores = (0..<k).map { c in
                (0..<p).reduce(fitIntercept ? theta[p * k + c] : 0) { $0 + Double(x[i * p + $1]) * theta[$1 * k + c] }
            }
            if k == 1 { scores.insert(0, at: 0) }
            sum += log(scores.map(exp).reduce(0, +)) - scores[loss.labels[i]]
        }
        let penalty = theta[0..<(p * k)].reduce(0) { $0 + $1 * $1 }
        let expected = sum / Double(n) + 0.5 * loss.l2 * penalty
        #expect(abs(loss.evaluate(theta).value - expected) <= 1e-12 * abs(expected), "\(classes) classes, intercept \(fitIntercept)")
    }

    /// ∂f/∂θₘ ≈ (f(θ + h·eₘ) − f(θ − h·eₘ)) / 2h, h = 10⁻⁵, for every parameter.
    @Test(arguments: 0..<4)
    func gradientMatchesCentralDifferences(index: Int) {
        let (classes, fitIntercept) = Self.cases[index]
        let (loss, theta) = Self.problem(classes: classes, fitIntercept: fitIntercept)
        let gradient = loss.evaluate(theta).gradient
        let h = 1e-5
        for m in theta.indices {
            var plus = theta, minus = theta
            plus[m] += h
            minus[m] -= h
            let difference = (loss.evaluate(plus).value - loss.evaluate(minus).value) / (2 * h)
            #expect(abs(gradient[m] - difference) <= 1e-6 * max(1, abs(difference)), "parameter \(m), \(classes) classes")
        }
    }

    /// Fixed row blocks summed in block order: the same bits on 1 and 3 threads.
    @Test func sameResultOnAnyThreadCount() {
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        for (classes, fitIntercept) in Self.cases {
            let (loss, theta) = Self.problem(classes: classes, fitIntercept: fitIntercept)
            Parallel.threadCount = 1
            let one = loss.evaluate(theta)
            Parallel.threadCount = 3
            let three = loss.evaluate(theta)
            #expect(one.value == three.value && one.gradient == three.gradient, "\(classes) classes, intercept \(fitIntercept)")
        }
    }
}
