import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz datasets`: the bundled tables and the image data sets, with sizes, and where to get the missing ones.
struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "List the bundled and installed data sets with their sizes, and how to get missing ones."
    )

    func run() throws {
        print("bundled (inside the package):")
        for set in BundledDataset.allCases {
            let data = try set.load()
            let task = set.classCount.map { "\($0) classes" } ?? "regression"
            print("  \(set.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0))\(data.count) rows × \(data.inputs.shape[1]) features, \(task)")
        }
        print("image data sets (28×28 grey levels, 10 classes):")
        for set in ImageDataset.allCases {
            let name = set.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
            do {
                let train = try set.files(.train), test = try set.files(.test)
                let trainCount = try IDXFile(contentsOf: train.labels).shape[0], testCount = try IDXFile(contentsOf: test.labels).shape[0]
                print("  \(name)\(trainCount) train / \(testCount) test, found in \(train.images.deletingLastPathComponent().path)")
            } catch {
                print("  \(name)not found: \(error)")
            }
        }
        print("any CSV file: --dataset csv:PATH[:target=COLUMN]")
    }
}
