// swift-tools-version: 6.0
import PackageDescription
import Foundation

// MARK: - Kernel code generation
//
// Aprendiz builds with no unsafe flags where it is a dependency, so another package can use it with
// `.package(url: …, from: …)` (SwiftPM refuses unsafe flags in versioned dependencies). Its speed
// does not depend on build flags: the hot loops (GEMM macro-kernel, vector–matrix products, exp,
// log, the Adam step) are C in CAprendizSIMD, compiled per function for AVX-512, AVX2 + FMA and the
// baseline, and the variant is picked once at run time from the CPU's features
// (Sources/CAprendizSIMD/Dispatch.c). The rest compiles for the default target, like any package.
//
// Only when Aprendiz is the root package (its own `swift build`, `swift test`, `swift run`) do the
// kernel modules get unsafe flags, as before the C kernels existed:
// - `-target-cpu haswell` on x86-64 (AVX2 + FMA, every x86-64 server CPU since 2013), so the Swift
//   `SIMD8<Float>` loops that stay in Swift (activations, losses, pooling, the other optimizers) use
//   one ymm register per vector; a dependency build runs them as SSE2 (see the README's table);
// - `-Ounchecked` in release builds;
// - `-O` in debug builds (`-O2` for the C kernels; preconditions stay on): unoptimised SIMD and
//   generic kernel code runs 10–100× slower, which turned the test suite's training runs into
//   minutes each. Tests still see internal symbols (SwiftPM passes -enable-testing).
// A package is a dependency when SwiftPM or Xcode checked it out into a `checkouts` folder
// (`.build/checkouts/Aprendiz`, `…/SourcePackages/checkouts/Aprendiz`); there none of this applies,
// and `Examples/Consumer/build.sh` (run by CI) checks that such a build has no unsafe flags.
let isRootPackage = !Context.packageDirectory.split(separator: "/").contains("checkouts")

#if arch(x86_64)
let targetCPU: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
#else
let targetCPU: [SwiftSetting] = []
#endif
let kernelSettings: [SwiftSetting] = !isRootPackage ? [] : targetCPU + [
    .unsafeFlags(["-Ounchecked"], .when(configuration: .release)),
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]
let kernelCSettings: [CSetting] = !isRootPackage ? [] : [.unsafeFlags(["-O2"], .when(configuration: .debug))]

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
        // `swift package generate-documentation` (DocC catalogues in Sources/<Module>/<Module>.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // Only the server targets below use Hummingbird: the library and `aprendiz` do not build it.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        // NIOCore's TimeAmount sets the server's idle timeout (Hummingbird depends on swift-nio already).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
    ],
    targets: [
        // MARK: Tensor core — n-dimensional Float arrays, kernels, BLAS, random numbers
        .target(name: "CAprendizSIMD", cSettings: kernelCSettings),
        .target(name: "AprendizTensor", dependencies: ["CAprendizSIMD"], swiftSettings: kernelSettings),

        // MARK: Reverse-mode automatic differentiation
        .target(name: "AprendizAutodiff", dependencies: ["AprendizTensor"], swiftSettings: kernelSettings),

        // MARK: Linear algebra — solve, factorisations, eigen/SVD (LAPACK at run time, Swift fallback)
        .target(name: "AprendizLinearAlgebra", dependencies: ["AprendizTensor", "AprendizAutodiff", "CAprendizSIMD"], swiftSettings: kernelSettings),

        // MARK: Layers, activations, losses, initialisers
        .target(name: "AprendizNN", dependencies: ["AprendizTensor", "AprendizAutodiff", "CAprendizSIMD"], swiftSettings: kernelSettings),

        // MARK: Optimizers and function minimizers
        .target(name: "AprendizOptimizers", dependencies: ["AprendizTensor", "AprendizAutodiff", "AprendizLinearAlgebra", "CAprendizSIMD"],
                swiftSettings: kernelSettings),

        // MARK: Data sets, loaders and file formats (depends on the tensor core only)
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "AprendizData", dependencies: ["AprendizTensor", "CZlib"], resources: [.copy("Resources")],
                swiftSettings: kernelSettings),

        // MARK: Scores of predictions against targets (depends on the tensor core only)
        .target(name: "AprendizMetrics", dependencies: ["AprendizTensor"], swiftSettings: kernelSettings),

        // MARK: Processes of a distributed run and their collectives (MPI loaded at run time; the tensor core only)
        .target(name: "AprendizDistributed", dependencies: ["AprendizTensor"], swiftSettings: kernelSettings),

        // MARK: Training loop, metrics, callbacks, model files
        .target(name: "AprendizTraining",
                dependencies: ["AprendizTensor", "AprendizAutodiff", "AprendizNN", "AprendizOptimizers", "AprendizData", "AprendizMetrics",
                               "AprendizDistributed"]),

        // MARK: Classic machine learning (chapters 11–17): estimators, fitted models, model selection
        .target(name: "AprendizClassic", dependencies: ["AprendizTensor", "AprendizAutodiff", "AprendizOptimizers", "AprendizLinearAlgebra", "AprendizDistributed",
                                                  "AprendizData", "AprendizMetrics", "AprendizStatistics", "CAprendizSIMD"],
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
            "AprendizDistributed",
        ]),

        // MARK: The `aprendiz` command
        .executableTarget(
            name: "AprendizCLI",
            dependencies: ["Aprendiz", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: The HTTP model server (`aprendiz-serve`), on Hummingbird 2
        .target(name: "AprendizServing", dependencies: [
            "Aprendiz", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        .executableTarget(
            name: "AprendizServe",
            dependencies: ["Aprendiz", "AprendizServing", .product(name: "ArgumentParser", package: "swift-argument-parser")]
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
        .testTarget(name: "AprendizDistributedTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        // Run under mpirun by AprendizDistributedTests: the collectives checked across real ranks.
        .executableTarget(name: "aprendiz-distributed-check", dependencies: ["AprendizDistributed", "Aprendiz"],
                          path: "Tests/AprendizDistributedCheck"),
        // Run by .ci/run under ThreadSanitizer: the thread pool and the parallel kernels, one thread against two.
        .executableTarget(name: "aprendiz-thread-check", dependencies: ["AprendizTensor", "AprendizAutodiff", "AprendizNN", "AprendizData"],
                          path: "Tests/AprendizThreadCheck"),
        // Docs/Techniques.md's before/after runs on Fashion-MNIST (chapter 24).
        .executableTarget(name: "aprendiz-techniques", dependencies: ["AprendizNN", "AprendizOptimizers", "AprendizData", "AprendizMetrics", "AprendizTraining"],
                          path: "Benchmarks/Techniques"),
        .testTarget(name: "AprendizMetricsTests", dependencies: ["AprendizMetrics", "AprendizTestSupport"]),
        .testTarget(name: "AprendizClassicTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        .testTarget(name: "AprendizMetaheuristicsTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        .testTarget(name: "AprendizPlotTests", dependencies: ["AprendizPlot"]),
        .testTarget(name: "AprendizCalculusTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        .testTarget(name: "AprendizStatisticsTests", dependencies: ["Aprendiz", "AprendizTestSupport"]),
        .testTarget(name: "AprendizCLITests", dependencies: ["AprendizCLI", "AprendizTestSupport"]),
        .testTarget(name: "AprendizServingTests", dependencies: [
            "AprendizServing", "AprendizTestSupport",
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)

// MARK: - Fuzz targets (libFuzzer), only when APRENDIZ_FUZZ is set
//
// `Fuzz/build.sh` builds them with `-sanitize=fuzzer,address` in their own scratch folder; a plain
// `swift build` never sees them (they have no `main`: libFuzzer supplies it).
if ProcessInfo.processInfo.environment["APRENDIZ_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"))
    for (name, dependencies) in [("FuzzSafetensors", ["AprendizData"]), ("FuzzModelFile", ["AprendizTraining"]),
                                 ("FuzzIDX", ["AprendizData"]), ("FuzzNumericTable", ["AprendizData"]),
                                 ("FuzzTable", ["AprendizData", "AprendizTensor"]),
                                 ("FuzzLanguageModelFile", ["AprendizData", "AprendizTraining"]),
                                 ("FuzzRecurrentModelFile", ["AprendizData", "AprendizTraining"])] {
        package.targets.append(.executableTarget(
            name: name, dependencies: (dependencies + ["FuzzSupport"]).map { .target(name: $0) }, path: "Fuzz/\(name)",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
