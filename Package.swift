// swift-tools-version:6.1
import PackageDescription

let collections = "swift-collections"

let package = Package(
    name: "DigestSync",
    products: [
        .library(name: "IBLT", targets: ["IBLT"]),
        .library(name: "OVSDB", targets: ["OVSDB"]),
        .library(name: "Digest", targets: ["Digest"]),
        .library(name: "SyncServer", targets: ["SyncServer"]),
        .library(name: "SyncClient", targets: ["SyncClient"]),
        .executable(name: "digestsync", targets: ["digestsync"]),
        .executable(name: "digestsync-bench", targets: ["digestsync-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
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
            name: "Digest",
            dependencies: [
                "IBLT",
                "OVSDB",
                "CLibCrypto",
                .product(name: "HashTreeCollections", package: collections),
            ]
        ),
        .target(
            name: "SyncServer",
            dependencies: [
                "OVSDB",
                "Digest",
                "CLibCrypto",
                .product(name: "HashTreeCollections", package: collections),
                .product(name: "OrderedCollections", package: collections),
                .product(name: "DequeModule", package: collections),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "SyncClient",
            dependencies: [
                "OVSDB",
                "Digest",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HashTreeCollections", package: collections),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "digestsync",
            dependencies: [
                "SyncServer",
                "OVSDB",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                "OVSDB",
                "Digest",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/BenchmarkSupport"
        ),
        .executableTarget(
            name: "digestsync-bench",
            dependencies: [
                "IBLT",
                "OVSDB",
                "Digest",
                "BenchmarkSupport",
                "SyncServer",
                "SyncClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/digestsync-bench"
        ),
        .target(name: "OVSTestSupport", dependencies: ["OVSDB", "BenchmarkSupport"], path: "Tests/OVSTestSupport"),
        .testTarget(name: "IBLTTests", dependencies: ["IBLT", "BenchmarkSupport"]),
        .testTarget(
            name: "OVSDBTests",
            dependencies: [
                "OVSDB", "BenchmarkSupport", "OVSTestSupport",
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "BenchmarkSupportTests",
            dependencies: ["BenchmarkSupport", "OVSDB", .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio")]
        ),
        .testTarget(
            name: "DigestTests",
            dependencies: ["Digest", "BenchmarkSupport", "OVSTestSupport"],
            exclude: ["Reference"]
        ),
        .testTarget(
            name: "SyncServerTests",
            dependencies: [
                "SyncServer", "OVSDB", "Digest", "BenchmarkSupport", "OVSTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "InteropTests",
            dependencies: ["OVSDB", "OVSTestSupport", "BenchmarkSupport"],
            exclude: ["Scripts"]
        ),
        .testTarget(
            name: "SyncClientTests",
            dependencies: [
                "SyncClient", "OVSDB", "Digest", "OVSTestSupport", "BenchmarkSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
