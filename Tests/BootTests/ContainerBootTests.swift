import Foundation
import KernelProtocol
import Logging
import TestSupport
import Testing

@testable import KernelRunnerBoot
@testable import KernelRunnerCore
@testable import KernelRunnerServices

@Suite("Container boot", .timeLimit(.minutes(2)), .enabled(if: Toolchain.available("python3"), "python3 is not installed"))
struct ContainerBootTests {
    let fixture: ServiceFixture
    let kernel: String

    init() throws {
        fixture = try ServiceFixture()
        kernel = fixture.settings.kernelDirectory
        try FileManager.default.createDirectory(atPath: kernel, withIntermediateDirectories: true)
    }

    private func boot(ports: IntrinsicPorts = IntrinsicPorts()) -> ContainerBoot {
        ContainerBoot(
            configuration: fixture.configuration, settings: fixture.settings, environment: fixture.environment, ports: ports,
            logger: Logger(label: "test.boot"))
    }

    private func install(_ name: String, _ script: String) throws {
        let path = kernel + "/" + name
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
    }

    /// Stand-ins for the agent's binaries: key tools that write files, servers that are
    /// python3 http.server on the requested port. Each records its arguments.
    private func installFakeIntrinsicBinaries() throws {
        try install(
            "dropbearmulti",
            #"""
            #!/bin/sh
            program=$1; shift
            printf '%s\n' "$@" > "$(dirname "$0")/$program.args"
            case "$program" in
            dropbearkey)
                while [ $# -gt 0 ]; do [ "$1" = -f ] && out=$2; shift; done
                [ -e "$out" ] && { echo "$out exists" >&2; exit 1; }
                echo key > "$out"
                printf 'Public key portion is:\nssh-rsa AAAAtest user@test\nFingerprint: sha1!! 00\n' ;;
            dropbearconvert)
                echo "converted $3" > "$4" ;;
            dropbear)
                while [ $# -gt 0 ]; do [ "$1" = -p ] && port=${2##*:}; shift; done
                exec python3 -m http.server "$port" --bind 127.0.0.1 ;;
            esac
            """#)
        try install(
            "ttyd",
            #"""
            #!/bin/sh
            printf '%s\n' "$@" > "$(dirname "$0")/ttyd.args"
            while [ $# -gt 0 ]; do [ "$1" = -p ] && port=$2; shift; done
            exec python3 -m http.server "$port" --bind 127.0.0.1
            """#)
    }

    @Test func intrinsicServicesStartWhenTheirBinariesExist() async throws {
        try installFakeIntrinsicBinaries()
        try FileManager.default.createDirectory(atPath: fixture.root + "/config/ssh", withIntermediateDirectories: true)
        try "ssh-ed25519 CLUSTER cluster\n".write(toFile: fixture.root + "/config/ssh/id_cluster.pub", atomically: true, encoding: .utf8)
        let manager = fixture.manager()
        let ports = IntrinsicPorts(sshd: try freePort(), ttyd: try freePort())
        await boot(ports: ports).start(services: manager)
        let bothUp = await eventually(within: TimeBound.hang(after: .seconds(30))) {
            let sshd = await isListening(ports.sshd!)
            let ttyd = await isListening(ports.ttyd!)
            return sshd && ttyd
        }
        #expect(bothUp)

        let authorized = try String(contentsOfFile: fixture.work + "/.ssh/authorized_keys", encoding: .utf8)
        #expect(authorized.contains("ssh-rsa AAAAtest user@test"))
        #expect(authorized.contains("ssh-ed25519 CLUSTER cluster"))
        #expect(FileManager.default.fileExists(atPath: fixture.work + "/id_container"))
        #expect(FileManager.default.fileExists(atPath: fixture.settings.sshKeyDirectory + "/dropbear_rsa_host_key"))
        let dropbearArguments = try String(contentsOfFile: kernel + "/dropbear.args", encoding: .utf8).split(separator: "\n")
        #expect(dropbearArguments.contains("0.0.0.0:\(ports.sshd!)"))
        #expect(dropbearArguments.contains("-F"))
        #expect(dropbearArguments.contains("-w"), "root logins must be refused")
        let ttydArguments = try String(contentsOfFile: kernel + "/ttyd.args", encoding: .utf8).split(separator: "\n")
        // -W: a writable terminal (read-only by default since ttyd 1.7).
        #expect(ttydArguments.prefix(3) == ["-W", "-p", "\(ports.ttyd!)"])

        #expect(await manager.start(IntrinsicService.sshd.bootRequest(ports: ports)) == .running)
        #expect(manager.apps(named: "") == [], "get-apps lists definition files only")
        await manager.shutdownAll()
    }

    /// A multi-node session: the agent's host key (no new key per start) and its cluster key,
    /// with `~/.ssh/config` entries for the other containers.
    @Test func sshdUsesTheAgentsHostKeyAndWritesTheClusterEntries() async throws {
        try installFakeIntrinsicBinaries()
        let ssh = fixture.root + "/config/ssh"
        try FileManager.default.createDirectory(atPath: ssh, withIntermediateDirectories: true)
        try "agent host key\n".write(toFile: ssh + "/dropbear_rsa_host_key", atomically: true, encoding: .utf8)
        try "private\n".write(toFile: ssh + "/id_cluster", atomically: true, encoding: .utf8)
        try #"{"main1": ["10.0.0.2", 2200], "sub1": ["10.0.0.3", 2201]}"#.write(
            toFile: ssh + "/port-mapping.json", atomically: true, encoding: .utf8)
        let manager = fixture.manager()
        let request = ServiceRequest(name: "sshd", port: try freePort(), protocol: "tcp")
        #expect(await manager.start(request) == .started)
        await manager.shutdownAll()

        let dropbearArguments = try String(contentsOfFile: kernel + "/dropbear.args", encoding: .utf8).split(separator: "\n")
        #expect(dropbearArguments.starts(with: ["-r", "\(ssh)/dropbear_rsa_host_key"]))
        #expect(!FileManager.default.fileExists(atPath: fixture.settings.sshKeyDirectory + "/dropbear_rsa_host_key"))
        let config = try String(contentsOfFile: fixture.work + "/.ssh/config", encoding: .utf8)
        #expect(
            config == """

                Host main1
                \tHostName 10.0.0.2
                \tPort 2200
                \tStrictHostKeyChecking no
                \tIdentityFile \(ssh)/id_cluster

                Host sub1
                \tHostName 10.0.0.3
                \tPort 2201
                \tStrictHostKeyChecking no
                \tIdentityFile \(ssh)/id_cluster

                """)
    }

    @Test func missingBinariesAreSkipped() async throws {
        let manager = fixture.manager()
        await boot().start(services: manager)
        #expect(manager.state.withLock { $0.running.isEmpty })
        let result = await manager.start(ServiceRequest(name: "sshd", port: try freePort(), protocol: "tcp"))
        #expect(result == .failed("the executable file is not found: \(kernel)/dropbearmulti"))
    }

    @Test func bootstrapRunsOnceBeforeStartReturns() async throws {
        try "pwd > boot.out; echo \"$HOME\" >> boot.out; echo visible in the daemon log\n"
            .write(toFile: fixture.work + "/bootstrap.sh", atomically: true, encoding: .utf8)
        await boot().start(services: fixture.manager())
        #expect(try String(contentsOfFile: fixture.work + "/boot.out", encoding: .utf8) == "\(fixture.work)\n\(fixture.work)\n")
    }

    @Test func stopEndsALongBootstrap() async throws {
        try "echo $$ > boot.pid; sleep 60\n".write(toFile: fixture.work + "/bootstrap.sh", atomically: true, encoding: .utf8)
        let boot = boot()
        let manager = fixture.manager()
        let running = Task { await boot.start(services: manager) }
        let pid = try await fixture.pid(writtenTo: "boot.pid")
        let stopped = ContinuousClock.now
        boot.stop()
        await running.value
        #expect(ContinuousClock.now - stopped < TimeBound.bootstrapStop)
        #expect(await isGone(pid))
    }
}
