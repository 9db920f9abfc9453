import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

/// The chapter 21 layers: they call the tested primitives with their own parameters, initialise
/// like Keras, default like the book, and stop on bad shapes with a message naming the layer, the
/// expected and the received shape.
@Suite struct ConvolutionLayerTests {
    @Test func conv2DAppliesItsWeightAndBias() {
        var generator = RandomGenerator(seed: 3)
        let layer = Conv2D(3, 4, kernelSize: (3, 2), stride: (2, 1), padding: .same, using: &generator)
        let x = Variable(Tensor.randomUniform([2, 7, 6, 3], using: &generator))
        let y = layer(x)
        #expect(y.shape == [2, 4, 6, 4])    // ⌈7/2⌉ = 4, ⌈6/1⌉ = 6
        let direct = conv2d(x, filter: layer.weight, bias: layer.bias, stride: (2, 1), padding: .same)
        expectClose(y.value, direct.value, absolute: 0, relative: 0)
        #expect(layer.namedParameters().map(\.name) == ["weight", "bias"])
        #expect(layer.weight.shape == [3, 2, 3, 4])
    }

    @Test func conv2DInitialisesLikeKeras() {
        var generator = RandomGenerator(seed: 4)
        let layer = Conv2D(8, 16, kernelSize: 3, using: &generator)
        // Glorot uniform with fanIn = 3·3·8 = 72, fanOut = 3·3·16 = 144 (Keras): limit √(6/216).
        let limit = (6.0 / 216.0).squareRoot()
        let weights = layer.weight.value.scalars
        #expect(weights.allSatisfy { abs(Double($0)) <= limit })
        #expect(weights.map { abs(Double($0)) }.max()! > 0.9 * limit)
        #expect(layer.bias!.value.scalars.allSatisfy { $0 == 0 })
    }

    @Test func depthwiseConv2DHasOneFilterPerChannel() {
        var generator = RandomGenerator(seed: 5)
        let layer = Conv2D(6, 6, kernelSize: 3, padding: .same, groups: 6, useBias: false, using: &generator)
        #expect(layer.weight.shape == [3, 3, 1, 6])
        #expect(layer.bias == nil)
        #expect(layer(Tensor.zeros([1, 5, 5, 6])).shape == [1, 5, 5, 6])
    }

    @Test func poolingLayersDefaultToNonOverlappingWindows() {
        let x = Variable(Tensor.arange(0, 2 * 6 * 4 * 3).reshaped([2, 6, 4, 3]))
        #expect(MaxPooling2D().stride == (2, 2) && MaxPooling2D(size: 3).stride == (3, 3))
        #expect(MaxPooling2D()(x).shape == [2, 3, 2, 3])
        #expect(AveragePooling2D(size: (3, 2))(x).shape == [2, 2, 2, 3])
        #expect(GlobalAveragePooling2D()(x).shape == [2, 1, 1, 3])
        #expect(GlobalAveragePooling2D(keepDims: false)(x).shape == [2, 3])
        // Hand value: the first 2×2 window of channel 0 holds 0, 3, 12, 15 (NHWC offsets).
        #expect(MaxPooling2D()(x).value[0, 0, 0, 0] == 15)
        #expect(AveragePooling2D()(x).value[0, 0, 0, 0] == 7.5)
    }

    @Test func paddingParsesItsTextForm() {
        #expect(ConvolutionPadding(parsing: "same") == .same)
        #expect(ConvolutionPadding(parsing: "valid") == .valid)
        #expect(ConvolutionPadding(parsing: "2") == .uniform(2))
        #expect(ConvolutionPadding(parsing: "1,0,2,3") == .explicit(top: 1, bottom: 0, left: 2, right: 3))
        #expect(ConvolutionPadding(parsing: "-1") == nil)
        #expect(ConvolutionPadding(parsing: "1,2") == nil)
        #expect(ConvolutionPadding(parsing: ConvolutionPadding.explicit(top: 4, bottom: 3, left: 2, right: 1).text)
                == .explicit(top: 4, bottom: 3, left: 2, right: 1))
    }

    @Test func conv2DNamesTheExpectedAndReceivedShapes() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = RandomGenerator(seed: 1)
            _ = Conv2D(1, 6, kernelSize: 5, using: &generator)(Tensor.zeros([2, 28, 28, 3]))
        }.map { result in
            let message = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(message.contains("Conv2D: expected an input of shape [batch, height, width, 1] (NHWC), got [2, 28, 28, 3]"))
        }
    }

    @Test func poolingNamesTheLayerAndTheShape() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MaxPooling2D()(Tensor.zeros([28, 28, 1]))
        }.map { result in
            let message = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(message.contains("MaxPooling2D: expected an NHWC input [batch, height, width, channels], got shape [28, 28, 1]"))
        }
    }

    @Test func windowLargerThanTheImageIsRejected() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = AveragePooling2D(size: 3)(Tensor.zeros([1, 2, 2, 1]))
        }.map { result in
            let message = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(message.contains("AveragePooling2D: window 3×3 (dilated) is larger than the padded input 2×2"))
        }
    }

    @Test func modelsHaveThePublishedSizes() throws {
        var generator = RandomGenerator(seed: 6)
        // Hand counts: LeNet-5 (5·5·1+1)·6 + (5·5·6+1)·16 + 401·120 + 121·84 + 85·10 = 61 706;
        // the Fashion-MNIST network (25+1)·32 + (800+1)·64 + 3137·1024 + 1025·10 = 3 274 634.
        let lenet = try ModelCatalog.named("lenet5").make(using: &generator)
        #expect(lenet.parameters().map(\.value.count).reduce(0, +) == 61_706)
        #expect(lenet(Tensor.zeros([3, 28, 28, 1])).shape == [3, 10])
        let fashion = try ModelCatalog.named("fashion-conv-net").make(using: &generator)
        #expect(fashion.parameters().map(\.value.count).reduce(0, +) == 3_274_634)
        // With batch normalisation (no biases before it): 25·32 + 2·32 + 25·32·64 + 2·64 + 3136·1024 + 2·1024 + 1025·10
        // = 3 275 754 trained parameters, and 2·(32 + 64 + 1024) running statistics plus 3 batch counters as buffers.
        let normalized = try ModelCatalog.named("fashion-conv-net-bn").make(using: &generator)
        #expect(normalized.parameters().map(\.value.count).reduce(0, +) == 3_275_754)
        #expect(normalized.namedBuffers().map(\.buffer.value.count).reduce(0, +) == 2_243)
        normalized.eval()
        #expect(normalized(Tensor.zeros([3, 28, 28, 1])).shape == [3, 10])
        // The small ResNet at width 32: stem 9·32 + 2·32 = 352; block 32→32: 2·9·32² + 4·32 = 18 560; 32→64:
        // 9·32·64 + 9·64² + 32·64 + 6·64 = 57 728; 64→128: 9·64·128 + 9·128² + 64·128 + 6·128 = 230 144; dense 129·10 = 1 290.
        let wide = ModelCatalog.smallResNet.make(width: 32, using: &generator)
        #expect(wide.parameters().map(\.value.count).reduce(0, +) == 308_074)
        #expect(throws: CatalogueError(family: "model", name: "alexnet", known: ["lenet5", "fashion-conv-net", "fashion-conv-net-bn", "small-resnet"])) {
            try ModelCatalog.named("alexnet")
        }
    }
}

/// The chapter 21 layers describe themselves for model files and are rebuilt with the same
/// hyper-parameters by the standard registry.
@Suite struct ConvolutionArchitectureTests {
    @Test func layersRoundTripThroughTheirDescription() throws {
        let layers: [Module] = [
            Conv2D(4, 6, kernelSize: (3, 2), stride: (2, 1), padding: .explicit(top: 1, bottom: 0, left: 2, right: 1),
                   dilation: (1, 2), groups: 2, useBias: false),
            MaxPooling2D(size: (3, 3), stride: (2, 2), padding: .same),
            AveragePooling2D(size: 2, padding: .uniform(1), countIncludesPadding: false),
            GlobalAveragePooling2D(keepDims: false),
        ]
        for layer in layers {
            let description = try #require(layer.describedArchitecture)
            let parsed = try Architecture(jsonString: description.jsonString())
            let rebuilt = try ArchitectureRegistry.standard.build(parsed)
            #expect(rebuilt.describedArchitecture == description)
        }
        let conv = try #require(try ArchitectureRegistry.standard.build(layers[0].describedArchitecture!) as? Conv2D)
        #expect(conv.weight.shape == [3, 2, 2, 6] && conv.bias == nil && conv.dilation == (1, 2) && conv.groups == 2)
    }

    @Test func badOptionsAreNamed() {
        let bad = Architecture(type: "Conv2D", options: ["inputs": .int(3), "outputs": .int(4), "groups": .int(2),
                                                         "kernelSize": .ints([3, 3]), "stride": .ints([1, 1]),
                                                         "padding": .string("same"), "dilation": .ints([1, 1])])
        #expect(throws: ArchitectureError.badOption(type: "Conv2D", name: "groups")) {
            try ArchitectureRegistry.standard.build(bad)
        }
        var badPadding = bad
        badPadding.options["groups"] = .int(1)
        badPadding.options["padding"] = .string("sometimes")
        #expect(throws: ArchitectureError.badOption(type: "Conv2D", name: "padding")) {
            try ArchitectureRegistry.standard.build(badPadding)
        }
    }
}
