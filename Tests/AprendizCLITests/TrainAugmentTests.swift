import Testing
@testable import AprendizCLI

/// `train --augment` (§24.6): every misuse is one clear error naming what is wrong, before any training.
@Suite struct TrainAugmentTests {
    func message(_ arguments: [String]) -> String { trainCommandError(arguments) }

    @Test func misusesAreNamed() {
        #expect(message(["--dataset", "iris", "--augment", "flip"])
                == "--augment needs an image data set (mnist, fashion-mnist); 'iris' has examples of shape [4]")
        #expect(message(["--dataset", "iris", "--model", "knn", "--augment", "flip"])
                == "--augment applies to networks trained by gradient descent on images, not to classic models")
        #expect(message(["--dataset", "iris", "--augment", "rotate=abc"]) == "--augment: 'rotate=abc': rotate needs a number, as rotate=VALUE")
        #expect(message(["--dataset", "iris", "--augment", "cutout=0"]) == "--augment: 'cutout=0': cutout size must be ≥ 1, got 0")
    }
}
