import Aprendiz

/// The multilayer perceptron of the benchmark table: 784-256-128-10 with ReLU.
enum BenchmarkMLP {
    static func make() -> Sequential {
        Sequential(Dense(784, 256), ReLU(), Dense(256, 128), ReLU(), Dense(128, 10))
    }
}
