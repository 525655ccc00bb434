import Foundation
import KernelProtocol
@testable import KernelRunner
import Logging
import Testing

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
        ContainerBoot(configuration: fixture.configuration, settings: fixture.settings, environment: fixture.environment, ports: ports, logger: Logger(label: "test.boot"))
    }

    private func install(_ name: String, _ script: String) throws {
        let path = kernel + "/" + name
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
    }

    /// Stand-ins for the agent's binaries: key tools that write files, servers that are
    /// python3 http.server on the requested port. Each records its arguments.
    private func installFakeIntrinsicBinaries() throws {
        try install("dropbearmulti", #"""
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
        try install("ttyd", #"""
            #!/bin/sh
            printf '%s\n' "$@" > "$(dirname "$0")/ttyd.args"
            exec python3 -m http.server "$2" --bind 127.0.0.1
            """#)
    }

    @Test func intrinsicServicesStartWhenTheirBinariesExist() async throws {
        try installFakeIntrinsicBinaries()
        try FileManager.default.createDirectory(atPath: fixture.root + "/config/ssh", withIntermediateDirectories: true)
        try "ssh-ed25519 CLUSTER cluster\n".write(toFile: fixture.root + "/config/ssh/id_cluster.pub", atomically: true, encoding: .utf8)
        let manager = fixture.manager()
        let ports = IntrinsicPorts(sshd: try freePort(), ttyd: try freePort())
        await boot(ports: ports).start(services: manager)
        let bothUp = await eventually(timeout: .seconds(30)) {
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
        let ttydArguments = try String(contentsOfFile: kernel + "/ttyd.args", encoding: .utf8).split(separator: "\n")
        #expect(ttydArguments.prefix(2) == ["-p", "\(ports.ttyd!)"])

        #expect(await manager.start(IntrinsicService.sshd.bootRequest(ports: ports)) == .running)
        #expect(manager.apps(named: "") == [], "get-apps lists definition files only")
        await manager.shutdownAll()
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
        #expect(ContinuousClock.now - stopped < .seconds(2))
        #expect(await isGone(pid))
    }
}
