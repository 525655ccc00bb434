import Foundation
import KernelRunner
import TestSupport
import Testing

/// Checks every `Dockerfiles/<language>/Dockerfile` without a Docker engine: the labels the agent
/// reads, that the runner knows the language, that the policy it ships exists and loads, and
/// that the toolchain it installs provides what the label and the runner call.
@Suite("Kernel images")
struct DockerfileTests {
    static let languages = RepositoryFiles.dockerfileLanguages
    static let policyDestination = "/etc/backend.ai/jail/policy.yml"

    private func image(_ language: String) throws -> Dockerfile.Stage {
        let dockerfile = try Dockerfile(contentsOf: "\(RepositoryFiles.dockerfilesDirectory)/\(language)/Dockerfile")
        return try #require(dockerfile.finalStage)
    }

    @Test func everyRegisteredLanguageHasAnImageAndAPolicy() {
        // `app` is the runtime of images that bring only their own services: no toolchain here.
        let registered = Set(LanguageRegistry.builtIn.entries.map(\.name)).subtracting(["app"])
        #expect(registered.subtracting(Self.languages).isEmpty, "languages without a Dockerfile")
        #expect(Set(RepositoryFiles.policyLanguages) == Set(Self.languages), "every image ships its own policy")
    }

    @Test("labels the agent reads", arguments: languages)
    func labels(language: String) throws {
        let labels = try image(language).labels
        #expect(labels["ai.backend.kernelspec"] == "1")
        #expect(labels["ai.backend.features"] == "batch query uid-match user-input")
        #expect(labels["ai.backend.runtime-type"] == language)
        #expect(labels["ai.backend.base-distro"] == "debian12")
        #expect(labels["ai.backend.service-ports"] == "", "no image installs a service")
        #expect(labels["ai.backend.runtime-path"]?.hasPrefix("/") == true)
        #expect(labels["ai.backend.resource.min.cpu"]?.wholeMatch(of: /[1-9][0-9]*/) != nil)
        #expect(labels["ai.backend.resource.min.mem"]?.wholeMatch(of: /[1-9][0-9]*[mg]/) != nil)
    }

    @Test("the runner knows the runtime type", arguments: languages)
    func knownLanguage(language: String) throws {
        let runtimeType = try #require(try image(language).labels["ai.backend.runtime-type"])
        let known = LanguageRegistry.builtIn.entries.map(\.name)
        #expect(known.contains(runtimeType), "\(runtimeType) is not registered; the runner knows \(known)")
    }

    @Test("the toolchain provides the runtime path and what the runner calls", arguments: languages)
    func toolchain(language: String) throws {
        let stage = try image(language)
        let runtimePath = try #require(stage.labels["ai.backend.runtime-path"])
        #expect(ToolchainCatalog.resolve(runtimePath, in: stage) != nil, "nothing installed provides \(runtimePath)")
        let entry = try #require(LanguageRegistry.builtIn.entries.first { $0.name == language }, "\(language) is not registered")
        #expect(
            ToolchainCatalog.resolve(entry.defaultRuntimePath, in: stage) != nil,
            "the runner calls \(entry.defaultRuntimePath), which the image does not install"
        )
        // The daemon runs shell commands, and `make` for a Makefile, in every language.
        #expect(ToolchainCatalog.resolve("/bin/sh", in: stage) != nil)
        #expect(ToolchainCatalog.resolve("make", in: stage) != nil, "the Makefile rule needs make")
    }

    @Test("the image ships its policy and the runner applies it", arguments: languages)
    func policy(language: String) throws {
        let stage = try image(language)
        let copies = stage.copies.filter { $0.destination == Self.policyDestination }
        #expect(copies.map(\.sources) == [["policy/\(language).yml"]])
        let policy = try JailPolicy(contentsOf: "\(RepositoryFiles.policyDirectory)/\(language).yml")

        let command = try #require(stage.command)
        let flag = try #require(command.firstIndex(of: "--policy"), "CMD does not pass --policy")
        #expect(command.dropFirst(flag + 1).first == Self.policyDestination)

        // The policy filters the runner's inherited environment: what the image sets must survive.
        let retained = policy.retainedEnvironmentKeys.union(policy.extraEnvironment.keys)
        let corecount = stage.labels["ai.backend.envs.corecount"]?.split(separator: ",").map(String.init) ?? []
        for key in Array(stage.environment.keys) + corecount {
            #expect(retained.contains(key), "\(key) is set by the image but dropped by policy/\(language).yml")
        }
    }

    @Test("tini runs kernel-runner for the language", arguments: languages)
    func entrypointAndCommand(language: String) throws {
        let stage = try image(language)
        #expect(stage.entrypoint == ["/usr/bin/tini", "--"])
        #expect(ToolchainCatalog.resolve("/usr/bin/tini", in: stage) != nil)
        let command = try #require(stage.command)
        #expect(command.prefix(2) == ["kernel-runner", language])
        #expect(ToolchainCatalog.resolve("kernel-runner", in: stage) == "/usr/local/bin/kernel-runner")
        #expect(stage.copies.contains { $0.stage == "runner" && $0.destination == "/usr/local/bin/kernel-runner" })
    }

    @Test("a Swift build stage and a slim Debian runtime for the work user", arguments: languages)
    func stages(language: String) throws {
        let dockerfile = try Dockerfile(contentsOf: "\(RepositoryFiles.dockerfilesDirectory)/\(language)/Dockerfile")
        let build = try #require(dockerfile.stages.first)
        #expect(build.name == "build")
        #expect(build.image.wholeMatch(of: /swift:6\.[0-9.]+-bookworm/) != nil)
        // The shipped build: fully static, with a minimal libzmq built from Debian's source.
        #expect(build.runCommands.contains { $0.contains("scripts/build-runner --out /out/kernel-runner") })
        #expect(build.copies.contains { $0.sources == ["scripts/build-libzmq", "scripts/build-runner"] })
        #expect(
            AptPackages.installed(by: build.runCommands) == [
                "libmsgpack-dev", "libseccomp-dev", "libyaml-dev", "pkg-config", "cmake", "g++", "curl", "ca-certificates",
            ])
        // The runner is built in the image unless a prebuilt one is asked for (`make images`).
        #expect(dockerfile.globalArguments == ["RUNNER": "build"])
        let prebuilt = try #require(dockerfile.stages.first { $0.name == "prebuilt" })
        #expect(prebuilt.image == "scratch")
        #expect(prebuilt.copies.map(\.sources) == [["Dockerfiles/prebuilt/"]])
        let runner = try #require(dockerfile.stages.first { $0.name == "runner" })
        #expect(runner.image == "${RUNNER}")

        let stage = try #require(dockerfile.finalStage)
        #expect(stage.image == "debian:bookworm-slim")
        // The runner needs no library: none of those it is linked with is installed for it.
        let runtimePackages = AptPackages.installed(by: stage.runCommands)
        #expect(runtimePackages.contains("tini"))
        #expect(runtimePackages.isDisjoint(with: ["libzmq5", "libmsgpackc2", "libseccomp2"]))
        let createsUser = stage.runCommands.contains {
            $0.contains("useradd") && $0.contains("--create-home") && $0.contains("--home-dir /home/work") && $0.contains(" work")
        }
        #expect(createsUser, "the image creates the work user with /home/work")
        #expect(stage.workingDirectory == "/home/work")
    }

    @Test func everyImageBuildsTheRunnerTheSameWay() throws {
        let buildStages = try Self.languages.map { language in
            try Dockerfile(contentsOf: "\(RepositoryFiles.dockerfilesDirectory)/\(language)/Dockerfile").stages
                .filter { ["build", "prebuilt", "runner"].contains($0.name) }
                .flatMap(\.instructions).map { [$0.keyword, $0.arguments] }
        }
        #expect(Set(buildStages).count == 1, "the Swift build stage differs between Dockerfiles")
    }
}
