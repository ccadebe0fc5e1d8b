// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "DigestSync",
    products: [
        .library(name: "IBLT", targets: ["IBLT"]),
        .library(name: "OVSDB", targets: ["OVSDB"]),
        .executable(name: "digestsync-bench", targets: ["digestsync-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CXXHash",
            path: "Sources/CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"])]
        ),
        .systemLibrary(
            name: "CLibCrypto",
            path: "Sources/CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "IBLT", dependencies: ["CXXHash"]),
        .target(name: "OVSDB", dependencies: [.product(name: "NIOCore", package: "swift-nio")]),
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                "OVSDB",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/BenchmarkSupport"
        ),
        .testTarget(name: "IBLTTests", dependencies: ["IBLT"]),
        .testTarget(
            name: "OVSDBTests",
            dependencies: ["OVSDB", "BenchmarkSupport", .product(name: "NIOEmbedded", package: "swift-nio")]
        ),
        .testTarget(
            name: "BenchmarkSupportTests",
            dependencies: ["BenchmarkSupport", "OVSDB", .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio")]
        ),
        .executableTarget(
            name: "digestsync-bench",
            dependencies: [
                "IBLT",
                "OVSDB",
                "BenchmarkSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/digestsync-bench"
        ),
    ],
    swiftLanguageModes: [.v6]
)
