import AprendizTensor

/// The corruption of BERT's masked-language-model pre-training (§25.6.1; Devlin et al. 2019, §3.1):
/// each maskable position is chosen with probability `rate` (15 %); a chosen token becomes `[MASK]` with
/// probability 80 %, a random token 10 %, and stays itself 10 %. The model must predict the original
/// token at every chosen position.
///
/// ```
/// chosen(t) ~ Bernoulli(rate)             positions of special tokens ([CLS], padding) are never chosen
/// u ~ U(0, 1):  input[t] = [MASK] if u < 0.8;  a uniform random ordinary token if u < 0.9;  original otherwise
/// labels[t] = original[t] if chosen(t), else ``ignored``
/// ```
public enum MaskedTokens {
    /// The label of a position that is not predicted (PyTorch's default `ignore_index`).
    public static let ignored = -100

    /// The corrupted input and the labels for `tokens` (`[batch, L]` as whole numbers).
    /// - Parameters:
    ///   - tokens: the clean tokens `[batch, L]`.
    ///   - mask: the `[MASK]` token.
    ///   - randomTokens: the tokens a random replacement draws from (the ordinary ones).
    ///   - protected: tokens never chosen (`[CLS]`, padding).
    ///   - rate: the probability of choosing a position (default 0.15).
    ///   - guaranteesOne: choose one maskable position of a row when the draw chose none (default `true`),
    ///     so every row contributes to the loss.
    ///   - generator: the random stream of the choices and replacements.
    public static func corrupt(_ tokens: Tensor, mask: Int, randomTokens: Range<Int>, protected: Set<Int> = [],
                               rate: Double = 0.15, guaranteesOne: Bool = true,
                               using generator: inout RandomGenerator) -> (input: Tensor, labels: Tensor) {
        require(tokens.rank == 2 && !randomTokens.isEmpty && rate > 0 && rate <= 1,
                "MaskedTokens: tokens \(tokens.shape) must be [batch, L], random tokens non-empty, rate \(rate) in (0, 1]")
        var input = tokens.scalars
        var labels = [Float](repeating: Float(ignored), count: input.count)
        let (rows, length) = (tokens.shape[0], tokens.shape[1])
        for row in 0..<rows {
            let maskable = (0..<length).map { row * length + $0 }.filter { !protected.contains(Int(input[$0])) }
            var chosen = maskable.filter { _ in generator.nextUniformDouble() < rate }
            if chosen.isEmpty, guaranteesOne, !maskable.isEmpty {
                chosen = [maskable[Int(generator.next() % UInt64(maskable.count))]]
            }
            for index in chosen {
                labels[index] = input[index]
                let u = generator.nextUniformDouble()
                if u < 0.8 {
                    input[index] = Float(mask)
                } else if u < 0.9 {
                    input[index] = Float(randomTokens.lowerBound + Int(generator.next() % UInt64(randomTokens.count)))
                }
            }
        }
        return (Tensor(shape: tokens.shape, scalars: input), Tensor(shape: tokens.shape, scalars: labels))
    }
}
