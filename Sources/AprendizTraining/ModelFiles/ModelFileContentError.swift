/// Why the metadata of a model file written by a command (`train-lm`, `pretrain-mlm`, `train-seq2seq`,
/// `train-vit`, `train --model lstm`, `rbm --save`) does not describe a model that can be rebuilt: a missing
/// or undecodable configuration, a tokenizer that contradicts itself or the model, sizes that are not
/// positive or that describe more weights than the file stores. The message names the file.
public struct ModelFileContentError: Error, Equatable, CustomStringConvertible {
    /// The file.
    public let path: String
    /// The one-line message, starting with the file's path.
    public let description: String

    /// The error for the file at `path`, with its one-line `description`.
    package init(_ path: String, _ description: String) {
        self.path = path
        self.description = description
    }
}
