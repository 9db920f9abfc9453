import AprendizData
import AprendizTensor
import AprendizTestSupport
import Testing

@Suite struct PreprocessingTests {
    /// Reference: scikit-learn StandardScaler / MinMaxScaler(feature_range=(-1, 2)); column 1 is constant.
    @Test func scalersMatchScikitLearn() throws {
        let fixture = try JSONFixture("layers.json")["preprocessing"]
        let x = fixture["x"].tensor
        let standardizer = Standardizer(fitting: x)
        expectClose(standardizer.transform(x), fixture["standardized"].tensor, absolute: 1e-5)
        expectClose(standardizer.inverseTransform(standardizer.transform(x)), x, absolute: 1e-5)
        let scaler = MinMaxScaler(fitting: x, range: -1...2)
        expectClose(scaler.transform(x), fixture["minmax"].tensor, absolute: 1e-5)
        expectClose(scaler.inverseTransform(scaler.transform(x)), x, absolute: 1e-5)
    }

    @Test func oneHotRows() {
        #expect(oneHot(Tensor([2, 0]), classCount: 3) == Tensor([[0, 0, 1], [1, 0, 0]]))
    }

    /// Hand-derived: 40 examples, classes 0/1/2 with 20/12/8 members, test fraction 0.25 → 10 test
    /// examples, stratified as 5/3/2 (exactly proportional).
    @Test func stratifiedSplitKeepsClassProportions() {
        let labels = [Float](repeating: 0, count: 20) + [Float](repeating: 1, count: 12) + [Float](repeating: 2, count: 8)
        let data = TensorDataset(inputs: Tensor(shape: [40, 1], scalars: (0..<40).map(Float.init)), targets: Tensor(labels))
        let (train, test) = trainTestSplit(data, testFraction: 0.25, stratified: true, seed: 3)
        #expect(train.count == 30 && test.count == 10)
        let counts = (0..<3).map { c in test.targets.scalars.filter { $0 == Float(c) }.count }
        #expect(counts == [5, 3, 2])
        let all = Set(train.inputs.scalars + test.inputs.scalars)
        #expect(all.count == 40)  // a partition: nothing lost or repeated
        #expect(trainTestSplit(data, testFraction: 0.25, seed: 3).test.count == 10)
    }
}

@Suite struct SplitSizeTests {
    /// scikit-learn's `train_test_split(test_size=0.2)` on 150 rows gives 30 test rows (⌈0.2·150⌉ in
    /// Double); a Float 0.2 widened naively would give 31.
    @Test func testCountRoundsLikeScikitLearn() {
        let data = TensorDataset(inputs: Tensor.zeros([150, 2]), targets: Tensor.zeros([150]))
        #expect(trainTestSplit(data, testFraction: 0.2).test.count == 30)
        #expect(trainTestSplit(data, testFraction: 0.25).test.count == 38)
    }
}
