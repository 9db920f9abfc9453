import Aprendiz

/// The sequence-to-sequence toy tasks of `aprendiz train-seq2seq` (§25.6.3): a string of 1…N decimal
/// digits in, its reverse (or its digits sorted ascending) out, so every answer is known exactly.
///
/// Tokens: 0 = padding, 1 = BOS, 2 = EOS, 3 + d = digit d (13 in all, source and target alike).
/// ```
/// source        = d₁ … d_n  PAD … PAD                      length N
/// target input  = BOS y₁ … y_n  PAD … PAD                  length N + 1   (teacher forcing)
/// target output = y₁ … y_n EOS  PAD … PAD                  length N + 1   (PAD ignored by the loss)
/// ```
enum DigitSequenceTask: String, CaseIterable {
    case reverseDigits = "reverse-digits"
    case sortDigits = "sort-digits"

    static let padding = 0, start = 1, end = 2, vocabularySize = 13

    /// The answer's digits for `digits`.
    func answer(_ digits: [Int]) -> [Int] {
        switch self {
        case .reverseDigits: digits.reversed()
        case .sortDigits: digits.sorted()
        }
    }

    /// A random string of 1…`maxDigits` digits (length uniform).
    static func randomDigits(maxDigits: Int, using generator: inout RandomGenerator) -> [Int] {
        let length = 1 + Int(generator.next() % UInt64(maxDigits))
        return (0..<length).map { _ in Int(generator.next() % 10) }
    }

    /// A batch: source `[B, N]`, its padding mask, target input and output `[B, N + 1]`.
    func batch(_ examples: [[Int]], maxDigits: Int) -> (source: Tensor, padding: Tensor, targetInput: Tensor, targetOutput: Tensor) {
        var source: [Float] = [], padding: [Float] = [], input: [Float] = [], output: [Float] = []
        for digits in examples {
            let tokens = digits.map { Float($0 + 3) }, answer = self.answer(digits).map { Float($0 + 3) }
            let sourcePad = maxDigits - digits.count, targetPad = maxDigits - digits.count
            source += tokens + [Float](repeating: Float(Self.padding), count: sourcePad)
            padding += [Float](repeating: 0, count: digits.count) + [Float](repeating: 1, count: sourcePad)
            input += [Float(Self.start)] + answer + [Float](repeating: Float(Self.padding), count: targetPad)
            output += answer + [Float(Self.end)] + [Float](repeating: Float(Self.padding), count: targetPad)
        }
        let b = examples.count
        return (Tensor(shape: [b, maxDigits], scalars: source), Tensor(shape: [b, maxDigits], scalars: padding),
                Tensor(shape: [b, maxDigits + 1], scalars: input), Tensor(shape: [b, maxDigits + 1], scalars: output))
    }

    /// The fraction of `examples` whose greedy decoding is exactly the answer (then EOS), overall and
    /// for each string length 1…`maxDigits` (NaN for a length without examples).
    func exactMatch(_ model: EncoderDecoderTransformer, _ examples: [[Int]], maxDigits: Int,
                    batchSize: Int = 500) -> (overall: Double, byLength: [Double]) {
        var correct = 0, right = [Int](repeating: 0, count: maxDigits + 1), seen = right
        for first in stride(from: 0, to: examples.count, by: batchSize) {
            let chunk = Array(examples[first..<min(first + batchSize, examples.count)])
            let (source, padding, _, _) = batch(chunk, maxDigits: maxDigits)
            let decoded = model.greedyDecode(sources: source, sourcePaddingMask: padding, start: Self.start, end: Self.end,
                                             maxLength: maxDigits + 1)
            for (digits, tokens) in zip(chunk, decoded) {
                seen[digits.count] += 1
                guard tokens == answer(digits).map({ $0 + 3 }) else { continue }
                correct += 1
                right[digits.count] += 1
            }
        }
        return (Double(correct) / Double(examples.count), (1...maxDigits).map { Double(right[$0]) / Double(seen[$0]) })
    }
}
