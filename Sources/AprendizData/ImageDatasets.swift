import Foundation
import AprendizTensor

/// The 28×28 grey-level image data sets in MNIST's IDX format, found on disk (not bundled: they
/// are 30–50 MB).
///
/// | name | classes | train / test | how to get it |
/// |---|---|---|---|
/// | `fashion-mnist` | 10 clothing types (Xiao, Rasul & Vollgraf 2017) | 60 000 / 10 000 | `sudo apt-get install dataset-fashion-mnist` |
/// | `mnist` | 10 digits (LeCun et al. 1998) | 60 000 / 10 000 | download the four `.gz` files |
///
/// A data set `NAME` is looked for, in order, in `$APRENDIZ_DATA/NAME/`, `$APRENDIZ_DATA/`,
/// `~/.aprendiz/datasets/NAME/` and `/usr/share/datasets/NAME/` (where Debian's package puts it), as
/// the files `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte` and
/// `t10k-labels-idx1-ubyte`, each raw or `.gz`.
///
/// Images load as `[count, 28, 28, 1]` (NHWC) scaled to [0, 1] (pixel / 255), labels as `[count]`.
public enum ImageDataset: String, CaseIterable, Sendable {
    case mnist = "mnist"
    case fashionMNIST = "fashion-mnist"

    /// Which part of the data set.
    public enum Split: String, Sendable {
        case train, test
        var filePrefix: String { self == .train ? "train" : "t10k" }
    }

    /// The folders searched, in order.
    public var searchDirectories: [URL] {
        let environment = ProcessInfo.processInfo.environment
        var directories: [URL] = []
        if let root = environment["APRENDIZ_DATA"], !root.isEmpty {
            directories += [URL(fileURLWithPath: root).appendingPathComponent(rawValue), URL(fileURLWithPath: root)]
        }
        let home = environment["HOME"].map(URL.init(fileURLWithPath:)) ?? FileManager.default.homeDirectoryForCurrentUser
        directories.append(home.appendingPathComponent(".aprendiz/datasets/\(rawValue)"))
        directories.append(URL(fileURLWithPath: "/usr/share/datasets/\(rawValue)"))
        return directories
    }

    /// The image and label files of `split`, from the first folder that has both.
    /// - Throws: ``DatasetError/notInstalled(name:searched:instructions:)`` saying where it looked and how to get it.
    public func files(_ split: Split) throws -> (images: URL, labels: URL) {
        for directory in searchDirectories {
            if let images = existing(directory, "\(split.filePrefix)-images-idx3-ubyte"),
               let labels = existing(directory, "\(split.filePrefix)-labels-idx1-ubyte") {
                return (images, labels)
            }
        }
        throw DatasetError.notInstalled(name: rawValue, searched: searchDirectories.map(\.path), instructions: instructions)
    }

    /// Whether the files of both splits are present.
    public var isInstalled: Bool { (try? files(.train)) != nil && (try? files(.test)) != nil }

    private func existing(_ directory: URL, _ base: String) -> URL? {
        [base, base + ".gz"].map { directory.appendingPathComponent($0) }
            .first { FileManager.default.isReadableFile(atPath: $0.path) }
    }

    private var instructions: String {
        switch self {
        case .fashionMNIST:
            return "install it with `sudo apt-get install dataset-fashion-mnist` (Debian/Ubuntu), or put the four files "
                + "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz "
                + "from https://github.com/zalandoresearch/fashion-mnist (folder data/fashion) in ~/.aprendiz/datasets/fashion-mnist/ "
                + "or in $APRENDIZ_DATA/fashion-mnist/"
        case .mnist:
            return "put the four files train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, "
                + "t10k-labels-idx1-ubyte.gz (from https://ossci-datasets.s3.amazonaws.com/mnist/, PyTorch's mirror of "
                + "LeCun's originals) in ~/.aprendiz/datasets/mnist/ or in $APRENDIZ_DATA/mnist/"
        }
    }
}

extension ImageDataset {
    /// Loads `split`: images `[count, 28, 28, 1]` scaled to [0, 1], labels `[count]`.
    /// - Throws: ``DatasetError`` when not installed or inconsistent, ``IDXError`` for a bad file.
    public func load(_ split: Split) throws -> TensorDataset {
        let (imageURL, labelURL) = try files(split)
        let images = try IDXFile(contentsOf: imageURL), labels = try IDXFile(contentsOf: labelURL)
        guard images.shape.count == 3, labels.shape.count == 1, images.shape[0] == labels.shape[0] else {
            throw DatasetError.inconsistent("\(imageURL.path) has shape \(images.shape), \(labelURL.path) has shape \(labels.shape)")
        }
        let pixels = Tensor(shape: images.shape + [1], scalars: images.scalars) * (1 / 255)
        return TensorDataset(inputs: pixels, targets: Tensor(labels.scalars))
    }
}

/// Why a named data set could not be loaded.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    /// The files were not found.
    case notInstalled(name: String, searched: [String], instructions: String)
    /// The bundled resource is missing from the build.
    case missingResource(String)
    /// The files were found but do not fit together (e.g. image and label counts differ).
    case inconsistent(String)

    public var description: String {
        switch self {
        case .notInstalled(let name, let searched, let instructions):
            return "data set '\(name)' not found (looked in \(searched.joined(separator: ", "))): \(instructions)"
        case .missingResource(let name): return "bundled data set resource '\(name)' is missing from the package build"
        case .inconsistent(let reason): return "data set files do not fit together: \(reason)"
        }
    }
}
