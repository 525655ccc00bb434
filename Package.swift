// swift-tools-version:6.1
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// The runner as it ships (scripts/build-runner sets KERNEL_RUNNER_STATIC): a static
/// position-independent executable, every library linked in (a minimal static libzmq first in
/// PKG_CONFIG_PATH), so it needs nothing at run time and maps no shared library's pages.
let shippedLink: [String] =
    Context.environment["KERNEL_RUNNER_STATIC"] == "1" ? ["-static-executable", "-Xclang-linker", "-static-pie"] : []

let package = Package(
    name: "kernel-runner",
    // Linux only (Glibc, eventfd, clone, /proc): SwiftPM has no Linux platform to declare, and
    // naming another one would claim a support the package does not have.
    products: [
        .executable(name: "kernel-runner", targets: ["kernel-runner"]),
        .library(name: "KernelRunner", targets: ["KernelRunner"]),
        .library(name: "KernelRunnerCommandLine", targets: ["KernelRunnerCommandLine"]),
        .library(name: "KernelClient", targets: ["KernelClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
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
        .systemLibrary(
            name: "CSeccomp",
            pkgConfig: "libseccomp",
            providers: [.apt(["libseccomp-dev"])]
        ),
        // Headers only: libyaml is linked statically (below), so a daemon without `--policy`
        // does not load one more shared library at every start.
        .systemLibrary(name: "CYAML", providers: [.apt(["libyaml-dev"])]),
        .target(name: "CSpawn"),
        .target(name: "CSystem"),
        .target(name: "CSandbox", dependencies: ["CSeccomp"]),

        // The system primitives every room shares: threads, locks, wake-ups, files.
        .target(name: "SystemSupport", dependencies: ["CSystem"], swiftSettings: strictSwift),

        // Thin safe wrappers over the C libraries.
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"], swiftSettings: strictSwift),
        .target(name: "MessagePack", dependencies: ["CMsgPack"], swiftSettings: strictSwift),
        .target(
            name: "YAML",
            dependencies: ["CYAML"],
            swiftSettings: strictSwift,
            linkerSettings: [.unsafeFlags(["-Xlinker", "-l:libyaml.a"])]
        ),

        // Landlock rulesets, seccomp filters and the supervisor of their notifications.
        .target(
            name: "Sandbox",
            dependencies: ["CSandbox", "CSeccomp", "SystemSupport"],
            swiftSettings: strictSwift
        ),

        // The rooms of the daemon.
        .target(
            name: "KernelProtocol",
            dependencies: ["MessagePack"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "KernelTransport",
            dependencies: ["ZeroMQ", "KernelProtocol", "SystemSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "ProcessSupervision",
            dependencies: ["CSpawn", "CSystem", "SystemSupport", "InputDetection", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "InputDetection",
            dependencies: ["CSystem", "SystemSupport"],
            swiftSettings: strictSwift
        ),
        // The runner, room by room (Sources/KernelRunner/<room>), and its front door.
        .target(
            name: "KernelRunnerCore",
            dependencies: [
                "KernelProtocol", "KernelTransport", "ProcessSupervision", "SystemSupport", "CSystem", "MessagePack",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/KernelRunner/Core",
            swiftSettings: strictSwift
        ),
        .target(
            name: "KernelRunnerInteractive",
            dependencies: [
                "KernelRunnerCore", "KernelProtocol", "ProcessSupervision", "SystemSupport", "ZeroMQ",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/KernelRunner/Interactive",
            // SwiftPM's embedInCode compiles the script into the code: no plugin, no bundle beside the static binary.
            resources: [
                .embedInCode("Embedded/kernel_runner_driver.py"),
                .embedInCode("Embedded/kernel_runner_session.bash"),
                .embedInCode("Embedded/kernel_runner_session.js"),
                .embedInCode("Embedded/kernel_runner_session.lua"),
                .embedInCode("Embedded/kernel_runner_session.php"),
                .embedInCode("Embedded/kernel_runner_session.R"),
                .embedInCode("Embedded/kernel_runner_session.m"),
                .embedInCode("Embedded/kernel_runner_session.scm"),
                .embedInCode("Embedded/kernel_runner_session.jl"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "KernelRunnerServices",
            dependencies: [
                "KernelRunnerCore", "KernelProtocol", "ProcessSupervision", "SystemSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/KernelRunner/Services",
            swiftSettings: strictSwift
        ),
        .target(
            name: "KernelRunnerLanguages",
            dependencies: [
                "KernelRunnerCore", "KernelRunnerInteractive", "KernelRunnerServices", "KernelProtocol", "ProcessSupervision",
                "SystemSupport",
            ],
            path: "Sources/KernelRunner/Languages",
            swiftSettings: strictSwift
        ),
        .target(
            name: "KernelRunnerPolicy",
            dependencies: [
                "KernelRunnerCore", "ProcessSupervision", "Sandbox", "SystemSupport", "YAML",
            ],
            path: "Sources/KernelRunner/Policy",
            swiftSettings: strictSwift
        ),
        .target(
            name: "KernelRunnerBoot",
            dependencies: [
                "KernelRunnerCore", "KernelRunnerServices", "KernelProtocol", "ProcessSupervision", "SystemSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/KernelRunner/Boot",
            swiftSettings: strictSwift
        ),
        .target(
            name: "KernelRunner",
            dependencies: [
                "KernelRunnerCore", "KernelRunnerInteractive", "KernelRunnerServices", "KernelRunnerLanguages",
                "KernelRunnerPolicy", "KernelRunnerBoot", "KernelProtocol", "KernelTransport", "ProcessSupervision",
                "Sandbox", "CSystem", .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/KernelRunner/Daemon",
            swiftSettings: strictSwift
        ),
        .target(
            name: "KernelClient",
            dependencies: ["KernelProtocol", "KernelTransport", "SystemSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "KernelRunnerCommandLine",
            dependencies: [
                "KernelRunner", "KernelClient", "KernelProtocol", "KernelTransport", "MessagePack", "ProcessSupervision", "SystemSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "kernel-runner",
            dependencies: ["KernelRunnerCommandLine"],
            exclude: ["startup.order"],
            swiftSettings: strictSwift,
            // The shipped (release, static) binary, linked by lld:
            // - relative relocations packed as DT_RELR (glibc ≥ 2.36: bookworm): as RELA they were
            //   1.9 MiB that the loader read at every start and that stayed resident;
            // - the functions that start-up and a run execute side by side (startup.order, made by
            //   scripts/startup-order): a fault maps the 64 KiB around it, so scattered code stays
            //   resident by the window (7 → 4 MiB of code at idle);
            // - no dynamic export of every symbol (the static Swift runtime's link flags ask for
            //   it): each symbol the loader resolves is looked up in the executable first, and
            //   the pages of that 4,000-symbol table stayed resident (0.4 MiB).
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                        "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/kernel-runner/startup.order",
                        "-Xlinker", "--no-warn-symbol-ordering", "-Xlinker", "--no-export-dynamic",
                    ] + shippedLink,
                    .when(platforms: [.linux], configuration: .release)
                )
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

        // Tests, one target per room; TestSupport holds what they share (a real daemon on
        // loopback driven by the client, toolchain checks, the repository's files).
        .target(
            name: "TestSupport",
            dependencies: [
                "KernelRunner", "KernelClient", "KernelProtocol", "ProcessSupervision", "SystemSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport",
            // Its imports are its API's (it hands out WireMessages, TerminationStatuses, …).
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(name: "ProtocolTests", dependencies: ["KernelProtocol", "MessagePack"], swiftSettings: strictSwift),
        .testTarget(
            name: "CoreTests",
            dependencies: [
                "TestSupport", "KernelRunner", "KernelClient", "KernelProtocol", "MessagePack", "ZeroMQ", "SystemSupport", "kernel-runner",
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "InteractiveTests",
            dependencies: ["TestSupport", "KernelRunner", "KernelProtocol", "ProcessSupervision", "SystemSupport", "kernel-runner"],
            // Programs the tests run (found by path, not bundled).
            exclude: ["Fixtures"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "ServicesTests",
            dependencies: ["TestSupport", "KernelRunner", "KernelProtocol", "kernel-runner"],
            swiftSettings: strictSwift
        ),
        .testTarget(name: "BootTests", dependencies: ["TestSupport", "KernelRunner", "KernelProtocol"], swiftSettings: strictSwift),
        .testTarget(
            name: "LanguagesTests",
            dependencies: ["TestSupport", "KernelRunner", "KernelProtocol", "kernel-runner"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "PolicyTests", dependencies: ["TestSupport", "KernelRunner", "Sandbox", "kernel-runner"], swiftSettings: strictSwift),
        .testTarget(name: "FuzzTests", dependencies: ["TestSupport", "FuzzTargets"], swiftSettings: strictSwift),
        .testTarget(
            name: "StressTests",
            dependencies: ["TestSupport", "KernelRunner", "KernelClient", "KernelProtocol", "ZeroMQ", "SystemSupport", "kernel-runner"],
            swiftSettings: strictSwift
        ),
        .testTarget(name: "DockerfileTests", dependencies: ["TestSupport", "KernelRunner"], swiftSettings: strictSwift),
        .testTarget(name: "SystemSupportTests", dependencies: ["SystemSupport", "TestSupport"], swiftSettings: strictSwift),
        .testTarget(
            name: "ProcessSupervisionTests",
            dependencies: ["ProcessSupervision", "InputDetection", "SystemSupport", "TestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "TransportTests",
            dependencies: [
                "KernelTransport", "KernelClient", "ZeroMQ", "MessagePack", "KernelProtocol", "SystemSupport", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
    ],
    swiftLanguageModes: [.v6]
)
