// swift-tools-version:6.1
import PackageDescription

// An image author's runner: the whole kernel-runner daemon, with one more language.
let package = Package(
    name: "perl-runner",
    dependencies: [
        .package(name: "kernel-runner", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "perl-kernel-runner",
            dependencies: [
                .product(name: "KernelRunner", package: "kernel-runner"),
                .product(name: "KernelRunnerCommandLine", package: "kernel-runner"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
