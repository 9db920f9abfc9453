import AprendizData
import AprendizTensor
import AprendizTestSupport
import Testing

@Suite struct DataLoaderTests {
    let dataset = TensorDataset(inputs: Tensor(shape: [10, 2], scalars: (0..<20).map(Float.init)),
                                targets: Tensor((0..<10).map(Float.init)))

    @Test func batchSizesFollowSection6_3() {
        // Batch size 1: stochastic gradient descent, 10 updates per epoch.
        #expect(Array(DataLoader(dataset, batchSize: 1)).count == 10)
        // Batch size N: full-batch gradient descent, one update with every example.
        #expect(Array(DataLoader(dataset, batchSize: 10)).map(\.count) == [10])
        // Mini-batches of 4: 4, 4, 2 — or 4, 4 with dropLast.
        #expect(Array(DataLoader(dataset, batchSize: 4)).map(\.count) == [4, 4, 2])
        #expect(Array(DataLoader(dataset, batchSize: 4, dropLast: true)).map(\.count) == [4, 4])
        #expect(DataLoader(dataset, batchSize: 4, dropLast: true).batchCount == 2)
    }

    @Test func rowsStayWithTheirTargets() {
        for batch in DataLoader(dataset, batchSize: 3, shuffle: true, seed: 5) {
            // Row i is [2i, 2i + 1] and its target is i.
            #expect(batch.inputs.slice(axis: 1, 0..<1).flattened() == batch.targets * 2)
        }
    }

    @Test func shuffleIsSeededAndChangesEveryEpoch() {
        func order(_ loader: DataLoader<TensorDataset>) -> [Float] { Array(loader).flatMap(\.targets.scalars) }
        let a = DataLoader(dataset, batchSize: 4, shuffle: true, seed: 42)
        let b = DataLoader(dataset, batchSize: 4, shuffle: true, seed: 42)
        let first = order(a), second = order(a)
        #expect(first == order(b))
        #expect(first != second)
        #expect(first.sorted() == (0..<10).map(Float.init))
        #expect(order(DataLoader(dataset, batchSize: 4)) == (0..<10).map(Float.init))
    }

    @Test func subsetsIndexTheBase() {
        let subset = dataset.subset([7, 2])
        #expect(subset.count == 2)
        #expect(subset.all().targets == Tensor([7, 2]))
    }
}
