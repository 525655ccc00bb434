import CSpawn
import CSystem
import Glibc
import SystemSupport

extension SupervisedProcess {
    /// Starts `spec`'s program and its I/O thread.
    ///
    /// The child starts with default signal dispositions, an empty signal mask,
    /// a new session (its pid is the process group id) and only descriptors 0-2.
    /// Every failure up to `execve` is reported here, synchronously.
    public static func spawn(_ spec: ProcessSpec, handlers: ProcessHandlers) throws(SpawnError) -> SupervisedProcess {
        ProcessReaper.start()
        let program = try ExecutableLookup.program(
            spec.executable, searchPath: spec.environment["PATH"], workingDirectory: spec.workingDirectory,
            childMaySearch: spec.confinement?.landlockRuleset == nil)
        let connections = try StandardIOConnections(spec.standardIO)
        let controlGroups = RunControlGroups.make(processLimit: spec.limits.processes, memoryLimit: spec.limits.memoryBytes)
        let process: SupervisedProcess
        do throws(SpawnError) {
            let wakeup: WakeupDescriptor
            do {
                wakeup = try WakeupDescriptor()
            } catch {
                throw SpawnError(code: .pipe, errno: error.errno)
            }
            process = try ChildRegistry.shared.launch { () throws(SpawnError) in
                let child = try startChild(program, spec: spec, connections: connections, controlGroups: controlGroups)
                return SupervisedProcess(
                    pid: child.pid, pidDescriptor: child.pidDescriptor, startTime: .now,
                    acceptsInput: spec.standardIO != .pipes, wakeup: wakeup, controlGroups: controlGroups)
            }
        } catch {
            connections.closeAll()
            controlGroups?.remove()
            throw error
        }
        connections.closeChildSide()
        do {
            try OSThread.detach(name: "krs-io") {
                ProcessIOLoop(process: process, connections: connections, handlers: handlers).run()
            }
        } catch {
            process.kill()
            _ = process.mainProcessExit()
            connections.closeDaemonSide()
            controlGroups?.remove()
            throw SpawnError(code: .fork, errno: error.errno)
        }
        return process
    }

    /// Makes the next spawn look again at which signals this process ignores, after code set a
    /// signal's disposition to or from `SIG_IGN`. Children start with every signal at its
    /// default: a handled one is reset by the kernel as the child is made, an ignored one by the
    /// child, which learns them from a look at the first spawn (the daemon changes none later).
    public static func signalDispositionsChanged() {
        krs_spawn_signal_dispositions_changed()
    }

    /// Removes what spawns keep ready for later runs (emptied control groups); for a daemon that
    /// stops, after its last run.
    public static func releaseSpares() {
        RunControlGroups.removeIdle()
    }

    private static func startChild(
        _ program: (path: String, searchPath: String?), spec: ProcessSpec, connections: StandardIOConnections,
        controlGroups: RunControlGroups?
    ) throws(SpawnError) -> (pid: Int32, pidDescriptor: Int32) {
        let path = program.path
        let arguments = CStringArray([spec.executable] + spec.arguments)
        let environment = EnvironmentBlock.of(spec.environment)
        // The control groups cap the run's processes and memory; RLIMIT_NPROC and RLIMIT_AS are
        // only the fallbacks (NPROC counts every process of the user and does not bind root).
        let limits = spec.limits.spawnLimits(besides: controlGroups)
        let groupDescriptors = controlGroups?.membershipDescriptors ?? []
        let birthGroup = controlGroups?.birthGroup
        let confinement = spec.confinement
        let channel = try confinement?.listener.map { _ throws(SpawnError) in try ListenerChannel() }
        defer { channel?.close() }
        let ruleset = try confinement?.landlockRuleset.map { make throws(SpawnError) in try make(path) }
        defer { ruleset.map { _ = close($0) } }
        var pid: pid_t = 0
        var pidDescriptor: Int32 = -1
        var error: Int32 = 0
        var step = krs_spawn_step.KRS_SPAWN_STEP_NONE
        let filter = confinement?.seccompFilter ?? []
        let result = path.withCString { path in
            withOptionalCString(program.searchPath) { searchPath in
                spec.workingDirectory.withCString { workingDirectory in
                    limits.withUnsafeBufferPointer { limits in
                        groupDescriptors.withUnsafeBufferPointer { groupDescriptors in
                            filter.withUnsafeBytes { filter in
                                var request = krs_spawn_request(
                                    path: path,
                                    search_path: searchPath,
                                    argv: arguments.baseAddress,
                                    envp: environment.strings.baseAddress,
                                    working_directory: workingDirectory,
                                    stdin_fd: connections.childInput,
                                    stdout_fd: connections.childOutput,
                                    stderr_fd: connections.childErrorOutput,
                                    set_controlling_terminal: connections.isTerminal ? 1 : 0,
                                    control_group_fds: groupDescriptors.baseAddress,
                                    control_group_count: groupDescriptors.count,
                                    birth_group_fd: birthGroup?.directory ?? -1,
                                    birth_group_procs_fd: birthGroup?.membership ?? -1,
                                    limits: limits.baseAddress,
                                    limit_count: limits.count,
                                    no_new_privileges: confinement?.noNewPrivileges == true ? 1 : 0,
                                    landlock_ruleset_fd: ruleset ?? -1,
                                    seccomp_filter: filter.isEmpty ? nil : filter.baseAddress,
                                    seccomp_filter_length: UInt16(filter.count / 8),
                                    seccomp_listener_socket: channel?.childEnd ?? -1,
                                    seccomp_cookie: confinement?.seccompCookie ?? 0)
                                return krs_spawn(&request, &pid, &pidDescriptor, &error, &step)
                            }
                        }
                    }
                }
            }
        }
        guard result == 0 else { throw SpawnError(step: step, errno: error) }
        if let channel, let listener = confinement?.listener {
            // Sent before execve, so it waits in the channel now.
            let fd = krs_receive_descriptor(channel.daemonEnd)
            if fd >= 0 { listener(fd, pid) }
        }
        return (pid, pidDescriptor)
    }

    private static func withOptionalCString<Result>(
        _ string: String?, _ body: (UnsafePointer<CChar>?) -> Result
    ) -> Result {
        guard let string else { return body(nil) }
        return string.withCString(body)
    }
}
