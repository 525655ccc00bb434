import Testing

@testable import ProcessSupervision

@Suite("cgroup flat keyed files")
struct FlatKeyedValuesTests {
    @Test(arguments: [
        // v1 memory.oom_control
        ("oom_kill_disable 0\nunder_oom 0\noom_kill 3\n", 3),
        // v2 memory.events
        ("low 0\nhigh 0\nmax 17\noom 1\noom_kill 1\noom_group_kill 0\n", 1),
        ("oom_kill 0", 0),
    ])
    func oomKillCounterIsRead(text: String, kills: Int) {
        #expect(FlatKeyedValues(text)["oom_kill"] == kills)
    }

    @Test(arguments: [
        // v1 before Linux 4.13 has no counter.
        "oom_kill_disable 0\nunder_oom 0\n",
        "",
        "oom_kill\n",
        "oom_kill many\n",
        "oom_kill 1 2\n",
    ])
    func missingOrMalformedCounterIsNil(text: String) {
        #expect(FlatKeyedValues(text)["oom_kill"] == nil)
    }

    @Test func keysMatchWholeWords() {
        let values = FlatKeyedValues("oom_group_kill 2\noom 5\n")
        #expect(values["oom_kill"] == nil)
        #expect(values["oom"] == 5)
        #expect(values["oom_group_kill"] == 2)
    }
}
