// swift-tools-version:6.1
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "kernel-runner",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kernel-runner", targets: ["kernel-runner"]),
        .library(name: "KernelRunner", targets: ["KernelRunner"]),
        .library(name: "KernelClient", targets: ["KernelClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C libraries and shims.
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .systemLibrary(
            name: "CMsgPack",
            pkgConfig: "msgpack",
            providers: [.apt(["libmsgpack-dev"])]
        ),
        .target(name: "CSpawn"),

        // Thin safe wrappers over the C libraries.
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"], swiftSettings: strictSwift),
        .target(name: "MessagePack", dependencies: ["CMsgPack"], swiftSettings: strictSwift),

        // The rooms of the daemon.
        .target(
            name: "KernelProtocol",
            dependencies: ["MessagePack"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "KernelTransport",
            dependencies: ["ZeroMQ", "KernelProtocol", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "ProcessSupervision",
            dependencies: ["CSpawn", "InputDetection", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "InputDetection",
            dependencies: ["CSpawn"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "KernelRunner",
            dependencies: [
                "KernelProtocol", "KernelTransport", "ProcessSupervision", "InputDetection", "ZeroMQ", "CSpawn",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "KernelClient",
            dependencies: ["KernelProtocol", "KernelTransport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "kernel-runner",
            dependencies: [
                "KernelRunner", "KernelClient", "KernelProtocol", "KernelTransport", "MessagePack", "ProcessSupervision",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift,
            // The shipped (release, static) binary has ~80,000 relative relocations, mostly in the
            // linked Foundation; as RELA they are 1.9 MiB that the loader reads at every start and
            // that stay resident. lld packs them as DT_RELR (glibc ≥ 2.36: bookworm) into a few KiB.
            linkerSettings: [
                .unsafeFlags(
                    ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"],
                    .when(platforms: [.linux], configuration: .release)
                ),
            ]
        ),

        // Fuzzing (Fuzz/, scripts/fuzz): the targets are shared by the libFuzzer driver and by the
        // test that replays the saved inputs.
        .target(
            name: "FuzzTargets",
            dependencies: ["KernelProtocol", "KernelRunner"],
            path: "Fuzz/Targets",
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "kernel-fuzz",
            dependencies: ["FuzzTargets"],
            path: "Fuzz/Driver",
            swiftSettings: strictSwift
        ),

        .testTarget(
            name: "KernelRunnerTests",
            dependencies: ["KernelRunner", "KernelClient", "KernelProtocol", "MessagePack", "ZeroMQ", "kernel-runner", "FuzzTargets", "InputDetection"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "ProcessSupervisionTests",
            dependencies: ["ProcessSupervision", "InputDetection"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "TransportTests",
            dependencies: [
                "KernelTransport", "KernelClient", "ZeroMQ", "MessagePack", "KernelProtocol",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
    ],
    swiftLanguageModes: [.v6]
)
