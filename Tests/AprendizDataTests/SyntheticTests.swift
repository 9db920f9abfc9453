import AprendizData
import AprendizTensor
import AprendizTestSupport
import Testing

@Suite struct SyntheticTests {
    /// Reference: scikit-learn make_moons(7) and make_circles(8, factor=0.5), noise 0, unshuffled.
    @Test func moonsAndCirclesMatchScikitLearn() throws {
        let fixture = try JSONFixture("layers.json")["synthetic"]
        let moons = Synthetic.moons(count: 7, shuffle: false)
        expectClose(moons.inputs, fixture["moons_x"].tensor, absolute: 1e-6)
        #expect(moons.targets == fixture["moons_y"].tensor)
        let circles = Synthetic.circles(count: 8, factor: 0.5, shuffle: false)
        expectClose(circles.inputs, fixture["circles_x"].tensor, absolute: 1e-6)
        #expect(circles.targets == fixture["circles_y"].tensor)
    }

    @Test func blobsClusterAroundTheirCentres() {
        let data = Synthetic.blobs(count: 301, centers: 3, features: 4, standardDeviation: 0.5, seed: 1)
        #expect(data.inputs.shape == [301, 4] && data.count == 301)
        let counts = (0..<3).map { c in data.targets.scalars.filter { $0 == Float(c) }.count }
        #expect(counts == [101, 100, 100])  // scikit-learn's split of 301 over 3 centres
        // Each cluster's per-feature spread is σ = 0.5 (sample estimate of 100 points within 25 %).
        let first = data.inputs.selecting(data.targets.scalars.indices.filter { data.targets.scalars[$0] == 0 })
        let spread = first.variance(axes: [0]).sqrt().scalars
        #expect(spread.allSatisfy { Swift.abs($0 - 0.5) < 0.125 })
    }

    /// Hand-derived: with noise 0 the spiral's point i of m has radius i/(m − 1).
    @Test func spiralsAndRegression() {
        let spiral = Synthetic.spirals(count: 30, classes: 3, noise: 0, shuffle: false)
        let radii = (spiral.inputs.squared().sum(axis: 1)).sqrt().scalars
        expectClose(Tensor(Array(radii[0..<10])), Tensor((0..<10).map { Float($0) / 9 }), absolute: 1e-6)
        let linear = Synthetic.linearRegression(count: 50, weights: [2, -1], bias: 0.5, seed: 4)
        let x = linear.inputs
        expectClose(linear.targets, (x.slice(axis: 1, 0..<1) * 2 - x.slice(axis: 1, 1..<2) + 0.5), absolute: 1e-5)
        let cubic = Synthetic.polynomialRegression(count: 20, coefficients: [1, 0, 0, 2], seed: 5)
        expectClose(cubic.targets, cubic.inputs.pow(3) * 2 + 1, absolute: 1e-5)
    }
}
