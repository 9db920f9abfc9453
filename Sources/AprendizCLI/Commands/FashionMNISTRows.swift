import Aprendiz
import Foundation

/// The first rows of a Fashion-MNIST split as a design matrix, for the classic-model benchmarks: `x` is
/// `[count, 784]` with x = pixel / 255 (the values of `ImageDataset.load(_:)`, bit for bit), `y` the `[count]` labels.
/// Only the rows asked for are converted from the file's bytes to `Float`, so a benchmark on a subset does not hold the
/// whole split as floats (60 000 × 784 × 4 bytes = 188 MB, plus a scaled copy) in its resident size; they are
/// written straight into the tensor.
enum FashionMNISTRows {
    static func load(_ split: ImageDataset.Split, limit: Int) throws -> (x: Tensor, y: Tensor) {
        let (imageURL, labelURL) = try ImageDataset.fashionMNIST.files(split)
        let images = try IDXFile(contentsOf: imageURL), labels = try IDXFile(contentsOf: labelURL)
        guard images.elementType == .unsignedByte, labels.elementType == .unsignedByte, images.shape.count == 3,
              labels.shape.count == 1, images.shape[0] == labels.shape[0] else {
            throw DatasetError.inconsistent("\(imageURL.path) has shape \(images.shape) (\(images.elementType)), "
                                            + "\(labelURL.path) has shape \(labels.shape) (\(labels.elementType))")
        }
        let count = min(limit, images.shape[0]), width = images.shape[1] * images.shape[2]
        let scale: Float = 1 / 255
        var x = Tensor(repeating: 0, shape: [count, width])   // filled in place: no [Float] copy beside it
        images.data.withUnsafeBufferPointer { bytes in
            x.withUnsafeMutableBufferPointer { out in for i in 0..<(count * width) { out[i] = Float(bytes[i]) * scale } }
        }
        return (x, Tensor(labels.data.prefix(count).map(Float.init)))
    }
}
