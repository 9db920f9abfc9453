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
        .executable(name: "aprendiz-serve", targets: ["AprendizServe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        // Only the server targets below use Hummingbird: the library and `aprendiz` do not build it.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    ],
    targets: [
        // MARK: Tensor core — n-dimensional Float arrays, kernels, BLAS, random numbers
        .target(name: "CAprendizSIMD"),
        .target(name: "AprendizTensor", dependencies: ["CAprendizSIMD"], swiftSettings: kernelSettings),

        // MARK: Reverse-mode automatic differentiation
        .target(name: "AprendizAutodiff", dependencies: ["AprendizTensor"], swiftSettings: kernelSettings),

        // MARK: Layers, activations, losses, initialisers
        .target(name: "AprendizNN", dependencies: ["AprendizTensor", "AprendizAutodiff"], swiftSettings: kernelSettings),

        // MARK: Optimizers and function minimizers
        .target(name: "AprendizOptimizers", dependencies: ["AprendizTensor", "AprendizAutodiff"], swiftSettings: kernelSettings),

        // MARK: Data sets, loaders and file formats (depends on the tensor core only)
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "AprendizData", dependencies: ["AprendizTensor", "CZlib", "SwiftCSV"], resources: [.copy("Resources")]),

        // MARK: Training loop, metrics, callbacks, model files
        .target(name: "AprendizTraining",
                dependencies: ["AprendizTensor", "AprendizAutodiff", "AprendizNN", "AprendizOptimizers", "AprendizData"]),

        // MARK: SVG plotting (depends on nothing)
        .target(name: "AprendizPlot"),

        // MARK: Umbrella — `import Aprendiz` gives everything
        .target(name: "Aprendiz", dependencies: [
            "AprendizTensor", "AprendizAutodiff", "AprendizNN", "AprendizOptimizers", "AprendizData", "AprendizTraining", "AprendizPlot",
        ]),

        // MARK: The `aprendiz` command
        .executableTarget(
            name: "AprendizCLI",
            dependencies: ["Aprendiz", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: The HTTP model server (`aprendiz-serve`), on Hummingbird 2
        .target(name: "AprendizServing", dependencies: [
            "Aprendiz", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(
            name: "AprendizServe",
            dependencies: ["AprendizServing", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: Tests
        .target(name: "AprendizTestSupport", dependencies: ["Aprendiz"], path: "Tests/AprendizTestSupport"),
        .testTarget(name: "AprendizTensorTests", dependencies: ["AprendizTensor", "AprendizTestSupport"]),
        .testTarget(name: "AprendizAutodiffTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        .testTarget(name: "AprendizNNTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        .testTarget(name: "AprendizOptimizersTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        .testTarget(name: "AprendizDataTests", dependencies: ["AprendizData", "AprendizTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "AprendizTrainingTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        .testTarget(name: "AprendizPlotTests", dependencies: ["AprendizPlot"]),
        .testTarget(name: "AprendizCLITests", dependencies: ["AprendizCLI", "AprendizTestSupport"]),
        .testTarget(name: "AprendizServingTests", dependencies: [
            "AprendizServing", "AprendizTestSupport",
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
