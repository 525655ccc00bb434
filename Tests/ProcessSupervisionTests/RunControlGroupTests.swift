import CSpawn
import Glibc
import SystemSupport
import TestSupport
import Testing

@testable import ProcessSupervision

/// Where a run's processes are: created in their cgroup v2 group (nothing moves), in a group an
/// earlier run emptied, with that run's process limit replaced by their own. Emptied groups are
/// shared by the whole process: the suite assumes no other spawns at the same time (`make test`
/// runs one test at a time).
@Suite(
    "Run control groups: creation in the group, reuse",
    .serialized,
    .enabled(if: ControlGroups.canBeCreated(.pids), "the daemon cannot create pids control groups here")
)
struct RunControlGroupTests {
    /// The `/proc/self/cgroup` lines of a run without limits, and of one with `processLimit`.
    private func groupLines(processLimit: Int? = nil) async throws -> [Substring] {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("cat /proc/self/cgroup", limits: ResourceLimits(processes: processLimit)), handlers: recorder.handlers)
        let status = try #require(await finish(process))
        #expect(status.exitCode == 0)
        return recorder.stdoutText.split(separator: "\n")
    }

    /// The run group (`kernel-runner.<pid>.<n>`) a run's line of `hierarchy` names, as a directory.
    private func runGroup(in hierarchy: ControlGroupHierarchy, lines: [Substring]) throws -> String {
        let line = try #require(
            lines.first { line in
                let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
                return fields.count == 3
                    && (hierarchy.version == .v2
                        ? fields[0] == "0" && fields[1].isEmpty : fields[1].split(separator: ",").contains("pids"))
            })
        let name = try #require(line.split(separator: "/").last)
        #expect(name.hasPrefix("kernel-runner.\(getpid())."), "\(line)")
        return hierarchy.parent + "/" + name
    }

    @Test(.enabled(if: Toolchain.isCI || ControlGroupHierarchy.unified != nil, "no cgroup v2 hierarchy here"))
    func aRunIsCreatedInItsGroupAndTheNextOneReusesIt() async throws {
        let unified = try #require(ControlGroupHierarchy.unified)
        let first = try runGroup(in: unified, lines: try await groupLines())
        // clone3 was not refused: the child was born in the group, it did not move there.
        #expect(krs_spawn_creates_in_group() == 1)
        let second = try runGroup(in: unified, lines: try await groupLines())
        #expect(second == first, "the emptied group of the first run serves the second")
    }

    @Test func aReusedGroupTakesTheNextRunsProcessLimit() async throws {
        let hierarchy = try #require(
            ControlGroupHierarchy.unified.flatMap { $0.controllers.contains(.pids) ? $0 : nil }
                ?? ControlGroupHierarchy.serving(.pids))
        func limit(of group: String) -> String? {
            FileSystem.text(of: group + "/pids.max")?.split(separator: "\n").first.map(String.init)
        }
        let limited = try runGroup(in: hierarchy, lines: try await groupLines(processLimit: 5))
        #expect(limit(of: limited) == "5")
        let relimited = try runGroup(in: hierarchy, lines: try await groupLines(processLimit: 9))
        #expect(relimited == limited)
        #expect(limit(of: relimited) == "9")
        // A run without a limit uses the same hierarchy unless a v2 one without pids serves it.
        if hierarchy === ControlGroupHierarchy.unified || ControlGroupHierarchy.unified == nil {
            let unlimited = try runGroup(in: hierarchy, lines: try await groupLines())
            #expect(unlimited == limited)
            #expect(limit(of: unlimited) == "max")
        }
    }

    @Test func theGroupListsEveryProcessOfTheRun() async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("sleep 30 & sleep 30 & echo $$ $!; wait", limits: ResourceLimits(processes: 10)),
            handlers: recorder.handlers)
        #expect(await eventually { recorder.stdoutText.contains("\n") })
        let shellAndLastSleep = Set(recorder.stdoutText.split(whereSeparator: \.isWhitespace).compactMap { Int32($0) })
        let members = try #require(process.controlGroups?.members)
        process.kill()
        _ = await finish(process)
        #expect(members.count == 3)
        #expect(shellAndLastSleep.count == 2 && shellAndLastSleep.isSubset(of: Set(members)))
    }
}
