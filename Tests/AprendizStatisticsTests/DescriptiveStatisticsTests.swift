import AprendizStatistics
import AprendizTensor
import AprendizTestSupport
import Testing

/// Descriptive statistics (§5.3) on float32 data against NumPy (quantile with its default linear method,
/// median, std with ddof, cov/corrcoef with rowvar=False) and `scipy.stats.mode`.
@Suite struct DescriptiveStatisticsTests {
    let fixture = try! JSONFixture("statistics.json")["descriptive"]
    var matrix: Tensor { fixture["matrix"].tensor }
    var quantiles: [Double] { fixture["quantiles"].floats.map(Double.init) }

    @Test func quantilesMatchNumPy() {
        let q = quantiles
        expectClose(matrix.quantiles(q, axis: 0), fixture["matrixQuantileAxis0"].tensor, absolute: 1e-6, relative: 1e-6)
        expectClose(matrix.quantiles(q, axis: 1), fixture["matrixQuantileAxis1"].tensor, absolute: 1e-6, relative: 1e-6)
        expectClose(matrix.quantiles(q), fixture["matrixQuantileAll"].tensor, absolute: 1e-6, relative: 1e-6)
        expectClose(matrix.percentile(73, axis: -1), fixture["matrixQuantileAxis1"].tensor.split(parts: 7)[4].squeezed(axis: 0),
                    absolute: 1e-6, relative: 1e-6)
        #expect(matrix.quantiles(q, axis: 1, keepDims: true).shape == [7, 7, 1])
    }

    @Test func medianMatchesNumPy() {
        let cube = fixture["cube"].tensor
        expectClose(cube.median(axis: 1), fixture["cubeMedianAxis1"].tensor, absolute: 1e-7)
        expectClose(cube.median(axis: 2), fixture["cubeMedianAxis2"].tensor, absolute: 1e-7)
        expectClose(cube.median(), Tensor(fixture["cubeMedianAll"].float), absolute: 1e-7)
        #expect(cube.median(axis: 2, keepDims: true).shape == [3, 4, 1])
        #expect(Tensor([3, .nan, 1]).median().scalar.isNaN)
    }

    @Test func standardDeviationMatchesNumPy() {
        expectClose(matrix.standardDeviation(axis: 0), fixture["matrixStdAxis0Ddof0"].tensor, relative: 1e-5)
        expectClose(matrix.standardDeviation(axis: 1, correction: 1), fixture["matrixStdAxis1Ddof1"].tensor, relative: 1e-5)
    }

    @Test func covarianceAndCorrelationMatchNumPy() {
        expectClose(matrix.covarianceMatrix(), fixture["matrixCovariance"].tensor, absolute: 1e-5, relative: 1e-5)
        expectClose(matrix.covarianceMatrix(correction: 0), fixture["matrixCovarianceDdof0"].tensor, absolute: 1e-5, relative: 1e-5)
        expectClose(matrix.correlationMatrix(), fixture["matrixCorrelation"].tensor, absolute: 1e-6, relative: 1e-5)
    }

    @Test func modeMatchesSciPy() {
        let ties = fixture["ties"].tensor
        for axis in [0, 1] {
            let reference = fixture["tiesModeAxis\(axis)"]
            let (values, counts) = ties.mode(axis: axis)
            expectClose(values, reference["values"].tensor, absolute: 0)
            expectClose(counts, reference["counts"].tensor, absolute: 0)
        }
        let (value, count) = Tensor([2, 7, 7, 2, 5]).mode()
        #expect(value.scalar == 2 && count.scalar == 2)   // a tie goes to the smaller value, as in SciPy
    }
}
