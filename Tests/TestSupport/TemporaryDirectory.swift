import SystemSupport

/// Creates private temporary directories for tests.
public enum TemporaryDirectory {
    public static func make(prefix: String) throws -> String {
        try FileSystem.makePrivateDirectory(prefix: prefix)
    }
}
