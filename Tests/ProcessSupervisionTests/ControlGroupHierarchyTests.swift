import Glibc
import TestSupport
import Testing

@testable import ProcessSupervision

@Suite(
    "Run control groups",
    .enabled(if: ControlGroups.canBeCreated(.pids), "the daemon cannot create pids control groups here")
)
struct ControlGroupHierarchyTests {
    @Test func aGroupLeftByAnEarlierDaemonWithTheSamePidIsSteppedOver() throws {
        let hierarchy = try #require(ControlGroupHierarchy.serving(.pids))
        let first = try #require(hierarchy.makeGroup())
        defer { hierarchy.removeGroup(first) }
        // The next serial's name, as a daemon that had this pid before would have left it.
        let serial = try #require(first.split(separator: ".").last.flatMap { Int($0) })
        let stale = hierarchy.parent + "/kernel-runner.\(getpid()).\(serial + 1)"
        #expect(mkdir(stale, 0o700) == 0)
        defer { rmdir(stale) }
        let next = try #require(hierarchy.makeGroup(), "a taken name must not stop the next group")
        defer { hierarchy.removeGroup(next) }
        #expect(next != stale)
    }

    @Test func aGroupIsRemovedWithTheGroupsADaemonInsideItLeft() throws {
        let hierarchy = try #require(ControlGroupHierarchy.serving(.pids))
        let group = try #require(hierarchy.makeGroup())
        let nested = group + "/kernel-runner.1.1"
        #expect(mkdir(nested, 0o700) == 0)
        #expect(mkdir(nested + "/kernel-runner.2.1", 0o700) == 0)
        hierarchy.removeGroup(group)
        #expect(access(group, F_OK) != 0, "the group and its subgroups must be gone")
    }
}
