// swift-tools-version: 6.0
import PackageDescription
import Foundation

// MARK: - Kernel code generation
//
// The tensor kernels are written with SIMD8<Float>. On x86_64 they are compiled for the Haswell
// baseline (AVX2 + FMA, every x86_64 server CPU since 2013) so that a SIMD8 is one ymm register and
// a multiply-add is one FMA instruction; without it LLVM emits SSE2 code at half the throughput.
// Set APRENDIZ_PORTABLE=1 when building to drop the flag (for very old CPUs, or to use Aprendiz as a
// dependency of another package, where SwiftPM forbids unsafe flags).
//
// Debug builds (`swift test`) optimise these modules too (-O; preconditions stay on): unoptimised
// SIMD and generic kernel code runs 10–100× slower, which turned the test suite's training runs
// into minutes each. Tests still see internal symbols (SwiftPM passes -enable-testing).
let portable = ProcessInfo.processInfo.environment["APRENDIZ_PORTABLE"] != nil
#if arch(x86_64)
let kernelSettings: [SwiftSetting] = portable ? [] : [
    .unsafeFlags(["-target-cpu", "haswell"]),
    .unsafeFlags(["-Ounchecked"], .when(configuration: .release)),
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]
#else
let kernelSettings: [SwiftSetting] = portable ? [] : [
    .unsafeFlags(["-Ounchecked"], .when(configuration: .release)),
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]
#endif

let package = Package(
    name: "Aprendiz",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Aprendiz", targets: ["Aprendiz"]),
        .executable(name: "aprendiz", targets: ["AprendizCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: Tensor core — n-dimensional Float arrays, kernels, BLAS, random numbers
        .target(name: "CAprendizSIMD"),
        .target(name: "AprendizTensor", dependencies: ["CAprendizSIMD"], swiftSettings: kernelSettings),

        // MARK: Reverse-mode automatic differentiation
        .target(name: "AprendizAutodiff", dependencies: ["AprendizTensor"], swiftSettings: kernelSettings),

        // MARK: Linear algebra — solve, factorisations, eigen/SVD (LAPACK at run time, Swift fallback)
        .target(name: "AprendizLinearAlgebra", dependencies: ["AprendizTensor", "AprendizAutodiff"], swiftSettings: kernelSettings),

        // MARK: Layers, activations, losses, initialisers
        .target(name: "AprendizNN", dependencies: ["AprendizTensor", "AprendizAutodiff"], swiftSettings: kernelSettings),

        // MARK: Optimizers and function minimizers
        .target(name: "AprendizOptimizers", dependencies: ["AprendizTensor", "AprendizAutodiff", "AprendizLinearAlgebra"], swiftSettings: kernelSettings),

        // MARK: Data sets, loaders and file formats (depends on the tensor core only)
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "AprendizData", dependencies: ["AprendizTensor", "CZlib"], resources: [.copy("Resources")],
                swiftSettings: kernelSettings),

        // MARK: Scores of predictions against targets (depends on the tensor core only)
        .target(name: "AprendizMetrics", dependencies: ["AprendizTensor"], swiftSettings: kernelSettings),

        // MARK: Training loop, metrics, callbacks, model files
        .target(name: "AprendizTraining",
                dependencies: ["AprendizTensor", "AprendizAutodiff", "AprendizNN", "AprendizOptimizers", "AprendizData", "AprendizMetrics"]),

        // MARK: Classic machine learning (chapters 11–17): estimators, fitted models, model selection
        .target(name: "AprendizClassic", dependencies: ["AprendizTensor", "AprendizAutodiff", "AprendizOptimizers", "AprendizLinearAlgebra",
                                                  "AprendizData", "AprendizMetrics"],
                swiftSettings: kernelSettings),

        // MARK: Mathematical foundations: calculus (chapter 3, the tensor core only) and statistics
        // (chapter 5; the multivariate normal uses the Cholesky factor of linear algebra)
        .target(name: "AprendizCalculus", dependencies: ["AprendizTensor"], swiftSettings: kernelSettings),
        .target(name: "AprendizStatistics", dependencies: ["AprendizTensor", "AprendizLinearAlgebra"], swiftSettings: kernelSettings),

        // MARK: Metaheuristics — evolutionary algorithms and swarms (chapter 11), gradient-free training
        .target(name: "AprendizMetaheuristics",
                dependencies: ["AprendizTensor", "AprendizAutodiff", "AprendizNN", "AprendizOptimizers", "AprendizData", "AprendizTraining",
                               "AprendizLinearAlgebra"],
                swiftSettings: kernelSettings),

        // MARK: SVG plotting (depends on nothing)
        .target(name: "AprendizPlot"),

        // MARK: Umbrella — `import Aprendiz` gives everything
        .target(name: "Aprendiz", dependencies: [
            "AprendizTensor", "AprendizAutodiff", "AprendizNN", "AprendizOptimizers", "AprendizData", "AprendizMetrics", "AprendizTraining", "AprendizPlot",
            "AprendizLinearAlgebra", "AprendizCalculus", "AprendizStatistics", "AprendizClassic",
            "AprendizMetaheuristics",
        ]),

        // MARK: The `aprendiz` command
        .executableTarget(
            name: "AprendizCLI",
            dependencies: ["Aprendiz", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: Tests
        .target(name: "AprendizTestSupport", dependencies: ["Aprendiz"], path: "Tests/AprendizTestSupport"),
        .testTarget(name: "AprendizTensorTests", dependencies: ["AprendizTensor", "AprendizTestSupport"]),
        .testTarget(name: "AprendizAutodiffTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        .testTarget(name: "AprendizLinearAlgebraTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        .testTarget(name: "AprendizNNTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        .testTarget(name: "AprendizOptimizersTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        .testTarget(name: "AprendizDataTests", dependencies: ["AprendizData", "AprendizTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "AprendizTrainingTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        .testTarget(name: "AprendizMetricsTests", dependencies: ["AprendizMetrics", "AprendizTestSupport"]),
        .testTarget(name: "AprendizClassicTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        .testTarget(name: "AprendizMetaheuristicsTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        .testTarget(name: "AprendizPlotTests", dependencies: ["AprendizPlot"]),
        .testTarget(name: "AprendizCalculusTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        .testTarget(name: "AprendizStatisticsTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        .testTarget(name: "AprendizCLITests", dependencies: ["AprendizCLI", "AprendizTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
