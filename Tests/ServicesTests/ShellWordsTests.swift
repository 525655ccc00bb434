import Testing

@testable import KernelRunnerCore
@testable import KernelRunnerServices

@Suite("Splitting commands into words")
struct ShellWordsTests {
    // Qualified: the test target has a `ShellWords` of its own (Dockerfile tests).
    @Test(arguments: [
        ("  python3 -m  http.server\t8000 ", ["python3", "-m", "http.server", "8000"]),
        (#"echo 'a b' "c \"d\" \n" e\ f"#, ["echo", "a b", #"c "d" \n"#, "e f"]),
        (#"x '' "" y"#, ["x", "", "", "y"]),
        ("a'b'\"c\"d", ["abcd"]),
        ("", []),
    ])
    func splitsLikeAPosixShell(_ text: String, _ expected: [String]) throws {
        let words = try KernelRunnerServices.ShellWords.split(text)
        #expect(words == expected)
    }

    @Test(arguments: ["echo 'open", #"echo "open"#, #"trailing\"#])
    func rejectsUnterminatedQuotes(_ text: String) {
        #expect(throws: ServiceError.self) { try KernelRunnerServices.ShellWords.split(text) }
    }
}
