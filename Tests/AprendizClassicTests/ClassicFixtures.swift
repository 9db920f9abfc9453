import Aprendiz
import Testing
import AprendizTestSupport

/// A bundled data set as (x, y) with y a `[count]` vector.
func bundled(_ dataset: BundledDataset) throws -> (x: Tensor, y: Tensor) {
    let data = try dataset.load()
    return (data.inputs, data.targets.reshaped([-1]))
}

/// Expects a fitted linear model's coefficients and intercept to match a `classic_linear.json` entry.
func expectCoefficients(_ model: LinearModel, _ reference: JSONFixture, relative: Float = 1e-4,
                        sourceLocation: SourceLocation = #_sourceLocation) {
    expectClose(model.coefficients, Tensor(reference["coefficients"].floats), absolute: 0, relative: relative,
                sourceLocation: sourceLocation)
    expectClose(model.intercept, reference["intercept"].float, absolute: 0, relative: relative, sourceLocation: sourceLocation)
}
