// swift-tools-version: 6.0
// A package that uses Aprendiz the way any other package would: by URL and version, with no build
// flags and no environment variables. `build.sh` builds it against a tagged clone of this working
// tree (it rewrites the URL below to that clone's file:// URL in a temporary copy).
import PackageDescription

let package = Package(
    name: "Consumer",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/aprendiz/Aprendiz.git", from: "0.1.0"),
    ],
    targets: [
        .executableTarget(name: "Consumer", dependencies: [.product(name: "Aprendiz", package: "Aprendiz")]),
    ],
    swiftLanguageModes: [.v6]
)
