import Aprendiz
import ArgumentParser

/// The GPT both Transformer benchmarks time (and `Benchmarks/pytorch_transformer.py` mirrors):
/// 65 symbols, 4 pre-norm blocks, 4 heads, width 128, feed-forward 512, dropout 0, tied head.
enum BenchmarkGPT {
    static let (symbols, layers, heads, width) = (65, 4, 4, 128)

    static func make(context: Int) -> GPT {
        var generator = RandomGenerator(seed: 1)
        return GPT(GPTConfiguration(vocabularySize: symbols, contextLength: context, modelDimension: width, headCount: heads,
                                    layerCount: layers, dropout: 0), using: &generator)
    }
}

/// `aprendiz bench transformer`: tokens per second of GPT training steps (context 128, batch 32):
/// forward, next-token cross-entropy, backward, AdamW step. The figure is the median of `repeats`
/// rounds of `steps` steps after a warm-up round.
struct BenchTransformerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transformer",
        abstract: "Tokens/s of GPT training steps (4 blocks, 4 heads, width 128, context 128, batch 32, AdamW)."
    )

    @OptionGroup var options: BenchOptions
    @Option(help: "Timed rounds (the median is reported).") var repeats = 3
    @Option(help: "Training steps per round.") var steps = 2

    func run() throws {
        try options.apply()
        guard repeats >= 1, steps >= 1 else { throw ValidationError("--repeats and --steps must be at least 1") }
        let (batch, context) = (32, 128)
        let model = BenchmarkGPT.make(context: context)
        let optimizer = AdamW(parameters: model.parameters(), learningRate: 3e-4, rule: AdamWRule())
        var generator = RandomGenerator(seed: 2)
        let text = (0..<(batch * (context + 1))).map { _ in Float(generator.next() % UInt64(BenchmarkGPT.symbols)) }
        let windows = Tensor(shape: [batch, context + 1], scalars: text)
        let (inputs, targets) = (windows.slice(axis: 1, 0..<context), windows.slice(axis: 1, 1..<(context + 1)))
        let seconds = Stopwatch.median(repeats: repeats) {
            for _ in 0..<steps {
                optimizer.zeroGrad()
                model.loss(tokens: inputs, targets: targets).backward()
                optimizer.step()
            }
        }
        BenchResult(workload: "gpt train b=32 t=128 tokens", threads: Parallel.threadCount, backend: MatrixMultiply.backendName,
                    samplesPerSecond: Double(steps * batch * context) / seconds).print(json: options.json)
    }
}

/// `aprendiz bench generate`: tokens per second of greedy generation of 200 tokens with the key/value
/// cache from a one-token prompt (the GPT of `bench transformer`, context 256 so the cache never
/// slides). Median of `repeats` runs after a warm-up.
struct BenchGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Tokens/s of greedy GPT generation (200 tokens, key/value cache)."
    )

    @OptionGroup var options: BenchOptions
    @Option(help: "Timed runs (the median is reported).") var repeats = 3
    @Option(help: "Tokens per run.") var tokens = 200
    @Flag(help: "Recompute every position instead of using the cache.") var noCache = false

    func run() throws {
        try options.apply()
        guard repeats >= 1, tokens >= 1, tokens < 256 else { throw ValidationError("--repeats ≥ 1 and 1 ≤ --tokens < 256") }
        let model = BenchmarkGPT.make(context: 256)
        let seconds = Stopwatch.median(repeats: repeats) {
            var sampler = TokenSampler.greedy
            _ = model.generate(prompt: [0], count: tokens, sampler: &sampler, useCache: !noCache)
        }
        BenchResult(workload: "gpt generate \(tokens)\(noCache ? " no cache" : "") tokens", threads: Parallel.threadCount,
                    backend: MatrixMultiply.backendName,
                    samplesPerSecond: Double(tokens) / seconds).print(json: options.json)
    }
}
