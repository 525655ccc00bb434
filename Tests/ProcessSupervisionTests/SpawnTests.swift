import Glibc
import ProcessSupervision
import TestSupport
import Testing

@Suite("Spawning")
struct SpawnTests {
    @Test(arguments: [
        ("exit 3", TerminationStatus.Reason.exited(3), 3),
        ("true", .exited(0), 0),
        ("kill -TERM $$", .signaled(SIGTERM), -15),
    ])
    func exitStatus(script: String, reason: TerminationStatus.Reason, exitCode: Int) async throws {
        let process = try SupervisedProcess.spawn(shellSpec(script), handlers: Recorder().handlers)
        let status = try #require(await finish(process))
        #expect(status.reason == reason)
        #expect(status.exitCode == exitCode)
    }

    @Test func outputStreamsStayApart() async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("echo out; echo err >&2"), handlers: recorder.handlers)
        _ = try #require(await finish(process))
        #expect(recorder.stdoutText == "out\n")
        #expect(recorder.stderrText == "err\n")
    }

    @Test func environmentAndWorkingDirectoryAreHonoured() async throws {
        let directory = makeTemporaryDirectory()
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("echo \"$GREETING\"; pwd", environment: ["GREETING": "grüezi"], workingDirectory: directory),
            handlers: recorder.handlers)
        _ = try #require(await finish(process))
        #expect(recorder.stdoutText == "grüezi\n\(directory)\n")
    }

    /// Arguments and variables reach the program byte for byte: empty ones, `=` inside a value,
    /// non-ASCII, a long value, many variables.
    @Test func argumentsAndEnvironmentArriveIntact() async throws {
        var environment = ["EMPTY": "", "EQUALS": "a=b=c", "UMLAUT": "grüezi", "LONG": String(repeating: "v", count: 100_000)]
        for index in 0..<200 {
            environment["MANY_\(index)"] = String(index)
        }
        let recorder = Recorder()
        let arguments = ["", "a b", "é", "--x=1"]
        let process = try SupervisedProcess.spawn(
            ProcessSpec(
                executable: "/bin/sh",
                arguments: ["-c", "printf '%s|' \"$@\"; echo; env", "sh"] + arguments,
                environment: environment, workingDirectory: "/"),
            handlers: recorder.handlers)
        _ = try #require(await finish(process))
        let lines = recorder.stdoutText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "|a b|é|--x=1|")
        // The shell adds PWD (and may add others); every given variable is there as given.
        let received = Set(lines.dropFirst().map(String.init))
        for (key, value) in environment {
            #expect(received.contains("\(key)=\(value)"), "\(key) missing or changed")
        }
    }

    @Test func bareNameIsResolvedInPath() async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            ProcessSpec(
                executable: "echo", arguments: ["resolved"], environment: ["PATH": "/usr/bin:/bin"],
                workingDirectory: "/"),
            handlers: recorder.handlers)
        let status = try #require(await finish(process))
        #expect(status.exitCode == 0)
        #expect(recorder.stdoutText == "resolved\n")
    }

    /// The child searches `PATH` as execvp does; relative entries (and the empty one) are the
    /// working directory's.
    @Test(
        arguments: [
            ("plain:denied:missing:/no/such/dir:found", "found\n", nil),
            ("plain::found", "here\n", nil),
            ("plain:denied", nil, .notExecutable),
            ("missing:/no/such/dir", nil, .executableNotFound),
        ] as [(String, String?, SpawnError.Code?)])
    func bareNameIsSearchedAsExecvpDoes(searchPath: String, output: String?, failure: SpawnError.Code?) async throws {
        let directory = makeTemporaryDirectory()
        try ProjectFiles.write(
            [
                "plain/prog/readme": "a directory", "denied/prog": "#!/bin/sh\necho denied\n",
                "found/prog": "#!/bin/sh\necho found\n", "prog": "#!/bin/sh\necho here\n",
            ],
            into: directory)
        #expect(chmod(directory + "/found/prog", 0o755) == 0 && chmod(directory + "/prog", 0o755) == 0)
        let spec = ProcessSpec(executable: "prog", arguments: [], environment: ["PATH": searchPath], workingDirectory: directory)
        if let failure {
            #expect {
                _ = try SupervisedProcess.spawn(spec, handlers: Recorder().handlers)
            } throws: { error in
                (error as? SpawnError)?.code == failure
            }
            return
        }
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(spec, handlers: recorder.handlers)
        let status = try #require(await finish(process))
        #expect(status.exitCode == 0)
        #expect(recorder.stdoutText == output)
    }

    @Test(arguments: [
        ("no-such-program-anywhere", "/", SpawnError.Code.executableNotFound),
        ("/no/such/program", "/", .executableNotFound),
        ("/etc/passwd", "/", .notExecutable),
        ("/bin/true", "/no/such/directory", .workingDirectory),
    ])
    func spawnFailuresAreTyped(executable: String, workingDirectory: String, code: SpawnError.Code) {
        let spec = ProcessSpec(
            executable: executable, arguments: [], environment: ["PATH": "/usr/bin:/bin"],
            workingDirectory: workingDirectory)
        #expect {
            _ = try SupervisedProcess.spawn(spec, handlers: Recorder().handlers)
        } throws: { error in
            (error as? SpawnError)?.code == code && (error as? SpawnError)?.errno != 0
        }
    }

    @Test func openFilesLimitIsApplied() async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("ulimit -n", limits: ResourceLimits(openFiles: 77)), handlers: recorder.handlers)
        _ = try #require(await finish(process))
        #expect(recorder.stdoutText == "77\n")
    }

    @Test func childStartsWithEmptySignalMaskAndDefaultDispositions() async throws {
        // Mimic the daemon: signals blocked in the spawning thread, SIGPIPE ignored.
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        for signal in [SIGINT, SIGTERM, SIGUSR1, SIGCHLD] {
            sigaddset(&blocked, signal)
        }
        signal(SIGPIPE, SIG_IGN)
        signal(SIGUSR2, SIG_IGN)
        SupervisedProcess.signalDispositionsChanged()
        defer {
            signal(SIGUSR2, SIG_DFL)
            SupervisedProcess.signalDispositionsChanged()
        }
        let recorder = Recorder()
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        let spawned = Result { () throws(SpawnError) in
            try SupervisedProcess.spawn(
                ProcessSpec(
                    executable: "grep", arguments: ["-E", "^Sig(Blk|Ign)", "/proc/self/status"],
                    environment: ["PATH": "/usr/bin:/bin"], workingDirectory: "/"),
                handlers: recorder.handlers)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        _ = try #require(await finish(try spawned.get()))
        #expect(recorder.stdoutText == "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n")
    }

    @Test func childHasOnlyStandardDescriptors() async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            ProcessSpec(executable: "/bin/ls", arguments: ["/proc/self/fd"], environment: [:], workingDirectory: "/"),
            handlers: recorder.handlers)
        _ = try #require(await finish(process))
        // 3 is the directory ls itself opened.
        #expect(recorder.stdoutText == "0\n1\n2\n3\n")
    }

    @Test func childLeadsItsOwnSession() async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("cut -d' ' -f5,6 /proc/$$/stat"), handlers: recorder.handlers)
        _ = try #require(await finish(process))
        // Process group and session are both the main process's pid.
        #expect(recorder.stdoutText == "\(process.pid) \(process.pid)\n")
    }
}
