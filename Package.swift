// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "DigestSync",
    products: [
        .library(name: "IBLT", targets: ["IBLT"]),
        .library(name: "OVSDB", targets: ["OVSDB"]),
        .library(name: "SyncServer", targets: ["SyncServer"]),
        .executable(name: "digestsync", targets: ["digestsync"]),
        .executable(name: "digestsync-bench", targets: ["digestsync-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
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
        .target(name: "OVSDB"),
        .target(
            name: "SyncServer",
            dependencies: [
                "OVSDB",
                "CLibCrypto",
                .product(name: "HashTreeCollections", package: "swift-collections"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "digestsync",
            dependencies: [
                "SyncServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "BenchmarkSupport", dependencies: ["OVSDB"], path: "Benchmarks/BenchmarkSupport"),
        .target(name: "OVSTestSupport", dependencies: ["OVSDB"], path: "Tests/OVSTestSupport"),
        .testTarget(name: "IBLTTests", dependencies: ["IBLT"]),
        .testTarget(name: "OVSDBTests", dependencies: ["OVSDB", "BenchmarkSupport", "OVSTestSupport"]),
        .testTarget(
            name: "SyncServerTests",
            dependencies: [
                "SyncServer", "OVSDB", "BenchmarkSupport", "OVSTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "digestsync-bench",
            dependencies: [
                "IBLT",
                "BenchmarkSupport",
                "SyncServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/digestsync-bench"
        ),
    ],
    swiftLanguageModes: [.v6]
)
