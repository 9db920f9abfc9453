import AprendizData
import AprendizTensor
import AprendizTestSupport
import Foundation
import Testing

@Suite struct BundledDatasetTests {
    /// Sizes from the data sets' documentation (Resources/README.md); first rows from the files as
    /// published (iris row 1: 5.1, 3.5, 1.4, 0.2, class 0; diabetes row 1 target 151).
    @Test func loadByName() throws {
        let iris = try BundledDataset.iris.load()
        #expect(iris.inputs.shape == [150, 4] && iris.targets.shape == [150])
        #expect(iris.inputs.slice(axis: 0, 0..<1) == Tensor([[5.1, 3.5, 1.4, 0.2]]))
        #expect(Set(iris.targets.scalars) == [0, 1, 2])
        #expect(try BundledDataset.wine.load().inputs.shape == [178, 13])
        let digits = try BundledDataset.digits.load()
        #expect(digits.inputs.shape == [1797, 64] && digits.inputs.max().scalar == 16)
        let diabetes = try BundledDataset.diabetes.load()
        #expect(diabetes.inputs.shape == [442, 10] && diabetes.targets.shape == [442, 1])
        #expect(diabetes.targets[0, 0] == 151)
        #expect(try BundledDataset.iris.featureNames().first == "sepal_length_cm")
    }

    @Test func badCellsNameFileLineAndColumn() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-bad-\(UInt32.random(in: 0...UInt32.max)).csv")
        try "a,target\n1,0\nx2,1\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: NumericTableError(path: url.path, reason: .notANumber(line: 3, column: "a", value: "x2"))) {
            try LabeledTable(contentsOf: url, targetColumn: "target")
        }
        #expect(throws: NumericTableError.self) { try LabeledTable(contentsOf: url, targetColumn: "label") }
    }

    @Test func missingImageDataSetSaysHowToGetIt() throws {
        // A name lookup in folders that cannot exist gives the instructions in the error.
        let error = DatasetError.notInstalled(name: "mnist", searched: ["/x"], instructions: "put the four files")
        #expect("\(error)".contains("data set 'mnist' not found (looked in /x): put the four files"))
        #expect(ImageDataset.fashionMNIST.searchDirectories.last?.path == "/usr/share/datasets/fashion-mnist")
    }
}
