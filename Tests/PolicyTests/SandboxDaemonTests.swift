import Foundation
import KernelProtocol
import TestSupport
import Testing

/// The sandbox of `--policy`, end to end over ZeroMQ: one hostile C program per policy key,
/// compiled and run by a real daemon under the policy (so gcc runs under it too), refused when
/// the policy says so and let through when it allows the same thing.
@Suite(
    "Sandbox in the daemon", .serialized, .timeLimit(.minutes(3)),
    .enabled(if: Toolchain.available("gcc"), "gcc is not installed")
)
struct SandboxDaemonTests {
    /// Everything a compiler and a program need, and the test's own directories (all under
    /// /tmp); not the rest of /etc.
    static let systemFiles = #"["/usr/*", "/lib/*", "/lib64/*", "/etc/ld.so.cache", "/dev/*", "/proc/*", "/sys/*", "/tmp/*"]"#

    /// Starts a C daemon under `policy` (the jail's default policy when nil) with
    /// `--require-sandbox`, runs `program` in query mode, and stops the daemon.
    private func run(_ program: String, policy: String?) async throws -> RunOutput {
        let directory = try TemporaryDirectory.make(prefix: "kr-sandbox-")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var arguments = ["--require-sandbox"]
        if let policy {
            try policy.write(toFile: directory + "/policy.yml", atomically: true, encoding: .utf8)
            arguments += ["--policy", directory + "/policy.yml"]
        }
        return try await withDaemon(language: "c", arguments: arguments) { daemon in
            #expect(await eventually { daemon.log.contains("sandbox: no_new_privs, seccomp") }, "log: \(daemon.log)")
            return try await daemon.query(Self.prelude + program)
        }
    }

    private static let prelude = """
        #define _GNU_SOURCE
        #include <errno.h>
        #include <fcntl.h>
        #include <pthread.h>
        #include <signal.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <sys/ptrace.h>
        #include <sys/syscall.h>
        #include <sys/wait.h>
        #include <unistd.h>
        __attribute__((unused)) static const char *outcome(long result) { return result < 0 ? strerror(errno) : "ok"; }

        """

    /// What a run must report: `refused` calls (nil: none, and no notice), the first named
    /// `first` (a prefix) in the one notice on stderr and counted in `policyDenials`.
    private func expect(
        _ output: RunOutput, stdout: String, refused: (count: Int, first: String)?, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(output.stdout == stdout, "stderr: \(output.stderr)", sourceLocation: sourceLocation)
        #expect(output.result?.policyDenials == refused?.count, "stderr: \(output.stderr)", sourceLocation: sourceLocation)
        guard let refused else {
            #expect(!output.stderr.contains("sandbox:"), "stderr: \(output.stderr)", sourceLocation: sourceLocation)
            return
        }
        let all = refused.count > 1 ? " (\(refused.count) calls refused in all)" : ""
        let notice = output.stderr.split(separator: "\n").first { $0.hasPrefix("kernel-runner: sandbox: \(refused.first)") }
        #expect(notice?.hasSuffix(" refused by policy\(all)") == true, "stderr: \(output.stderr)", sourceLocation: sourceLocation)
    }

    // MARK: - whitelist_paths

    @Test(
        arguments: [
            ("whitelist_paths:\n  OP_OPEN: \(systemFiles)\n", "open: Permission denied\n", 1),
            ("whitelist_paths:\n  OP_OPEN: \(systemFiles.dropLast()), \"/etc/*\"]\n", "open: ok\n", nil),
        ] as [(String, String, Int?)])
    func openIsCheckedAgainstTheWhitelist(policy: String, stdout: String, refused: Int?) async throws {
        let output = try await run(
            #"int main(void) { printf("open: %s\n", outcome(open("/etc/hostname", O_RDONLY))); return 0; }"#, policy: policy)
        expect(output, stdout: stdout, refused: refused.map { ($0, "open /etc/hostname") })
    }

    @Test func chmodOutsideTheWhitelistIsRefused() async throws {
        let output = try await run(
            #"int main(void) { printf("chmod: %s\n", outcome(chmod("/etc/hostname", 0644))); return 0; }"#,
            policy: nil)
        expect(output, stdout: "chmod: Operation not permitted\n", refused: (1, "chmod /etc/hostname"))
    }

    // MARK: - exec_allowance

    /// The program runs itself again twice; `OP_EXEC` covers only /usr (the compiler).
    private static let execTwice = #"""
        int main(int argc, char **argv) {
            if (argc > 1) { puts("exec: ok"); return 0; }
            for (int i = 0; i < 2; i++) {
                fflush(stdout);
                pid_t child = fork();
                if (child == 0) { execl(argv[0], argv[0], "again", (char *)NULL); printf("exec: %s\n", strerror(errno)); _exit(1); }
                waitpid(child, NULL, 0);
            }
            return 0;
        }
        """#

    /// With `exec_allowance: 0` Landlock enforces `OP_EXEC` in the kernel, and the daemon still
    /// reports the refusals.
    @Test(
        arguments: [
            ("OP_EXEC: [\"/usr/*\"]\nexec_allowance: 1", "exec: ok\nexec: Permission denied\n", 1),
            ("OP_EXEC: [\"/usr/*\"]\nexec_allowance: 0", "exec: Permission denied\nexec: Permission denied\n", 2),
            ("OP_EXEC: [\"*\"]\nexec_allowance: 0", "exec: ok\nexec: ok\n", nil),
        ] as [(String, String, Int?)])
    func execOutsideOPExecIsCountedAgainstTheAllowance(rules: String, stdout: String, refused: Int?) async throws {
        let output = try await run(Self.execTwice, policy: "whitelist_paths:\n  \(rules)\n")
        expect(output, stdout: stdout, refused: refused.map { ($0, "exec /tmp/") })
    }

    // MARK: - fork_allowance

    /// Eight forks, then eight threads (threads are not forks).
    private static let forkEightTimes = #"""
        static void *idle(void *argument) { return argument; }
        int main(void) {
            int forks = 0, threads = 0;
            for (int i = 0; i < 8; i++) {
                pid_t child = fork();
                if (child == 0) _exit(0);
                if (child > 0) { forks++; waitpid(child, NULL, 0); }
            }
            for (int i = 0; i < 8; i++) {
                pthread_t thread;
                if (pthread_create(&thread, NULL, idle, NULL) == 0) { threads++; pthread_join(thread, NULL); }
            }
            printf("forks: %d, threads: %d\n", forks, threads);
            return 0;
        }
        """#

    /// gcc forks cc1, as and collect2 (which forks ld) in a tree of its own, within 6.
    @Test(arguments: [(6, "forks: 6, threads: 8\n", 2), (-1, "forks: 8, threads: 8\n", nil)] as [(Int, String, Int?)])
    func forksBeyondTheAllowanceAreRefused(allowance: Int, stdout: String, refused: Int?) async throws {
        let output = try await run(Self.forkEightTimes, policy: "fork_allowance: \(allowance)\n")
        expect(output, stdout: stdout, refused: refused.map { ($0, "clone beyond fork_allowance \(allowance)") })
    }

    // MARK: - ptrace, signals, allowed_syscalls

    /// `PTRACE_TRACEME` is the harmless probe: without the sandbox it succeeds. (A policy that
    /// lists `ptrace` does not load.)
    @Test func ptraceIsRefused() async throws {
        let output = try await run(
            #"int main(void) { printf("ptrace: %s\n", outcome(ptrace(PTRACE_TRACEME, 0, NULL, NULL))); return 0; }"#,
            policy: nil)
        expect(output, stdout: "ptrace: Operation not permitted\n", refused: (1, "ptrace"))
    }

    /// `kill(pid, 0)` only asks whether the process exists: as root it succeeds for PID 1 and
    /// the daemon (the program's parent) unless refused; the program's own child stays reachable.
    @Test func signalsToPIDOneAndTheDaemonAreRefused() async throws {
        let output = try await run(
            #"""
            int main(void) {
                printf("init: %s\n", outcome(kill(1, 0)));
                printf("daemon: %s\n", outcome(kill(getppid(), 0)));
                printf("daemon thread: %s\n", outcome(syscall(SYS_tgkill, getppid(), getppid(), 0)));
                pid_t child = fork();
                if (child == 0) { pause(); _exit(0); }
                printf("child: %s\n", outcome(kill(child, SIGKILL)));
                waitpid(child, NULL, 0);
                return 0;
            }
            """#, policy: nil)
        expect(
            output,
            stdout: "init: Operation not permitted\ndaemon: Operation not permitted\ndaemon thread: Operation not permitted\nchild: ok\n",
            refused: (3, "kill 1 "))
    }

    /// `kcmp` of a process with itself is harmless; it is not in the default allow-list.
    private static let kcmp =
        #"int main(void) { printf("kcmp: %s\n", outcome(syscall(SYS_kcmp, getpid(), getpid(), 0, 0, 0))); return 0; }"#

    @Test(
        arguments: [(nil, "kcmp: Operation not permitted\n", 1), ("diff_to_default: true\nallowed_syscalls: [kcmp]\n", "kcmp: ok\n", nil)]
            as [(String?, String, Int?)])
    func syscallsOutsideTheAllowListAreRefused(policy: String?, stdout: String, refused: Int?) async throws {
        let output = try await run(Self.kcmp, policy: policy)
        expect(output, stdout: stdout, refused: refused.map { ($0, "kcmp") })
    }

    // MARK: - no new privileges

    @Test func programsRunWithNoNewPrivileges() async throws {
        let output = try await run(
            #"""
            int main(void) {
                FILE *status = fopen("/proc/self/status", "r");
                char line[256];
                while (fgets(line, sizeof line, status)) if (strncmp(line, "NoNewPrivs:", 11) == 0) fputs(line, stdout);
                return 0;
            }
            """#, policy: nil)
        #expect(output.stdout == "NoNewPrivs:\t1\n")
    }

    /// A copy of `id` owned by nobody with the setuid bit: without no_new_privs it would run as
    /// nobody (65534). Only root can make that file.
    @Test(.enabled(if: getuid() == 0, "making a file of another owner setuid needs root"))
    func setuidProgramsGainNothing() async throws {
        let directory = try TemporaryDirectory.make(prefix: "kr-setuid-")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/id"
        try FileManager.default.copyItem(atPath: "/usr/bin/id", toPath: path)
        #expect(chmod(directory, 0o755) == 0)
        #expect(chown(path, 65534, 65534) == 0)
        #expect(chmod(path, 0o4755) == 0)
        let output = try await run(
            #"int main(void) { fflush(stdout); execl("\#(path)", "id", "-u", (char *)NULL); return 127; }"#,
            policy: nil)
        #expect(output.stdout == "0\n", "stderr: \(output.stderr)")
    }
}
