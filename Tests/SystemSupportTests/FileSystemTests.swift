import Glibc
import SystemSupport
import Testing

@Suite("File system")
struct FileSystemTests {
    @Test func writeReadMakeAndRemove() throws {
        let root = try FileSystem.makePrivateDirectory(prefix: "system-support-")
        var status = stat()
        stat(root, &status)
        #expect(status.st_mode & 0o777 == 0o700)
        let nested = root + "/a/b/c"
        try FileSystem.makeDirectory(nested)
        try FileSystem.makeDirectory(nested)
        #expect(FileSystem.isDirectory(nested))
        try FileSystem.write(Array("hello".utf8), to: nested + "/file")
        #expect(FileSystem.text(of: nested + "/file") == "hello")
        #expect(FileSystem.contents(of: nested + "/file", limit: 2) == Array("he".utf8))
        FileSystem.removeTree(root)
        #expect(!FileSystem.isDirectory(root))
    }

    @Test func errorsCarryTheOperationAndErrno() {
        #expect(throws: SystemError(.open, errno: ENOENT, path: "/no/such/file")) {
            try FileSystem.read("/no/such/file")
        }
        #expect(FileSystem.contents(of: "/no/such/file") == nil)
    }
}
