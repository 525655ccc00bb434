import Testing

/// The Dockerfile reader is test infrastructure: these pin the syntax the image tests rely on.
@Suite("Dockerfile reader")
struct DockerfileParserTests {
    private let sample = #"""
        # syntax comment
        FROM swift:6.3-bookworm AS build
        RUN apt-get update \
         && apt-get install -y --no-install-recommends libzmq3-dev \
              pkg-config \
         && rm -rf /var/lib/apt/lists/*

        FROM --platform=linux/amd64 debian:bookworm-slim
        RUN apt-get install -y tini git=1:2.39; echo done
        COPY --from=build --chown=work /out/kernel-runner /usr/local/bin/kernel-runner
        COPY policy/c.yml /etc/backend.ai/jail/policy.yml
        ENV PATH=/opt/julia/bin:$PATH \
            GREETING="hello world"
        ENV LEGACY two words
        WORKDIR /home/work
        LABEL ai.backend.kernelspec="1" \
        # a comment line inside a continuation is dropped
              ai.backend.features="batch query" \
              plain=value quoted="with \"escaped\" quotes" empty=""
        ENTRYPOINT ["/usr/bin/tini", "--"]
        CMD kernel-runner c
        """#

    @Test func stagesAndBaseImages() throws {
        let dockerfile = try Dockerfile(parsing: sample)
        #expect(dockerfile.stages.map(\.image) == ["swift:6.3-bookworm", "debian:bookworm-slim"])
        #expect(dockerfile.stages.map(\.name) == ["build", nil])
    }

    @Test func continuationsJoinIntoOneInstruction() throws {
        let build = try #require(try Dockerfile(parsing: sample).stages.first)
        #expect(build.instructions.map(\.keyword) == ["RUN"])
        #expect(build.instructions.first?.line == 3)
        #expect(AptPackages.installed(by: build.runCommands) == ["libzmq3-dev", "pkg-config"])
    }

    @Test func labelsWithQuotesAndContinuations() throws {
        let image = try #require(try Dockerfile(parsing: sample).finalStage)
        #expect(
            image.labels == [
                "ai.backend.kernelspec": "1",
                "ai.backend.features": "batch query",
                "plain": "value",
                "quoted": "with \"escaped\" quotes",
                "empty": "",
            ])
    }

    @Test func environmentCopiesAndCommands() throws {
        let image = try #require(try Dockerfile(parsing: sample).finalStage)
        #expect(image.environment == ["PATH": "/opt/julia/bin:$PATH", "GREETING": "hello world", "LEGACY": "two words"])
        #expect(
            image.copies == [
                Dockerfile.Copy(stage: "build", sources: ["/out/kernel-runner"], destination: "/usr/local/bin/kernel-runner"),
                Dockerfile.Copy(stage: nil, sources: ["policy/c.yml"], destination: "/etc/backend.ai/jail/policy.yml"),
            ])
        #expect(image.workingDirectory == "/home/work")
        #expect(image.entrypoint == ["/usr/bin/tini", "--"])
        #expect(image.command == ["/bin/sh", "-c", "kernel-runner c"])
        #expect(AptPackages.installed(by: image.runCommands) == ["tini", "git"])
    }

    @Test(
        "malformed files are reported with their line",
        arguments: [
            ("RUN true", DockerfileParseError.Code.outsideStage, 1),
            ("FROM x\nLABEL a=\"open", .unterminatedQuote, 2),
            ("FROM x\n\nLABEL novalue", .malformedArguments, 3),
            ("FROM x\nCOPY onlyone", .malformedArguments, 2),
            ("FROM x\nCMD [\"a\", 1]", .malformedExecForm, 2),
        ])
    func malformed(text: String, code: DockerfileParseError.Code, line: Int) {
        let error = #expect(throws: DockerfileParseError.self) { try Dockerfile(parsing: text) }
        #expect(error?.code == code)
        #expect(error?.line == line)
    }

    @Test func resolvesCommandsAgainstWhatTheImageInstalls() throws {
        let image = try #require(try Dockerfile(parsing: sample).finalStage)
        #expect(ToolchainCatalog.resolve("git", in: image) == "/usr/bin/git")
        #expect(ToolchainCatalog.resolve("/bin/bash", in: image) == "/bin/bash")
        #expect(ToolchainCatalog.resolve("kernel-runner", in: image) == "/usr/local/bin/kernel-runner")
        #expect(ToolchainCatalog.resolve("gcc", in: image) == nil)
        #expect(ToolchainCatalog.resolve("/usr/bin/python3", in: image) == nil)
    }
}
