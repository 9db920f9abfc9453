import Aprendiz
import AprendizTestSupport
import Testing

/// Finite-difference checks of the hand-written convolution and pooling VJPs (central differences
/// in Double, `expectGradientsMatchFiniteDifferences`), independent of the PyTorch fixtures.
@Suite struct ConvolutionGradientTests {
    var generator = RandomGenerator(seed: 21)

    mutating func random(_ shape: [Int]) -> Tensor { Tensor.randomUniform(shape, in: -1...1, using: &generator) }

    @Test mutating func conv2dStridePaddingDilation() {
        let upstream = random([2, 2, 3, 4])
        expectGradientsMatchFiniteDifferences([random([2, 5, 4, 3]), random([3, 2, 3, 4]), random([4])], upstream: upstream) { v in
            conv2d(v[0], filter: v[1], bias: v[2], stride: (2, 1), padding: .explicit(top: 1, bottom: 0, left: 0, right: 1),
                   dilation: (1, 2))
        }
    }

    @Test mutating func conv2dSameGroups() {
        expectGradientsMatchFiniteDifferences([random([1, 4, 4, 4]), random([3, 3, 2, 6])], upstream: random([1, 2, 2, 6])) { v in
            conv2d(v[0], filter: v[1], stride: (2, 2), padding: .same, groups: 2)
        }
    }

    @Test mutating func conv2dDepthwise() {
        expectGradientsMatchFiniteDifferences([random([1, 4, 5, 3]), random([3, 3, 1, 3])], upstream: random([1, 4, 5, 3])) { v in
            conv2d(v[0], filter: v[1], padding: .same, groups: 3)
        }
    }

    @Test mutating func maxPooling() {
        // Well-separated values: a finite-difference step must not change which input is the maximum.
        let input = Tensor(shape: [1, 4, 5, 2], scalars: (0..<40).map { Float(($0 * 17) % 40) * 0.1 })
        expectGradientsMatchFiniteDifferences([input], upstream: random([1, 2, 3, 2]), step: 1e-3) { v in
            maxPool2D(v[0], size: (2, 2), stride: (2, 2), padding: .explicit(top: 0, bottom: 0, left: 0, right: 1))
        }
    }

    @Test mutating func averagePooling() {
        for countIncludesPadding in [true, false] {
            expectGradientsMatchFiniteDifferences([random([2, 5, 5, 2])], upstream: random([2, 3, 3, 2])) { v in
                averagePool2D(v[0], size: (3, 3), stride: (2, 2), padding: .uniform(1), countIncludesPadding: countIncludesPadding)
            }
        }
    }

    @Test mutating func globalAveragePooling() {
        expectGradientsMatchFiniteDifferences([random([2, 3, 2, 4])], upstream: random([2, 4])) { v in
            globalAveragePool2D(v[0], keepDims: false)
        }
    }
}
