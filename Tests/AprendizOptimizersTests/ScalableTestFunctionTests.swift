import Aprendiz
import AprendizTestSupport
import Testing

/// The n-dimensional test functions against NumPy (Tools/fixtures/generate_test_functions.py, the
/// formulas of Surjanovic & Bingham's library in float64).
struct ScalableTestFunctionTests {
    func cases() throws -> [JSONFixture] { try JSONFixture("test_functions.json")["cases"].array }

    @Test func simdKernelsMatchNumPy() throws {
        for item in try cases() {
            let function = try ScalableTestFunction.named(item["function"].string)
            let points = item["points"].tensor
            // Float inputs, Float arithmetic against float64: relative 1e-4 of the larger terms.
            let scale = points.scalars.map { abs($0) }.max()!
            let tolerance: Float = function.name == "schwefel" ? 2e-2 : 1e-3 * max(1, scale * scale / 100)
            expectClose(function.values(points), Tensor(item["values"].floats), absolute: tolerance, relative: 1e-4,
                        "\(function.name) in \(points.shape[1]) dimensions")
        }
    }

    @Test func kernelsKeepRelativeAccuracyNearTheMinimum() throws {
        // f ≈ 10⁻⁷…10⁻⁴ here: the sin² forms of Rastrigin and Ackley avoid cancelling against 10n and 20 + e.
        for item in try JSONFixture("test_functions.json")["near_minimum"].array {
            let function = try ScalableTestFunction.named(item["function"].string)
            expectClose(function.values(item["points"].tensor), Tensor(item["values"].floats), absolute: 1e-9, relative: 2e-3,
                        "\(function.name)")
        }
    }

    @Test func variableFormulaAgreesWithTheKernel() throws {
        for item in try cases() {
            let function = try ScalableTestFunction.named(item["function"].string)
            let points = item["points"].tensor
            let formula = withoutGradient { function(Variable(points)).value }
            // Schwefel cancels two sums near 419n: Float leaves about 10⁻⁵ of that.
            let tolerance: Float = function.name == "schwefel" ? 2e-2 : 2e-3
            expectClose(formula, function.values(points), absolute: tolerance, relative: 1e-4, "\(function.name)")
        }
    }

    @Test func knownMinimaArePublishedValues() throws {
        for item in try cases() {
            let function = try ScalableTestFunction.named(item["function"].string)
            let n = item["dimensions"].int
            let published = item["published_minimum"].float
            expectClose(function.minimumValue(dimensions: n), published, absolute: 1e-6, relative: 1e-6, "\(function.name)")
            let atMinimum = function.value(at: function.minimizer(dimensions: n))
            expectClose(atMinimum, item["published_minimum"].float, absolute: 2e-3 * Float(n), relative: 1e-5, "\(function.name) n = \(n)")
        }
    }

    @Test func gradientVanishesAtTheMinimiser() {
        for function in ScalableTestFunction.all where function.name != "ackley" && function.name != "schwefel" {
            let minimum = function.minimizer(dimensions: 5)
            let gradient = valueWithGradient(of: { function($0) }, at: minimum).gradient
            expectClose(gradient, Tensor.zeros([5]), absolute: 2e-3, "\(function.name)")
        }
    }

    @Test func namesAreMatchedLikeTheOtherCatalogues() throws {
        #expect(try ScalableTestFunction.named(" Styblinski-Tang ").name == "styblinski-tang")
        #expect(throws: CatalogueError(family: "function", name: "beale", known: ScalableTestFunction.all.map(\.name))) {
            try ScalableTestFunction.named("beale")
        }
    }

    @Test func twoDimensionalFormsJoinTheCatalogue() throws {
        for name in ["sphere", "griewank", "schwefel", "styblinski-tang"] {
            let surface = try TestFunction.named(name)
            let scalable = try ScalableTestFunction.named(name)
            let point = Tensor([0.3, -1.7])
            expectClose(surface.value(at: point), scalable.value(at: point), absolute: 1e-3, relative: 1e-5, "\(name)")
        }
        // The existing 2-D formulas of Rastrigin, Ackley and Rosenbrock are the n = 2 cases.
        for name in ["rastrigin", "ackley", "rosenbrock"] {
            let point = Tensor([0.3, -1.7])
            expectClose(try TestFunction.named(name).value(at: point), try ScalableTestFunction.named(name).value(at: point),
                        absolute: 1e-4, relative: 1e-5, "\(name)")
        }
    }

    @Test func extremeInputsStayFinite() {
        let far = Tensor(shape: [2, 30], scalars: Array(repeating: 1e4, count: 30) + Array(repeating: -1e4, count: 30))
        for function in ScalableTestFunction.all {
            let values = function.values(far).scalars
            #expect(values.allSatisfy { $0.isFinite }, "\(function.name)")
        }
    }
}
