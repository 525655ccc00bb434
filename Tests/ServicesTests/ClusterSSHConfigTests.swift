import Foundation
import Testing

@testable import KernelRunnerCore
@testable import KernelRunnerServices

@Suite("Cluster ssh entries")
struct ClusterSSHConfigTests {
    @Test func everyRoleOfTheReplicasGetsAPatternOnTheSSHDPort() {
        let hosts = ClusterSSHConfig.hosts(replicas: "main:1,sub:3", port: 2200)
        #expect(hosts == [.init(pattern: "main*", port: 2200), .init(pattern: "sub*", port: 2200)])
    }

    @Test func malformedPortMappingEntriesAreSkipped() {
        let data = Data(#"{"b": ["10.0.0.3", 22], "a": ["10.0.0.2", 2200], "c": ["x"], "d": [1, 2]}"#.utf8)
        #expect(
            ClusterSSHConfig.hosts(portMapping: data) == [
                .init(pattern: "a", hostName: "10.0.0.2", port: 2200),
                .init(pattern: "b", hostName: "10.0.0.3", port: 22),
            ])
        #expect(ClusterSSHConfig.hosts(portMapping: Data("not json".utf8)).isEmpty)
    }

    @Test func mergingTwiceAddsEachHostOnce() {
        let config = ClusterSSHConfig(hosts: [.init(pattern: "main*", port: 2200)], identityFile: "/c/ssh/id_cluster")
        let once = config.merged(into: "Host mine\n\tUser me\n")
        #expect(once == "Host mine\n\tUser me\n\nHost main*\n\tPort 2200\n\tStrictHostKeyChecking no\n\tIdentityFile /c/ssh/id_cluster\n")
        #expect(config.merged(into: once) == once)
    }
}
